/** Sync endpoint: pull (config and reviews from a cursor, secretary-owned fields) and enrolment. */
import { describe, expect, it } from 'vitest';
import { newReport } from '../../src/domain/report';
import { createEnrolCode, setConfig, setReview } from '../../src/server/store';
import { enrol, makeTeam, postJson, testId } from './helpers';
import { pull, push, s, stored, useSyncServer } from './sync-harness';

useSyncServer();

describe('pull', () => {
  it('delivers config and reviews once, in order, from a cursor', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    setConfig(s.db, t.branchId, 'shifts', [{ id: 's1', name: '零点班', start: '00:00', end: '08:00' }], s.clock.now);
    setReview(s.db, t.teamId, { reportId: 'report-1', score: 92, feedback: '回头看扎实', adoptedIdeaIds: ['idea-1'], reviewedAt: s.clock.now }, null);
    const first = await pull(dev.token, 0);
    expect(first.status).toBe(200);
    expect(first.body.config).toEqual([expect.objectContaining({ key: 'shifts' })]);
    expect(first.body.reviews).toEqual([expect.objectContaining({ reportId: 'report-1', score: 92, adoptedIdeaIds: ['idea-1'] })]);
    expect(first.body.more).toBe(false);
    const again = await pull(dev.token, first.body.cursor);
    expect(again.body.config).toEqual([]);
    expect(again.body.reviews).toEqual([]);
    expect(again.body.cursor).toBe(first.body.cursor);
  });

  it('never lets a phone write secretary-owned review fields', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    setReview(s.db, t.teamId, { reportId: 'report-x', score: 80, feedback: '好', adoptedIdeaIds: [], reviewedAt: 1 }, null);
    const id = testId();
    // A complete report (so it is stored, not refused by its schema) claiming a score and a review.
    const { dirty: _dirty, ...report } = newReport('2026-11', 1, () => id);
    const body = { ...report, score: 100, review: { score: 100, feedback: '自评', reviewedAt: 1, adoptedIdeaIds: [] } };
    const r = await push(dev.token, dev.teamId, [{ table: 'reports', id, rev: 1, updatedAt: 1, deleted: false, body }]);
    expect(r.body.acks).toEqual([{ table: 'reports', id, rev: 1 }]);
    const row = s.db.prepare("SELECT score FROM reviews WHERE report_id = 'report-x'").get() as { score: number };
    expect(row.score).toBe(80);
    // The forged review is not stored: teammates' phones pulling the report get none.
    expect(JSON.parse(stored(id)!.body).review).toBeNull();
    const mate = await enrol(s, createEnrolCode(s.db, dev.teamId, Date.now()).code, 'nonce-teammate-0123456789');
    const pulled = await pull(mate.token, 0);
    expect(pulled.body.records.find((x) => x.id === id)?.body.review).toBeNull();
    expect(pulled.body.reviews.map((x) => [x.reportId, x.score])).toEqual([['report-x', 80]]);
  });
});

describe('enrolment', () => {
  it('is one-time, but the same phone may redeem again after a lost answer', async () => {
    const t = makeTeam(s);
    const first = await enrol(s, t.code.toLowerCase().replace(/^(....)/, '$1-'), 'same-phone-0123456789');
    const retry = await enrol(s, t.code, 'same-phone-0123456789');
    expect(retry.deviceId).toBe(first.deviceId);
    expect((await pull(first.token, 0)).status).toBe(401); // the lost token no longer works
    expect((await pull(retry.token, 0)).status).toBe(200);
    const other = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code: t.code, nonce: 'another-phone-0123456789' });
    expect(other.status).toBe(410);
    expect(await other.json()).toMatchObject({ error: 'code_used' });
  });

  it('refuses unknown, expired and malformed codes', async () => {
    const t = makeTeam(s);
    const unknown = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code: 'ZZZZZZZZ', nonce: 'n-0123456789abcdef' });
    expect(unknown.status).toBe(404);
    s.clock.now += 24 * 3600 * 1000 + 1;
    const expired = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code: t.code, nonce: 'n-0123456789abcdef' });
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ error: 'code_expired' });
    const bad = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code: 'O0I1', nonce: 'n-0123456789abcdef' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_body', issues: expect.arrayContaining([expect.objectContaining({ path: 'code' })]) });
  });
});
