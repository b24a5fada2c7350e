import { useState } from 'preact/hooks';
import { useDraft } from '../../form-draft';
import type { Worker } from '../../../domain/types';
import { firstErrorByField, validatePair } from '../../../domain/weekly-validate';
import type { PairInput } from '../../../db/people';
import { Chip } from '../../components/Chip';
import { DateField } from '../../components/DateField';
import { toggleIn } from '../../components/WorkerPicker';

/** Who (a 党员) helps whom, from when. Validated before saving: a pair needs both sides. */
export function PairForm(props: { draftKey: string; workers: Worker[]; initial: PairInput; onSubmit: (p: PairInput) => Promise<boolean>; onCancel: () => void }) {
  // A draft until 保存结对 or 取消: back, another tab or a reload keep the picks.
  const [draft, setDraft, clear] = useDraft(props.draftKey, { mentorId: props.initial.mentorId, workerIds: props.initial.workerIds, since: props.initial.since });
  const { mentorId, workerIds, since } = draft;
  const setWorkerIds = (ids: string[]) => setDraft({ ...draft, workerIds: ids });
  const setSince = (s: string) => setDraft({ ...draft, since: s });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const members = props.workers.filter((w) => w.partyMember);
  // A mentor cannot also be one of their own X.
  const pickMentor = (id: string) => setDraft({ ...draft, mentorId: id, workerIds: workerIds.filter((x) => x !== id) });
  const submit = async (e: Event) => {
    e.preventDefault();
    const input = { mentorId, workerIds, since, until: props.initial.until };
    const r = validatePair(input);
    setErrors(firstErrorByField(r));
    if (r.ok && (await props.onSubmit(input))) clear();
  };
  const err = (k: string) => errors[k] && <p class="wk-field-error" role="alert">{errors[k]}</p>;
  return (
    <form class="stack wk-prev" onSubmit={submit} noValidate data-testid="pair-form">
      <div class="wk-label">帮扶党员</div>
      {members.length === 0 && <p class="hint">花名册中还没有标记党员：请到「设置 → 花名册」点「党员」。</p>}
      <div class="row" role="group" aria-label="帮扶党员">
        {members.map((w) => <Chip key={w.id} label={w.name} on={mentorId === w.id} onToggle={() => pickMentor(w.id)} />)}
      </div>
      {err('mentorId')}
      <div class="wk-label">帮扶对象</div>
      <div class="row" role="group" aria-label="帮扶对象">
        {props.workers.filter((w) => w.id !== mentorId).map((w) => (
          <Chip key={w.id} label={w.name} on={workerIds.includes(w.id)} onToggle={() => setWorkerIds(toggleIn(workerIds, w.id))} />
        ))}
      </div>
      {err('workerIds')}
      <label for="pair-since">开始日期</label>
      <DateField id="pair-since" label="开始日期" value={since} onChange={setSince} />
      {err('since')}
      <div class="row">
        <button type="submit" class="primary wk-done">保存结对</button>
        <button type="button" onClick={() => (clear(), props.onCancel())}>取消</button>
      </div>
    </form>
  );
}
