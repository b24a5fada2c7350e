import { useState } from 'preact/hooks';
import type { HazardInput } from '../../../domain/hazard';
import { offered, type HazardLists } from '../../../domain/hazard-lists';
import type { DayKey, Hazard } from '../../../domain/types';
import { validateHazardInput } from '../../../domain/validation';
import { DateField } from '../../components/DateField';
import './hazards.css';

/** What the form holds while it is filled in (kept by useStoredDraft); `open` = the form is shown. */
export interface HazardDraft {
  open: boolean;
  description: string;
  responsible: string;
  deadline: string;
  category: string;
  severity: string;
}

export const EMPTY_HAZARD_DRAFT: HazardDraft = { open: false, description: '', responsible: '', deadline: '', category: '', severity: '' };

/** A stored hazard as a draft, to correct it. */
export const draftOf = (h: Hazard): HazardDraft => ({
  open: false, description: h.description, responsible: h.responsible, deadline: h.deadline ?? '',
  category: h.category ?? '', severity: h.severity ?? '',
});

const inputOf = (d: HazardDraft): HazardInput => ({
  description: d.description, responsible: d.responsible, deadline: d.deadline || null,
  category: d.category || null, severity: d.severity || null,
});

interface Props {
  draft: HazardDraft;
  onChange: (d: HazardDraft) => void;
  /** The day the hazard was (or is being) found: the deadline may not be before it. */
  foundDay: DayKey;
  lists: HazardLists | undefined;
  submitLabel?: string;
  onSubmit: (h: HazardInput) => Promise<boolean>;
  onCancel?: () => void;
}

/**
 * 五定 in short: what, who (定人), by when (定时), with the branch's category and severity.
 * Controlled by a stored draft, so nothing typed is lost; messages appear after a refused
 * submit and then follow the fields (a filled field's message goes away).
 */
export function HazardForm({ draft, onChange, foundDay, lists, submitLabel = '登记隐患', onSubmit, onCancel }: Props) {
  const [tried, setTried] = useState(false);
  const check = validateHazardInput(inputOf(draft), foundDay);
  const errors = tried && !check.ok ? check.errors.map((x) => x.message) : [];
  const set = (k: keyof HazardDraft) => (value: string) => onChange({ ...draft, [k]: value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (!check.ok) return;
    if (await onSubmit(check.value)) setTried(false);
  };
  const select = (label: string, k: 'category' | 'severity', items: HazardLists['categories']) => (
    <label class="hz-pick">{label}
      <select aria-label={label} value={draft[k]} onChange={(e) => set(k)(e.currentTarget.value)}>
        <option value="">未选</option>
        {offered(items, draft[k]).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
      </select>
    </label>
  );
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <textarea aria-label="隐患或问题" placeholder="发现的隐患或问题" value={draft.description} maxLength={200}
        onInput={(e) => set('description')(e.currentTarget.value)} />
      <input aria-label="整改责任人" placeholder="整改责任人" value={draft.responsible} maxLength={20}
        onInput={(e) => set('responsible')(e.currentTarget.value)} />
      {lists && <div class="row">{select('类别', 'category', lists.categories)}{select('等级', 'severity', lists.severities)}</div>}
      <div class="dt-row"><span>整改期限（可不填，不早于 {foundDay}）</span>
        <DateField label="整改期限" optional value={draft.deadline} onChange={set('deadline')} /></div>
      {errors.length > 0 && <ul class="error" role="alert">{errors.map((m) => <li key={m}>{m}</li>)}</ul>}
      <div class="row">
        <button type="submit" class="primary">{submitLabel}</button>
        {onCancel && <button type="button" onClick={onCancel}>取消</button>}
      </div>
    </form>
  );
}
