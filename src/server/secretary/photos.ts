/**
 * Photo evidence on the secretary's pages: what photos a day, a month's hazards and a
 * report have, as thumbnails that open the full photo (/secretary/photo/:team/:id), and the
 * hazard before/after pairs the print view and the Word report show.
 */
import { html } from 'hono/html';
import { PHOTO_ROLES, type PhotoRole } from '../../domain/photo';
import type { DayKey, Hazard, MonthKey } from '../../domain/types';
import type { Sqlite } from '../db';
import { photosOfTeam, type PhotoRow } from '../photo-store';
import { monthRange, type TeamRecords } from './data';
import type { Html } from './layout';

export const photoHref = (p: PhotoRow): string => `/secretary/photo/${p.team_id}/${p.id}`;

export function thumb(p: PhotoRow): Html {
  return html`<a class="photo" href="${photoHref(p)}" target="_blank" rel="noopener" data-sha256="${p.sha256}"><img src="${photoHref(p)}?thumb=1" alt="${PHOTO_ROLES[p.role as PhotoRole] ?? '照片'}" loading="lazy" width="120" style="max-height:120px;object-fit:cover;margin:2px"></a>`;
}

/** Photos by the record they belong to. */
function byOwner(rows: readonly PhotoRow[]): Map<string, PhotoRow[]> {
  const m = new Map<string, PhotoRow[]>();
  for (const r of rows) m.set(r.owner_id, [...(m.get(r.owner_id) ?? []), r]);
  return m;
}

/** The day view: 班前会 and document photos of the day's duties, hazard photos of its hazards. */
export function dayPhotos(db: Sqlite, teamId: string, d: TeamRecords, day: DayKey): Html {
  const duties = d.duties.filter((x) => x.day === day && !x.deleted);
  const ids = new Set([...duties.map((x) => x.id), ...d.hazards.filter((h) => !h.deleted && duties.some((x) => x.id === h.dutyId)).map((h) => h.id)]);
  const rows = photosOfTeam(db, teamId).filter((p) => ids.has(p.owner_id));
  if (!rows.length) return html``;
  return html`<h3>当日照片</h3><div data-testid="day-photos">${rows.map((p) => html`<figure style="display:inline-block;margin:4px">${thumb(p)}<figcaption class="muted">${PHOTO_ROLES[p.role as PhotoRole] ?? ''}</figcaption></figure>`)}</div>`;
}

export interface HazardPhotos { hazard: Hazard; before: PhotoRow[]; after: PhotoRow[] }

/** Hazards of the month's ledger (found by its end, open or closed within it) that have photos. */
export function hazardPhotoPairs(db: Sqlite, teamId: string, d: TeamRecords, month: MonthKey): HazardPhotos[] {
  const { from, to } = monthRange(month);
  const owners = byOwner(photosOfTeam(db, teamId));
  return d.hazards
    .filter((h) => !h.deleted && h.foundDay <= to && (h.status === 'open' || (h.closedDay ?? '') >= from) && owners.has(h.id))
    .map((h) => {
      const rows = owners.get(h.id)!;
      return { hazard: h, before: rows.filter((r) => r.role === 'found'), after: rows.filter((r) => r.role === 'fixed') };
    });
}

/** Before/after side by side (the ledger, the report page, the A4 print view). */
export function hazardPhotosTable(pairs: readonly HazardPhotos[]): Html {
  if (!pairs.length) return html``;
  return html`<h3>隐患整改前后照片</h3><table data-testid="hazard-photos"><thead><tr><th>隐患/问题</th><th>整改前</th><th>整改后</th></tr></thead><tbody>
${pairs.map((x) => html`<tr><td>${x.hazard.description}<br><span class="muted">${x.hazard.foundDay} 发现${x.hazard.closedDay ? ` · ${x.hazard.closedDay} 销号` : ''}</span></td>
<td>${x.before.map(thumb)}</td><td>${x.after.length ? x.after.map(thumb) : html`<span class="muted">—</span>`}</td></tr>`)}</tbody></table>`;
}
