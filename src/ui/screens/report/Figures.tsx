import { useState } from 'preact/hooks';
import { monthDays } from '../../../domain/calendar';
import { openAgeDays } from '../../../domain/hazard';
import type { MonthFigures } from '../../../domain/report-figures';
import type { DayKey } from '../../../domain/types';
import { figureGroups, type FigureRow } from './figure-rows';
import { SourceSheet } from './SourceSheet';

/**
 * The month's figures, computed from the records (never typed). Each number is a button:
 * tapping it lists the records it was counted from.
 */
export function Figures({ figures, title = '本月数据', today }: { figures: MonthFigures; title?: string; today?: DayKey }) {
  const [open, setOpen] = useState<FigureRow | null>(null);
  const hazards = figures.hazards.oldestOpen;
  const days = monthDays(figures.month);
  const last = days[days.length - 1] ?? figures.month;
  // Counted to today like the secretary's dashboard (ageDays of the figures is the month's end).
  const age = (foundDay: DayKey, ageDays: number) => (today ? openAgeDays(foundDay, last, today) : ageDays);
  return (
    <section class="card" data-testid="figures">
      <h2>{title}</h2>
      <p class="hint">由日跟班、周帮扶和隐患台账自动统计，点数字可查看来源记录。</p>
      {figureGroups(figures).map((g) => (
        <div key={g.title} class="fig-group">
          <h3>{g.title}</h3>
          {g.rows.map((r) => (
            <button type="button" key={r.key} class={r.sub ? 'fig-row sub' : 'fig-row'} data-testid={`fig-${r.key}`}
              onClick={() => setOpen(r)} aria-label={`${r.label} ${r.count.value}${r.unit}，查看来源`}>
              <span class="fig-label">{r.label}</span>
              <span class="fig-value"><b data-testid="fig-value">{r.count.value}</b> {r.unit}{r.extra && <small> {r.extra}</small>}</span>
            </button>
          ))}
        </div>
      ))}
      {hazards.length > 0 && (
        <div class="fig-group">
          <h3>最早的未销号隐患</h3>
          <ul class="list">
            {hazards.map((h) => (
              <li key={h.id}>{h.description}<br /><span class="hint">{h.foundDay} 发现 · 已 {age(h.foundDay, h.ageDays)} 天{h.responsible && ` · ${h.responsible}`}</span></li>
            ))}
          </ul>
        </div>
      )}
      <p class="hint">周的统计：{figures.weekly.weekRule}。</p>
      {open && <SourceSheet row={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
