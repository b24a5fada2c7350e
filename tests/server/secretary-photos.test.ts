/**
 * Photos on the secretary's side: the day view, the hazard ledger's before/after, the full
 * photo (audited), the A4 print view, the Word report (unzipped: the JPEGs are in it) and a
 * month's zip (unzipped: named by date/team/item, the same bytes).
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../src/domain/calendar';
import type { Hazard } from '../../src/domain/types';
import { demoPhoto } from '../../src/server/mosaic-jpeg';
import { appendPiece, dataDirOf, declarePhoto } from '../../src/server/photo-store';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { generateTeamData } from '../fixtures/generate';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let h: { cookie: string };
let team: TeamRow;
let hazard: Hazard;
let dutyDay = '';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const photos: Record<'before' | 'after' | 'meeting', { id: string; bytes: Uint8Array }> = {} as never;

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  team = createTeam(s.db, b.id, '甲班', s.clock.now);
  const data = generateTeamData({ seed: 5, months: 2, workers: 10, endDay: '2026-11-02' });
  const device = seedTeam(s.db, team, data, { now: s.clock.now, today: '2026-11-03' });
  hazard = data.hazards.find((x) => x.status === 'closed' && x.foundDay.startsWith('2026-10') && x.closedDay?.startsWith('2026-10') && !x.deleted)!;
  const duty = data.duties.find((x) => x.day.startsWith('2026-10') && !x.deleted)!;
  dutyDay = duty.day;
  const put = (key: keyof typeof photos, bytes: Uint8Array, owner: { table: 'hazards' | 'duties'; id: string; role: 'found' | 'fixed' | 'meeting' }, day: string) => {
    const id = `photo-${key}`;
    declarePhoto(s.db, dataDirOf(s.db), team.id, device.id, id, {
      sha256: sha(bytes), bytes: bytes.length, mime: 'image/jpeg', ownerTable: owner.table, ownerId: owner.id, role: owner.role,
      takenAt: Date.parse(`${day}T10:00:00+08:00`), width: 640, height: 480,
    }, s.clock.now);
    expect(appendPiece(s.db, dataDirOf(s.db), team.id, id, 0, bytes, s.clock.now).ok).toBe(true);
    photos[key] = { id, bytes };
  };
  put('before', demoPhoto('hazard', 1), { table: 'hazards', id: hazard.id, role: 'found' }, hazard.foundDay);
  put('after', demoPhoto('fixed', 2), { table: 'hazards', id: hazard.id, role: 'fixed' }, hazard.closedDay!);
  put('meeting', demoPhoto('meeting', 3), { table: 'duties', id: duty.id, role: 'meeting' }, duty.day);
  h = { cookie: (await signIn(s.url, 'sec', pw)).cookie };
});
afterAll(async () => { await s.stop(); });

const get = (path: string) => fetch(`${s.url}${path}`, { headers: { Cookie: h.cookie } });
const audits = (action: string) => (s.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('secretary photo views', () => {
  it('shows the hazard before/after side by side on the ledger and the day\'s photos on the day view', async () => {
    const month = await (await get(`/secretary/team/${team.id}?month=2026-10`)).text();
    const table = month.slice(month.indexOf('data-testid="hazard-photos"'));
    const row = table.slice(table.indexOf(hazard.description.replace(/&/g, '&amp;')));
    expect(row.indexOf(sha(photos.before.bytes))).toBeGreaterThan(0);
    expect(row.indexOf(sha(photos.after.bytes))).toBeGreaterThan(row.indexOf(sha(photos.before.bytes)));
    const day = await (await get(`/secretary/team/${team.id}?month=2026-10&day=${dutyDay}`)).text();
    expect(day).toContain('data-testid="day-photos"');
    expect(day).toContain(sha(photos.meeting.bytes));
    const print = await (await get(`/secretary/print?team=${team.id}&month=2026-10`)).text();
    expect(print).toContain(sha(photos.after.bytes));
  });

  it('serves the full photo with the same SHA-256 and audits the view (not the thumbnails)', async () => {
    const before = audits('view_photo');
    await get(`/secretary/photo/${team.id}/${photos.before.id}?thumb=1`);
    expect(audits('view_photo')).toBe(before);
    const res = await get(`/secretary/photo/${team.id}/${photos.before.id}`);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(photos.before.bytes));
    expect(audits('view_photo')).toBe(before + 1);
  });

  it('puts the hazard\'s before and after photos into the Word report', async () => {
    const res = await get(`/secretary/export/report.docx?team=${team.id}&month=2026-10`);
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    const hashes = await Promise.all(media.map(async (f) => sha(await zip.file(f)!.async('uint8array'))));
    expect(hashes.sort()).toEqual([sha(photos.before.bytes), sha(photos.after.bytes)].sort());
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('隐患整改前后照片');
  });

  it('downloads a month\'s photos as one zip named by date, team and item, and audits it', async () => {
    const before = audits('export_photos');
    const res = await get(`/secretary/export/photos.zip?team=${team.id}&month=2026-10`);
    expect(res.headers.get('Content-Type')).toBe('application/zip');
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(3);
    const item = `隐患-${Array.from(hazard.description.replace(/[\\/:*?"<>|\s]+/g, '-')).slice(0, 21).join('')}`;
    expect(names).toContain(`${hazard.foundDay}_甲班_${Array.from(item).slice(0, 24).join('')}_隐患发现_1.jpg`);
    expect(names).toContain(`${localDay(Date.parse(`${dutyDay}T10:00:00+08:00`), 'Asia/Shanghai')}_甲班_日跟班_班前会_1.jpg`);
    for (const [name, p] of [[names.find((n) => n.includes('整改后'))!, photos.after], [names.find((n) => n.includes('班前会'))!, photos.meeting]] as const) {
      expect(sha(await zip.file(name)!.async('uint8array'))).toBe(sha(p.bytes));
    }
    expect(audits('export_photos')).toBe(before + 1);
    // Another month has none of them.
    const other = await JSZip.loadAsync(await (await get(`/secretary/export/photos.zip?team=${team.id}&month=2026-09`)).arrayBuffer());
    expect(Object.keys(other.files)).toHaveLength(0);
  });
});
