import { riskTypeLabels, riskTypesForPicker, type RiskType } from '../../../domain/risk-types';
import type { Worker } from '../../../domain/types';
import { WEEK_STATUS_LABELS, type HelpRecord, type WeeklyScreening, type WeekStatus } from '../../../domain/weekly';
import { TEXT_MAX } from '../../../domain/weekly-validate';
import { updateScreening } from '../../../db/weekly';
import { TextField } from '../../components/TextField';
import { save } from '../../hooks';
import { workerName } from './strings';

const STATUS_SYMBOL: Record<WeekStatus, string> = { done: '✓', partial: '◐', missing: '○' };

export function StatusBadge({ status }: { status: WeekStatus }) {
  return <span class={`badge wk-status-${status}`} data-testid="week-status">{STATUS_SYMBOL[status]} {WEEK_STATUS_LABELS[status]}</span>;
}

/** Which types were found this week and for whom (from the records), or the explicit "nobody". */
function foundByType(types: RiskType[], records: HelpRecord[], workers: Worker[]): string[] {
  const out: string[] = [];
  const ids = [...new Set(records.flatMap((r) => r.riskTypeIds))];
  // Picker order (retired ones the records use included), then ids this phone does not know.
  const known = riskTypesForPicker(types, ids).filter((t) => ids.includes(t.id)).map((t) => t.id);
  const ordered = [...known, ...ids.filter((id) => !known.includes(id))];
  for (const id of ordered) {
    const names = records.filter((r) => r.riskTypeIds.includes(id)).map((r) => workerName(workers, r.workerId));
    out.push(`${riskTypeLabels(types, [id])[0]}：${names.join('、')}`);
  }
  return out;
}

/** 本周排查: the week's answer for the whole team. */
export function ScreeningCard(props: {
  week: string; screening: WeeklyScreening | null; records: HelpRecord[]; types: RiskType[]; workers: Worker[];
}) {
  const { week, screening, records } = props;
  const none = screening?.noneAtRisk ?? false;
  const found = foundByType(props.types, records, props.workers);
  return (
    <section class="card" aria-label="本周排查">
      <h2>本周排查</h2>
      {records.length > 0 ? (
        <>
          <p>需帮扶 <b data-testid="help-count">{records.length}</b> 人</p>
          {found.length > 0 && <ul class="wk-found">{found.map((f) => <li key={f}>{f}</li>)}</ul>}
        </>
      ) : (
        <button type="button" class={none ? 'on wide' : 'wide'} aria-pressed={none}
          onClick={() => void save(() => updateScreening(week, { noneAtRisk: !none }))}>
          {none ? '✓ 本周无人需要帮扶' : '本周无人需要帮扶'}
        </button>
      )}
      <TextField label="排查说明" placeholder="排查说明（可不填，不写个人隐私）" maxLength={TEXT_MAX} value={screening?.note ?? ''}
        onSave={(v) => void save(() => updateScreening(week, { note: v }))} />
    </section>
  );
}
