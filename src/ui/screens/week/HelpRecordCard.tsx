import { useEffect, useRef, useState } from 'preact/hooks';
import { riskTypeLabels, riskTypesForPicker, type RiskType } from '../../../domain/risk-types';
import { HELP_RESULT_LABELS, type HelpRecord, type HelpResult } from '../../../domain/weekly';
import { TEXT_MAX, validateHelpRecord } from '../../../domain/weekly-validate';
import { removeHelpRecord, updateHelpRecord } from '../../../db/weekly';
import { Chip } from '../../components/Chip';
import { ScrubbedNote } from '../../components/ScrubbedNote';
import { TextField } from '../../components/TextField';
import { toggleIn } from '../../components/WorkerPicker';
import { save } from '../../hooks';
import { PrevRecord, ResultBadge } from './PrevRecord';
import { PRIVACY_NOTE, shortDay } from './strings';
import { PhotoSlot } from '../../photos';

const RESULTS = Object.keys(HELP_RESULT_LABELS) as HelpResult[];

interface Props {
  record: HelpRecord;
  name: string;
  types: RiskType[];
  days: string[];
  prev: HelpRecord | undefined;
  open: boolean;
  onOpen: (open: boolean) => void;
}

/** One person's help this week: closed, a summary line; open, every field, each saved on change. */
export function HelpRecordCard({ record: r, name, types, days, prev, open, onOpen }: Props) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ref = useRef<HTMLElement>(null);
  // A follow-up started from the list above lands further down: bring it under the thumb.
  useEffect(() => {
    if (open) ref.current?.scrollIntoView({ block: 'start' });
  }, [open]);
  const update = (fn: (x: HelpRecord) => HelpRecord) => void save(() => updateHelpRecord(r.id, fn));
  const labels = riskTypeLabels(types, r.riskTypeIds);
  if (!open) {
    return (
      <article class="card wk-rec" data-testid="help-record" data-worker={name}>
        <button type="button" class="wk-rec-head" aria-label={`编辑${name}的帮扶记录`} onClick={() => onOpen(true)}>
          <b>{name}</b>
          <span class="wk-rec-types">{labels.join('、') || '未选类型'}</span>
          <ResultBadge result={r.result} />
        </button>
      </article>
    );
  }
  const check = validateHelpRecord(r, 'complete');
  const text = (label: string, key: 'situation' | 'measures' | 'nextStep', placeholder: string) => (
    <>
      <div class="wk-label">{label}</div>
      <TextField label={label} placeholder={placeholder} multiline maxLength={TEXT_MAX} value={r[key]}
        onSave={(v) => update((x) => ({ ...x, [key]: v }))} />
    </>
  );
  return (
    <article ref={ref} class="card wk-rec open" data-testid="help-record" data-worker={name}>
      <div class="row wk-between">
        <a href={`/person/${r.workerId}`} class="wk-name">{name}</a>
        <ResultBadge result={r.result} />
      </div>
      {prev && <PrevRecord record={prev} types={types} />}
      <ScrubbedNote record={r} />
      <div class="wk-label">帮扶类型</div>
      <div class="row">
        {riskTypesForPicker(types, r.riskTypeIds).map((t) => (
          <Chip key={t.id} label={t.name} on={r.riskTypeIds.includes(t.id)}
            onToggle={() => update((x) => ({ ...x, riskTypeIds: toggleIn(x.riskTypeIds, t.id) }))} />
        ))}
      </div>
      {text('情况', 'situation', '简要情况（可不填）')}
      {text('采取措施', 'measures', '谈心、调岗、上报等（可不填）')}
      <div class="wk-label">帮扶结果</div>
      <div class="row" role="group" aria-label="帮扶结果">
        {RESULTS.map((k) => (
          <Chip key={k} label={HELP_RESULT_LABELS[k]} on={r.result === k} onToggle={() => update((x) => ({ ...x, result: x.result === k ? null : k }))} />
        ))}
      </div>
      {text('下一步', 'nextStep', '下周打算（可不填）')}
      <div class="wk-label">谈心日期</div>
      <div class="wk-days">
        {days.map((d, i) => (
          <Chip key={d} label={shortDay(d, i)} on={r.talkDays.includes(d)}
            onToggle={() => update((x) => ({ ...x, talkDays: toggleIn(x.talkDays, d).sort() }))} />
        ))}
      </div>
      <PhotoSlot ownerTable="helpRecords" ownerId={r.id} role="help" label="帮扶照片（可选）" />
      <p class="hint">{PRIVACY_NOTE}</p>
      {!check.ok && <p class="warn-line" role="status">还差：{[...new Set(check.errors.map((e) => e.message))].join('；')}</p>}
      <div class="row wk-between">
        <button type="button" class="primary wk-done" onClick={() => onOpen(false)}>完成</button>
        {confirmDelete ? (
          <button type="button" class="danger" onClick={() => void save(() => removeHelpRecord(r.id))}>确认删除</button>
        ) : (
          <button type="button" class="ghost" onClick={() => setConfirmDelete(true)}>删除本条</button>
        )}
      </div>
    </article>
  );
}
