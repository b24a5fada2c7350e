/**
 * The 6-month chart of a team, drawn here as SVG (no chart library, no data leaves the
 * server): grouped bars of talks, people helped and hazards closed, each with its number
 * above it. The dashboard gives every team's card one shared y scale (chartScale), so
 * bars can be compared across cards. Series differ by fill pattern, not only colour
 * (solid, hatched, outlined), so they stay apart in grey print.
 */
import { html } from 'hono/html';
import { addMonths } from '../../domain/calendar';
import type { MonthKey } from '../../domain/types';
import type { Html } from './layout';

export interface ChartPoint { month: MonthKey; talks: number; helped: number; closed: number }

export const SERIES = [
  { key: 'talks', label: '谈心次数', cls: 'c-talks' },
  { key: 'helped', label: '帮扶人数', cls: 'c-helped' },
  { key: 'closed', label: '隐患销号', cls: 'c-closed' },
] as const;

export function lastMonths(month: MonthKey, n = 6): MonthKey[] {
  return Array.from({ length: n }, (_, i) => addMonths(month, i - n + 1));
}

/** The smallest of 5, 10, 20, 50, 100, 200… not below n: a round top of the axis. */
export function niceMax(n: number): number {
  if (n <= 5) return 5;
  for (let p = 10; ; p *= 10) {
    for (const m of [1, 2, 5]) if (m * p >= n) return m * p;
  }
}

/** One y scale for several charts (every team's card of the dashboard): the round top of all their values. */
export function chartScale(charts: readonly (readonly ChartPoint[])[]): number {
  return niceMax(Math.max(0, ...charts.flatMap((c) => c.flatMap((p) => [p.talks, p.helped, p.closed]))));
}

/** Pattern ids must be unique in the page: the dashboard has one chart per team. */
let chartNo = 0;

export function chartSvg(points: readonly ChartPoint[], title: string, scale?: number): Html {
  const W = 340, H = 190, left = 30, bottom = 24, top = 34;
  const max = scale ?? chartScale([points]);
  const id = `ch${++chartNo % 1_000_000}`;
  const fill = { 'c-talks': '#a31515', 'c-helped': `url(#${id}-hatch)`, 'c-closed': '#fff' } as const;
  const slot = (W - left - 4) / Math.max(1, points.length);
  const bw = Math.max(3, Math.floor((slot - 6) / 3));
  const base = H - bottom;
  const y = (v: number) => base - (Math.min(v, max) / max) * (base - top);
  const bars = points.flatMap((p, i) => SERIES.map((s, j) => {
    const v = p[s.key];
    const x = left + i * slot + 3 + j * bw;
    return html`<rect class="${s.cls}" fill="${fill[s.cls]}" stroke="#000" stroke-width="0.8" x="${x}" y="${y(v).toFixed(2)}" width="${bw - 1}" height="${(base - y(v)).toFixed(2)}" data-value="${v}"><title>${p.month} ${s.label} ${v}</title></rect><text class="val" x="${(x + (bw - 1) / 2).toFixed(1)}" y="${(y(v) - 2).toFixed(1)}" text-anchor="middle">${v}</text>`;
  }));
  const labels = points.map((p, i) => html`<text x="${left + i * slot + slot / 2}" y="${H - 8}" text-anchor="middle">${Number(p.month.slice(5))}月</text>`);
  const legend = SERIES.map((s, j) => html`<rect class="${s.cls}" fill="${fill[s.cls]}" stroke="#000" stroke-width="0.8" x="${left + j * 100}" y="4" width="12" height="12"/><text x="${left + j * 100 + 16}" y="14">${s.label}</text>`);
  const mid = max / 2;
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}" data-scale="${max}" xmlns="http://www.w3.org/2000/svg">
<title>${title}</title>
<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)"><rect width="4" height="4" fill="#fff"/><line x1="0" y1="0" x2="0" y2="4" stroke="#000" stroke-width="2"/></pattern></defs>
${legend}
<line class="grid-line" x1="${left}" y1="${y(mid).toFixed(2)}" x2="${W - 2}" y2="${y(mid).toFixed(2)}"/>
<line class="grid-line" x1="${left}" y1="${top}" x2="${W - 2}" y2="${top}"/>
<line class="axis" x1="${left}" y1="${base}" x2="${W - 2}" y2="${base}"/>
<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${base}"/>
<text x="${left - 4}" y="${top + 4}" text-anchor="end">${max}</text><text x="${left - 4}" y="${(y(mid) + 4).toFixed(2)}" text-anchor="end">${mid}</text><text x="${left - 4}" y="${base}" text-anchor="end">0</text>
${bars}${labels}</svg>`;
}
