import { useState } from 'preact/hooks';
import { DEFAULT_TIME_ZONE } from '../../../domain/calendar';
import { SHIFT_PRESETS, withShiftIds } from '../../../domain/shift-presets';
import type { OvernightRule, ShiftDef, Team } from '../../../domain/types';
import { validateTeamSetup } from '../../../domain/validation';
import { crossesMidnight } from '../../../domain/calendar';
import type { TeamInput } from '../../../db/team';
import { TimeField } from '../../components/TimeField';
import { clearDraft, useDraft } from '../../form-draft';

/** The team's name, district, instructor and shifts: used on first run and in settings. */
export function TeamForm(props: {
  team?: Team;
  /** Prefilled names for a new team (the server's, when the phone enrolled first). */
  initial?: { name: string; district: string; instructorName?: string } | undefined;
  submitLabel: string;
  onSubmit: (t: TeamInput) => Promise<void>;
  /** Keeps what is typed as a draft until saved (form-draft.ts). */
  draftKey?: string;
}) {
  const t = props.team;
  const first = SHIFT_PRESETS[0]!;
  const [draft, setDraft] = useDraft(props.draftKey ? `team.${props.draftKey}` : null, {
    instructorName: t?.instructorName ?? props.initial?.instructorName ?? '',
    district: t?.district ?? props.initial?.district ?? '',
    name: t?.name ?? props.initial?.name ?? '',
    shifts: t?.shifts ?? withShiftIds(first.shifts),
    rule: t?.overnightRule ?? first.overnightRule,
  });
  const { instructorName, district, name, shifts, rule } = draft;
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const setInstructor = (v: string) => set({ instructorName: v });
  const setDistrict = (v: string) => set({ district: v });
  const setName = (v: string) => set({ name: v });
  const setShifts = (v: ShiftDef[]) => set({ shifts: v });
  const setRule = (v: OvernightRule) => set({ rule: v });
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);

  const editShift = (i: number, change: Partial<ShiftDef>) =>
    setShifts(shifts.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const input = { instructorName, district, name, timeZone: t?.timeZone ?? DEFAULT_TIME_ZONE, overnightRule: rule, shifts };
    const r = validateTeamSetup(input);
    if (!r.ok) return setErrors(r.errors);
    setErrors([]);
    await props.onSubmit(r.value); // trimmed by the schema
    // The draft goes once saved; the fields keep showing what was saved.
    if (props.draftKey) clearDraft(`team.${props.draftKey}`);
  };
  const nextId = () => `s${Math.max(0, ...shifts.map((s) => Number(s.id.slice(1)) || 0)) + 1}`;

  return (
    <form onSubmit={submit} class="stack" noValidate>
      <label for="instructor">小政委姓名</label>
      <input id="instructor" value={instructorName} onInput={(e) => setInstructor(e.currentTarget.value)} autoComplete="name" />
      <label for="district">区队 / 工区</label>
      <input id="district" value={district} onInput={(e) => setDistrict(e.currentTarget.value)} placeholder="如：综采一队" />
      <label for="team">班组</label>
      <input id="team" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="如：检修班"
        readOnly={!!props.initial?.name} style={props.initial?.name ? { background: 'var(--bg)', borderStyle: 'dashed' } : undefined} />
      {props.initial?.name && <p class="hint">班组名称由党支部书记在服务器上设定。</p>}
      <label>班次</label>
      <div class="row">
        {SHIFT_PRESETS.map((p) => (
          <button type="button" key={p.key} class="chip" onClick={() => (setShifts(withShiftIds(p.shifts)), setRule(p.overnightRule))}>
            {p.label}
          </button>
        ))}
      </div>
      {shifts.map((s, i) => (
        <div class="shift-row" key={s.id} data-testid="shift-row">
          <input aria-label="班次名称" class="shift-name" value={s.name} onInput={(e) => editShift(i, { name: e.currentTarget.value })} />
          <TimeField label="开始时间" value={s.start} onChange={(start) => editShift(i, { start })} />
          <span aria-hidden="true">至</span>
          <TimeField label="结束时间" value={s.end} onChange={(end) => editShift(i, { end })} />
          <button type="button" aria-label={`删除${s.name}`} onClick={() => setShifts(shifts.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <button type="button" onClick={() => setShifts([...shifts, { id: nextId(), name: '', start: '00:00', end: '00:00' }])}>
        + 添加班次
      </button>
      {shifts.some((s) => /^\d\d:\d\d$/.test(s.start) && /^\d\d:\d\d$/.test(s.end) && crossesMidnight(s)) && (
        <fieldset class="card">
          <legend>跨零点的班次算哪一天？</legend>
          <div class="row">
            <button type="button" class={rule === 'next' ? 'chip on' : 'chip'} onClick={() => setRule('next')}>算第二天</button>
            <button type="button" class={rule === 'same' ? 'chip on' : 'chip'} onClick={() => setRule('same')}>算当天</button>
          </div>
        </fieldset>
      )}
      {errors.length > 0 && (
        <ul class="error" role="alert">
          {errors.map((er) => <li key={er.path + er.message}>{er.message}</li>)}
        </ul>
      )}
      <button type="submit" class="primary wide">{props.submitLabel}</button>
    </form>
  );
}
