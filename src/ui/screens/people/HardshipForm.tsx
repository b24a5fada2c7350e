import { useState } from 'preact/hooks';
import type { DayKey, Worker } from '../../../domain/types';
import { HARDSHIP_HELP_LABELS, type HardshipHelp } from '../../../domain/weekly';
import { firstErrorByField, TEXT_MAX, validateHardship } from '../../../domain/weekly-validate';
import type { HardshipInput } from '../../../db/people';
import { CharCount } from '../../components/CharCount';
import { Chip } from '../../components/Chip';
import { clearDraft, useDraft } from '../../form-draft';
import { DateField } from '../../components/DateField';
import { PRIVACY_NOTE } from '../week/strings';

const HELPS = Object.keys(HARDSHIP_HELP_LABELS) as HardshipHelp[];

/** '' is no amount; anything else must read as a number (NaN is refused by the validator). */
const parseAmount = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));

/**
 * One hardship entry. Validated before saving (the amount must add up in the month's
 * report); on an error the typed text stays and the message sits under its field. What is
 * typed is a draft (form-draft.ts) until 登记 or 取消: back, another tab or a reload keep it.
 */
export const HARDSHIP_DRAFT = 'hardship.form';
const KIND_MAX = 30;
export function HardshipForm(props: { workers: Worker[]; today: DayKey; onSubmit: (h: HardshipInput) => Promise<boolean>; onCancel: () => void }) {
  const [f, setF, clearF] = useDraft(HARDSHIP_DRAFT, { workerId: '', kind: '', help: 'visit' as HardshipHelp, amount: '', day: props.today, note: '', followUp: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const input: HardshipInput = {
      workerId: f.workerId, kind: f.kind, help: f.help, amountYuan: f.help === 'fund' ? parseAmount(f.amount) : null,
      day: f.day, note: f.note, followUp: f.followUp,
    };
    const r = validateHardship(input);
    const errs = firstErrorByField(r);
    // The type is a short label (the form's limit, shorter than the record's).
    if (f.kind.trim().length > KIND_MAX && !errs.kind) errs.kind = `困难类型请控制在${KIND_MAX}字以内`;
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    if (r.ok && (await props.onSubmit(input))) clearDraft(HARDSHIP_DRAFT);
  };
  const err = (k: string) => errors[k] && <p class="wk-field-error" role="alert">{errors[k]}</p>;
  return (
    <form class="stack wk-prev" onSubmit={submit} noValidate data-testid="hardship-form">
      <label for="hs-worker">职工</label>
      <select id="hs-worker" value={f.workerId} onChange={set('workerId')}>
        <option value="">请选择</option>
        {props.workers.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
      </select>
      {err('workerId')}
      <label for="hs-kind">困难类型</label>
      <input id="hs-kind" placeholder="如：子女上学、住院" value={f.kind} onInput={set('kind')} />
      {f.kind.length > 0 && <CharCount length={f.kind.length} max={KIND_MAX} />}
      {err('kind')}
      <div class="wk-label">帮扶方式</div>
      <div class="row">
        {HELPS.map((h) => <Chip key={h} label={HARDSHIP_HELP_LABELS[h]} on={f.help === h} onToggle={() => setF({ ...f, help: h })} />)}
      </div>
      {f.help === 'fund' && (
        <>
          <label for="hs-amount">金额（元）</label>
          <input id="hs-amount" inputMode="decimal" maxLength={10} value={f.amount} onInput={set('amount')} />
        </>
      )}
      {err('amountYuan')}
      <label for="hs-day">日期</label>
      <DateField id="hs-day" label="日期" value={f.day} onChange={(day) => setF({ ...f, day })} />
      {err('day')}
      <label for="hs-note">说明（可不填）</label>
      <input id="hs-note" value={f.note} onInput={set('note')} />
      <CharCount length={f.note.length} max={TEXT_MAX} />
      {err('note')}
      <label for="hs-follow">后续跟进（可不填）</label>
      <input id="hs-follow" value={f.followUp} onInput={set('followUp')} />
      <CharCount length={f.followUp.length} max={TEXT_MAX} />
      {err('followUp')}
      <p class="hint">{PRIVACY_NOTE}</p>
      <div class="row">
        <button type="submit" class="primary wk-done">登记</button>
        <button type="button" onClick={() => (clearF(), props.onCancel())}>取消</button>
      </div>
    </form>
  );
}
