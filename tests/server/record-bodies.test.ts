/**
 * Record bodies are checked against their table's schema (src/domain/record-schemas.ts) on
 * both sides. A property test found that a duty without `districtMeeting` was stored (200)
 * and from then on the secretary's dashboard and team page answered 500. Now such a record
 * is refused on its own (invalid_record), nothing of it is stored, the rest of its batch is,
 * and the pages keep working; the phone does not send it at all and shows why.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDirty, outboxSummary } from '../../src/db/outbox';
import { newHazard } from '../../src/domain/hazard';
import { newReport, submitReport } from '../../src/domain/report';
import { computeMonthFigures } from '../../src/domain/report-figures';
import type { PullResponse, PushResponse, SyncRecord } from '../../src/domain/sync-protocol';
import { createEnrolCode, createSecretary } from '../../src/server/store';
import { freshDb, makeDuty } from '../sync/fixtures';
import { dbSnapshot, duty, enrol, makeTeam, ownPassword, postJson, signIn, startTestServer, testId, type TestServer } from './helpers';

let s: TestServer;
let t: ReturnType<typeof makeTeam>;
let phone: { token: string; teamId: string };
let other: { token: string };
let cookie: string;

beforeAll(async () => {
  s = await startTestServer(); // 2026-11-01 16:00 in Asia/Shanghai
  t = makeTeam(s);
  phone = await enrol(s, t.code, 'phone-a-0123456789');
  other = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'phone-b-0123456789');
  const pw = ownPassword(s.db, createSecretary(s.db, t.branchId, 'sec-bodies', s.clock.now), s.clock.now);
  ({ cookie } = await signIn(s.url, 'sec-bodies', pw));
});
afterAll(async () => {
  await s.stop();
});

const push = async (records: unknown[]) => {
  const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: phone.teamId, records }, phone.token);
  return { status: res.status, body: (await res.json()) as PushResponse };
};
const stored = (id: string) =>
  s.db.prepare('SELECT rev, body FROM records WHERE id = ?').get(id) as { rev: number; body: string } | undefined;
const page = async (path: string) => {
  const res = await fetch(`${s.url}${path}`, { headers: { cookie } });
  return { status: res.status, text: await res.text() };
};
const record = (table: SyncRecord['table'], body: { id: string; rev: number; updatedAt: number; deleted: boolean }): SyncRecord => {
  const { dirty: _dirty, ...rest } = body as typeof body & { dirty?: unknown };
  return { table, id: body.id, rev: body.rev, updatedAt: body.updatedAt, deleted: body.deleted, body: rest };
};
const withoutMeeting = (r: SyncRecord): SyncRecord => {
  const { districtMeeting: _m, ...body } = r.body;
  return { ...r, body };
};

describe('push: a body its table refuses is rejected alone', () => {
  const [a, bad, c] = [testId(), testId(), testId()];
  const hazardId = testId();
  const reportId = testId();
  const badReportId = testId();

  it('acks and stores the good records of the batch, rejects the malformed duty and stores nothing of it', async () => {
    const h = { ...newHazard({ id: hazardId, createdAt: 1_000 }, { day: '2026-11-01', shiftName: '八点班', dutyId: a }, { description: '支架立柱漏液', responsible: '张三', deadline: null }), updatedAt: 1_001 };
    const report = submitReport({ ...newReport('2026-10', 1_000, () => reportId), lookBack: '回头看', progress: '平稳', nextPriorities: ['防治水'] },
      computeMonthFigures('2026-10', { team: { shifts: [] }, duties: [], hazards: [], workers: [], riskTypes: [], weeklyScreenings: [], helpRecords: [], pairs: [], hardships: [] }), 2_000);
    // A report whose snapshot lacks the figures the review page and the dashboard read.
    const badReport = { ...report, id: badReportId, month: '2026-09', submissions: [{ ...report.submissions[0]!, figures: { schema: 1, month: '2026-09' } }] };
    const before = s.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    const r = await push([duty(a, 1, '好的一条'), withoutMeeting(duty(bad, 1, '坏的一条')), duty(c, 1), record('hazards', h), record('reports', report), record('reports', badReport)]);
    expect(r.status).toBe(200);
    expect(r.body.acks).toEqual([
      { table: 'duties', id: a, rev: 1 }, { table: 'duties', id: c, rev: 1 },
      { table: 'hazards', id: hazardId, rev: 1 }, { table: 'reports', id: reportId, rev: 2 },
    ]);
    expect(r.body.rejected).toEqual([
      { table: 'duties', id: bad, rev: 1, code: 'invalid_record', message: '记录格式不正确: duties.districtMeeting: missing, expected Object' },
      { table: 'reports', id: badReportId, rev: 2, code: 'invalid_record', message: '记录格式不正确: reports.submissions.0.figures.daily: missing, expected Object' },
    ]);
    expect(stored(bad)).toBeUndefined();
    expect(stored(badReportId)).toBeUndefined();
    expect(JSON.parse(stored(a)!.body).organisationNote).toBe('好的一条');
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(before.n + 4);
    // Nothing of it anywhere: not in history either, and the team's other phone never sees it.
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM record_history WHERE id IN (?, ?)').get(bad, badReportId)).toEqual({ n: 0 });
    const pulled = (await (await fetch(`${s.url}/api/v1/sync/pull?v=1&since=0`, { headers: { Authorization: `Bearer ${other.token}` } })).json()) as PullResponse;
    expect(pulled.records.map((x) => x.id).sort()).toEqual([a, c, hazardId, reportId].sort());
  });

  it('a malformed new revision of a stored record leaves the stored one untouched', async () => {
    const before = dbSnapshot(s);
    const r = await push([withoutMeeting(duty(a, 2, '坏的修改'))]);
    expect(r.body).toMatchObject({ acks: [], rejected: [{ id: a, rev: 2, code: 'invalid_record' }] });
    expect(stored(a)!.rev).toBe(1);
    expect(dbSnapshot(s)).toBe(before);
  });

  it('a tombstone is the full record with deleted = true, and is stored like any other revision', async () => {
    const r = await push([{ ...duty(c, 2), deleted: true, body: { ...duty(c, 2).body, deleted: true } }]);
    expect(r.body).toMatchObject({ acks: [{ id: c, rev: 2 }], rejected: [] });
    expect(JSON.parse(stored(c)!.body).deleted).toBe(true);
  });

  it('the secretary pages still answer 200 afterwards', async () => {
    const dash = await page('/secretary/?month=2026-11');
    expect(dash.status, dash.text.slice(0, 300)).toBe(200);
    expect(dash.text).toContain('综采一队甲班');
    const team = await page(`/secretary/team/${t.teamId}?month=2026-11&day=2026-11-01`);
    expect(team.status, team.text.slice(0, 300)).toBe(200);
    expect(team.text).toContain('支架立柱漏液');
    expect((await page(`/secretary/team/${t.teamId}?month=2026-10`)).status).toBe(200);
    expect((await page(`/secretary/report/${reportId}`)).status).toBe(200);
    expect((await page(`/secretary/report/${badReportId}`)).status).toBe(404); // never stored
    expect((await page(`/secretary/print?team=${t.teamId}&month=2026-10`)).status).toBe(200);
  });

  it('a malformed row stored before bodies were checked is left out of the pages, not a 500', async () => {
    const old = testId();
    const { districtMeeting: _m, ...body } = { ...duty(old, 1, '旧版本的记录', 5).body, shiftId: 's2' } as Record<string, unknown>;
    const device = (s.db.prepare('SELECT id FROM devices WHERE team_id = ? LIMIT 1').get(t.teamId) as { id: string }).id;
    s.db.prepare(`INSERT INTO records (tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, seq)
      VALUES ('duties', ?, ?, ?, 1, 5, 0, ?, 5, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records))`).run(old, t.teamId, device, JSON.stringify(body));
    const dash = await page('/secretary/?month=2026-11');
    expect(dash.status, dash.text.slice(0, 300)).toBe(200);
    const team = await page(`/secretary/team/${t.teamId}?month=2026-11&day=2026-11-01`);
    expect(team.status, team.text.slice(0, 300)).toBe(200);
    expect(team.text).not.toContain('旧版本的记录');
    expect(team.text).toContain('支架立柱漏液'); // the team's valid records are still there
  });
});

describe('phone: listDirty does not send a body its table refuses', () => {
  it('marks it refused with the precise reason, keeps it out of every batch, and sends the rest', async () => {
    const db = freshDb();
    await db.open();
    try {
      const good = makeDuty(testId());
      const { districtMeeting: _m, ...broken } = makeDuty(testId());
      await db.duties.bulkPut([good, broken as typeof good]);
      const { records } = await listDirty(db, 64 * 1024, 5);
      expect(records.map((r) => r.id)).toEqual([good.id]);
      const summary = await outboxSummary(db);
      expect(summary.pending).toBe(1);
      expect(summary.rejected).toEqual([{
        table: 'duties', id: broken.id, rev: 1, at: 5, code: 'invalid_record',
        message: '记录格式不正确: duties.districtMeeting: missing, expected Object',
      }]);
      // Not retried in a loop: the next batch skips it until it is edited (a new revision).
      expect((await listDirty(db, 64 * 1024, 6)).records.map((r) => r.id)).toEqual([good.id]);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
