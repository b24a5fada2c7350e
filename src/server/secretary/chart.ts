/**
 * The 6-month chart of a team, drawn here as SVG (no chart library, no data leaves the
 * server): grouped bars of talks, people helped and hazards closed. Each series has its
 * own fill and pattern (solid, dark, outlined) so it reads in grey print too.
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

export function chartSvg(points: readonly ChartPoint[], title: string): Html {
  const W = 320, H = 170, left = 28, bottom = 24, top = 22;
  const max = Math.max(1, ...points.flatMap((p) => [p.talks, p.helped, p.closed]));
  const slot = (W - left - 4) / Math.max(1, points.length);
  const bw = Math.max(3, Math.floor((slot - 6) / 3));
  const y = (v: number) => H - bottom - (v / max) * (H - bottom - top);
  const bars = points.flatMap((p, i) => SERIES.map((s, j) => {
    const v = p[s.key];
    const x = left + i * slot + 3 + j * bw;
    return html`<rect class="${s.cls}" x="${x}" y="${y(v).toFixed(1)}" width="${bw - 1}" height="${(H - bottom - y(v)).toFixed(1)}"><title>${p.month} ${s.label} ${v}</title></rect>`;
  }));
  const labels = points.map((p, i) => html`<text x="${left + i * slot + slot / 2}" y="${H - 8}" text-anchor="middle">${Number(p.month.slice(5))}月</text>`);
  const legend = SERIES.map((s, j) => html`<rect class="${s.cls}" x="${left + j * 96}" y="4" width="10" height="10"/><text x="${left + j * 96 + 14}" y="13">${s.label}</text>`);
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
<title>${title}</title>${legend}
<line class="axis" x1="${left}" y1="${H - bottom}" x2="${W - 2}" y2="${H - bottom}"/>
<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}"/>
<text x="${left - 4}" y="${top + 4}" text-anchor="end">${max}</text><text x="${left - 4}" y="${H - bottom}" text-anchor="end">0</text>
${bars}${labels}</svg>`;
}
