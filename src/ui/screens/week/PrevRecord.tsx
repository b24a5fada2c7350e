import { weekLabel } from '../../../domain/calendar';
import { riskTypeLabels, type RiskType } from '../../../domain/risk-types';
import { HELP_RESULT_LABELS, type HelpRecord, type HelpResult } from '../../../domain/weekly';

/** The result as a badge: text plus a symbol, never colour alone. */
export function ResultBadge({ result }: { result: HelpResult | null }) {
  if (result === null) return <span class="badge wk-open">○ 未定结果</span>;
  const symbol = result === 'watching' ? '◐' : result === 'resolved' ? '✓' : '↑';
  return <span class={`badge wk-${result}`}>{symbol} {HELP_RESULT_LABELS[result]}</span>;
}

/** An earlier week's record, read-only, so the follow-up starts from what was written then. */
export function PrevRecord({ record: r, types }: { record: HelpRecord; types: RiskType[] }) {
  const line = (label: string, v: string) => v && <p class="wk-prev-line"><span class="muted">{label}：</span>{v}</p>;
  return (
    <div class="wk-prev" data-testid="prev-record">
      <p class="wk-prev-line">
        <b>{weekLabel(r.week).split(' ')[0]}</b> <ResultBadge result={r.result} />
      </p>
      {line('类型', riskTypeLabels(types, r.riskTypeIds).join('、'))}
      {line('情况', r.situation)}
      {line('措施', r.measures)}
      {line('下一步', r.nextStep)}
    </div>
  );
}
