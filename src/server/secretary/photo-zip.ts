/**
 * A month's photos of one team or the whole branch as one zip, each named by date, team and
 * item (2026-11-03_检修班_隐患-回风巷顶板离层_整改后_1.jpg). Photos are already compressed:
 * stored, not deflated again.
 */
import JSZip from 'jszip';
import { localDay } from '../../domain/calendar';
import { PHOTO_ROLES, type PhotoRole } from '../../domain/photo';
import type { MonthKey } from '../../domain/types';
import type { Sqlite } from '../db';
import { photosOfTeam, readPhoto, type PhotoRow } from '../photo-store';
import type { TeamRow } from '../store';
import { loadTeam } from './data';

const ZONE = 'Asia/Shanghai';
/** Characters no file system takes, and control characters: replaced. */
const safe = (s: string, max = 24) => Array.from(s.replace(/[\\/:*?"<>|\u0000-\u001f\s]+/g, '-')).slice(0, max).join('') || '-';

export function photoFileName(team: string, item: string, p: PhotoRow, n: number): string {
  const ext = p.mime === 'image/webp' ? 'webp' : 'jpg';
  return `${localDay(p.taken_at, ZONE)}_${safe(team)}_${safe(item)}_${PHOTO_ROLES[p.role as PhotoRole] ?? p.role}_${n}.${ext}`;
}

export async function monthPhotosZip(db: Sqlite, dataDir: string, teams: readonly TeamRow[], month: MonthKey): Promise<{ zip: Buffer; count: number }> {
  const zip = new JSZip();
  let count = 0;
  for (const team of teams) {
    const rows = photosOfTeam(db, team.id).filter((p) => localDay(p.taken_at, ZONE).startsWith(month));
    if (!rows.length) continue;
    const d = loadTeam(db, team.id);
    const used = new Map<string, number>();
    for (const p of rows) {
      const bytes = readPhoto(dataDir, p.sha256);
      if (!bytes) continue;
      const hazard = p.owner_table === 'hazards' ? d.hazards.find((h) => h.id === p.owner_id) : undefined;
      const item = hazard ? `隐患-${hazard.description}` : p.owner_table === 'duties' ? '日跟班' : '周帮扶';
      const key = `${localDay(p.taken_at, ZONE)}|${item}|${p.role}`;
      const n = (used.get(key) ?? 0) + 1;
      used.set(key, n);
      zip.file(photoFileName(team.name, item, p, n), bytes, { binary: true, date: new Date(p.taken_at), compression: 'STORE' });
      count++;
    }
  }
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), count };
}
