/**
 * The demo's photos (issue 17), made by code: for a few closed hazards of each team a
 * "before" and an "after", and a 班前会 photo for a few 日跟班 — stored exactly as phone
 * uploads are (declared, sent in one piece, SHA-256 verified, content-addressed).
 */
import type { DailyDuty, Hazard } from '../domain/types';
import type { Sqlite } from './db';
import { demoPhoto } from './mosaic-jpeg';
import { appendPiece, dataDirOf, declarePhoto } from './photo-store';
import { createHash } from 'node:crypto';

export function seedDemoPhotos(db: Sqlite, teamId: string, deviceId: string, d: { hazards: Hazard[]; duties: DailyDuty[] }, seed: number, now: number): number {
  const dir = dataDirOf(db);
  let n = 0;
  const put = (owner: { table: 'hazards' | 'duties'; id: string; role: 'found' | 'fixed' | 'meeting' }, day: string, bytes: Uint8Array) => {
    const id = `demo-photo-${teamId}-${++n}`;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    declarePhoto(db, dir, teamId, deviceId, id, {
      sha256, bytes: bytes.length, mime: 'image/jpeg', ownerTable: owner.table, ownerId: owner.id, role: owner.role,
      takenAt: Date.parse(`${day}T09:30:00+08:00`), width: 640, height: 480,
    }, now);
    appendPiece(db, dir, teamId, id, 0, bytes, now);
  };
  const closed = d.hazards.filter((h) => !h.deleted && h.status === 'closed' && h.closedDay).slice(-3);
  closed.forEach((h, i) => {
    put({ table: 'hazards', id: h.id, role: 'found' }, h.foundDay, demoPhoto('hazard', seed * 10 + i));
    put({ table: 'hazards', id: h.id, role: 'fixed' }, h.closedDay!, demoPhoto('fixed', seed * 10 + i + 5));
  });
  d.duties.filter((x) => !x.deleted && !x.dayOff).slice(-3).forEach((x, i) => {
    put({ table: 'duties', id: x.id, role: 'meeting' }, x.day, demoPhoto('meeting', seed * 10 + i + 7));
  });
  return n;
}
