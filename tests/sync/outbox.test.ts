import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acknowledge, applyPull, getBranchConfig, getReview, getSyncState, listDirty, outboxSummary, setSyncState,
} from '../../src/db/outbox';
import type { AppDb } from '../../src/db/schema';
import { freshDb, makeDuty, makeWorker, uuid } from './fixtures';

let db: AppDb;
beforeEach(async () => {
  db = freshDb();
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('listDirty', () => {
  it('lists only dirty records, parents first, and strips the dirty flag from the body', async () => {
    await db.duties.bulkPut([makeDuty(uuid(1)), makeDuty(uuid(2), 1, 0)]);
    await db.workers.put(makeWorker(uuid(3)));
    const { records, more } = await listDirty(db, 64 * 1024, 5);
    expect(records.map((r) => [r.table, r.id])).toEqual([['workers', uuid(3)], ['duties', uuid(1)]]);
    expect(more).toBe(false);
    expect(records[1]!.body).not.toHaveProperty('dirty');
    expect(records[1]!.body.lessonTopic).toBe('顶板管理');
  });

  it('bounds a batch by bytes but always sends at least one record', async () => {
    await db.duties.bulkPut([1, 2, 3].map((i) => makeDuty(uuid(i), 1, 1, 'x'.repeat(600))));
    const small = await listDirty(db, 1500, 5);
    expect(small.records.length).toBe(1);
    expect(small.more).toBe(true);
    const tiny = await listDirty(db, 10, 5);
    expect(tiny.records.length).toBe(1);
  });

  it('marks a malformed record refused without blocking the others', async () => {
    await db.duties.put({ ...makeDuty(uuid(1)), rev: 0 });
    await db.duties.put(makeDuty(uuid(2)));
    const { records } = await listDirty(db, 64 * 1024, 5);
    expect(records.map((r) => r.id)).toEqual([uuid(2)]);
    const s = await outboxSummary(db);
    expect(s.rejected).toEqual([expect.objectContaining({ id: uuid(1), code: 'invalid_record' })]);
    expect(s.pending).toBe(1);
  });
});

describe('acknowledge', () => {
  it('clears dirty only where the stored revision is the acknowledged one', async () => {
    await db.duties.bulkPut([makeDuty(uuid(1), 1), makeDuty(uuid(2), 1)]);
    // uuid(2) is edited while the push is in flight: rev 2 must stay dirty.
    await db.duties.put(makeDuty(uuid(2), 2, 1, 'edited'));
    await acknowledge(db, [{ table: 'duties', id: uuid(1), rev: 1 }, { table: 'duties', id: uuid(2), rev: 1 }], [], 5);
    expect((await db.duties.get(uuid(1)))!.dirty).toBe(0);
    expect((await db.duties.get(uuid(2)))!.dirty).toBe(1);
    expect((await listDirty(db, 64 * 1024, 5)).records.map((r) => [r.id, r.rev])).toEqual([[uuid(2), 2]]);
  });

  it('adopts the server version when the phone lost a conflict', async () => {
    await db.workers.put({ ...makeWorker(uuid(1), 2, 1), name: '张三（本机）' });
    const { dirty: _d, ...body } = { ...makeWorker(uuid(1), 2, 0), name: '张三' };
    await acknowledge(db, [{
      table: 'workers', id: uuid(1), rev: 2,
      current: { table: 'workers', id: uuid(1), rev: 2, updatedAt: 9_999, deleted: false, body },
    }], [], 5);
    const row = (await db.workers.get(uuid(1)))!;
    expect(row.name).toBe('张三');
    expect(row.dirty).toBe(0);
  });

  it('keeps its own ticks of a 日跟班 that lost a conflict: the union goes again as the next revision', async () => {
    await db.duties.put({ ...makeDuty(uuid(1), 2, 1, 'mine'), safetyConfirmed: false, lessonTopic: '' });
    const { dirty: _d, ...body } = { ...makeDuty(uuid(1), 2, 0, 'theirs'), safetyConfirmed: true };
    await acknowledge(db, [{
      table: 'duties', id: uuid(1), rev: 2,
      current: { table: 'duties', id: uuid(1), rev: 2, updatedAt: 9_999, deleted: false, body },
    }], [], 5);
    const row = (await db.duties.get(uuid(1)))!;
    expect([row.organisationNote, row.safetyConfirmed, row.lessonTopic, row.rev, row.dirty]).toEqual(['theirs；mine', true, '顶板管理', 3, 1]);
  });

  it('keeps a refused record dirty, skips it until edited, and lists the reason', async () => {
    await db.duties.bulkPut([makeDuty(uuid(1)), makeDuty(uuid(2))]);
    await acknowledge(db, [{ table: 'duties', id: uuid(2), rev: 1 }],
      [{ table: 'duties', id: uuid(1), rev: 1, code: 'foreign_record', message: '该记录属于其他班组' }], 5);
    expect((await db.duties.get(uuid(1)))!.dirty).toBe(1);
    expect((await listDirty(db, 64 * 1024, 5)).records).toEqual([]);
    const s = await outboxSummary(db);
    expect(s.rejected).toEqual([expect.objectContaining({ id: uuid(1), message: '该记录属于其他班组' })]);
    expect(s.pending).toBe(0);
    await db.duties.put(makeDuty(uuid(1), 2));
    expect((await listDirty(db, 64 * 1024, 5)).records.map((r) => r.rev)).toEqual([2]);
  });
});

describe('applyPull', () => {
  it('stores config, reviews, other devices\' records and the cursor together; never overwrites unsent edits', async () => {
    await db.duties.put(makeDuty(uuid(1), 3, 1, 'unsent'));
    await db.duties.put(makeDuty(uuid(2), 1, 0, 'old'));
    const rec = (id: string, note: string) => {
      const { dirty: _d, ...body } = makeDuty(id, 4, 0, note);
      return { table: 'duties' as const, id, rev: 4, updatedAt: 5_000, deleted: false, body };
    };
    await applyPull(db, {
      v: 1, cursor: 42, more: false,
      config: [{ key: 'shifts', value: [{ id: 's1', name: '零点班' }], updatedAt: 7 }],
      reviews: [{ reportId: 'r1', score: 95, feedback: '很好', adoptedIdeaIds: ['g1'], reviewedAt: 8 }],
      records: [rec(uuid(1), 'server'), rec(uuid(2), 'server'), rec(uuid(3), 'new')],
    });
    expect((await db.duties.get(uuid(1)))!.organisationNote).toBe('unsent');
    expect((await db.duties.get(uuid(2)))!.organisationNote).toBe('server');
    expect((await db.duties.get(uuid(3)))!).toMatchObject({ organisationNote: 'new', dirty: 0, rev: 4 });
    expect((await getSyncState(db)).cursor).toBe(42);
    expect((await getBranchConfig(db, 'shifts'))?.value).toEqual([{ id: 's1', name: '零点班' }]);
    expect(await getReview(db, 'r1')).toMatchObject({ score: 95, adoptedIdeaIds: ['g1'] });
  });
});

describe('connection loss', () => {
  it('reopens a database closed under it (iOS memory pressure) and carries on', async () => {
    await setSyncState(db, { token: 't', auth: 'enrolled' });
    await db.duties.put(makeDuty(uuid(1)));
    db.close();
    expect((await getSyncState(db)).token).toBe('t');
    db.close();
    expect((await listDirty(db, 1024, 5)).records.length).toBe(1);
  });
});

describe('summary', () => {
  it('counts pending records and reports the oldest unsent change', async () => {
    await db.duties.bulkPut([makeDuty(uuid(1), 5), makeDuty(uuid(2), 2), makeDuty(uuid(3), 1, 0)]);
    const s = await outboxSummary(db);
    expect(s.pending).toBe(2);
    expect(s.oldestPendingAt).toBe(1_002);
  });
});
