import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/db/connection';
import { ensureDuty, findDuty, updateDuty } from '../../src/db/duties';
import { addHazard, closeItem, listHazards, reopenItem } from '../../src/db/hazards';
import { addWorkers, listWorkers, removeWorker, updateWorker } from '../../src/db/team';
import type { ShiftDef } from '../../src/domain/types';
import { useFreshDb } from './fresh-db';

const SHIFT: ShiftDef = { id: 's1', name: '八点班', start: '08:00', end: '16:00' };
const clock = (ms: number) => vi.spyOn(Date, 'now').mockReturnValue(ms);

useFreshDb();

describe('updateDuty', () => {
  it('stores nothing when the change throws midway', async () => {
    const d = await ensureDuty('2026-03-02', SHIFT, 12);
    const failing = updateDuty(d.id, (x) => {
      x.lessonTopic = '半截的内容';
      x.rollCall.absentees.push('w1');
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await getDb().duties.get(d.id)).toEqual(d);
  });

  it('keeps both of two concurrent edits of different fields (rev 3)', async () => {
    const d = await ensureDuty('2026-03-02', SHIFT, 12);
    await Promise.all([
      updateDuty(d.id, (x) => ({ ...x, lessonTopic: '顶板管理' })),
      updateDuty(d.id, (x) => ({ ...x, safetyConfirmed: true })),
    ]);
    const stored = await getDb().duties.get(d.id);
    expect(stored).toMatchObject({ lessonTopic: '顶板管理', safetyConfirmed: true, rev: 3, dirty: 1 });
  });

  it('bumps rev, marks dirty and sets updatedAt on every change', async () => {
    clock(1_000);
    const d = await ensureDuty('2026-03-02', SHIFT, 12);
    await getDb().duties.update(d.id, { dirty: 0 }); // as if the server acknowledged it
    clock(5_000);
    const next = await updateDuty(d.id, (x) => ({ ...x, dayOff: true }));
    expect(next).toMatchObject({ rev: 2, dirty: 1, updatedAt: 5_000, createdAt: 1_000, dayOff: true });
    expect(await getDb().duties.get(d.id)).toEqual(next);
  });
});

describe('ensureDuty', () => {
  it('returns the same record for the same day and shift, also when asked at once', async () => {
    const a = await ensureDuty('2026-03-02', SHIFT, 12);
    const b = await ensureDuty('2026-03-02', SHIFT, 15);
    const [c, e] = await Promise.all([ensureDuty('2026-03-03', SHIFT, 12), ensureDuty('2026-03-03', SHIFT, 12)]);
    expect(b).toEqual(a);
    expect(e.id).toBe(c.id);
    expect(await getDb().duties.count()).toBe(2);
    expect((await findDuty('2026-03-02', SHIFT.id))?.id).toBe(a.id);
  });
});

describe('workers', () => {
  it('adds a pasted list in one go, trimmed, in the pasted order', async () => {
    const names = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十'];
    const rows = await addWorkers(names.map((n, i) => ({ name: ` ${n} `, post: ' 采煤工 ', partyMember: i === 0 })));
    expect(rows).toHaveLength(names.length);
    const listed = await listWorkers();
    expect(listed.map((w) => w.name)).toEqual(names);
    expect(listed[0]).toMatchObject({ post: '采煤工', partyMember: true, rev: 1, dirty: 1, deleted: false });
    expect(listed.slice(1).every((w) => !w.partyMember)).toBe(true);
  });

  it('removeWorker leaves a tombstone: hidden from the roster, still stored', async () => {
    const [a, b] = await addWorkers([{ name: '张三', post: '掘进工' }, { name: '李四', post: '电工' }]);
    await getDb().workers.update(a!.id, { dirty: 0 });
    await removeWorker(a!.id);
    await removeWorker(a!.id); // twice: no second revision
    const stored = await getDb().workers.get(a!.id);
    expect(stored).toMatchObject({ name: '张三', deleted: true, rev: 2, dirty: 1 });
    expect((await listWorkers()).map((w) => w.id)).toEqual([b!.id]);
    expect((await listWorkers(true)).map((w) => w.id).sort()).toEqual([a!.id, b!.id].sort());
  });

  it('updateWorker saves a new revision', async () => {
    const [a] = await addWorkers([{ name: '张三', post: '掘进工' }]);
    await updateWorker(a!.id, { partyMember: true });
    expect(await getDb().workers.get(a!.id)).toMatchObject({ partyMember: true, rev: 2, dirty: 1, name: '张三' });
  });
});

describe('hazards', () => {
  it('close and reopen keep the whole history and never delete', async () => {
    const h = await addHazard(
      { day: '2026-03-02', shiftName: '八点班', dutyId: null },
      { description: ' 顶板离层 ', responsible: '李四', deadline: '2026-03-05' },
    );
    await closeItem(h.id, '2026-03-03', '已支护');
    await reopenItem(h.id, '2026-03-04', '复查未过');
    const closed = await closeItem(h.id, '2026-03-05', '二次支护');
    const again = await closeItem(h.id, '2026-03-06', '重复销号'); // already closed: no change
    expect(again).toEqual(closed);
    const stored = await getDb().hazards.get(h.id);
    expect(stored).toMatchObject({ status: 'closed', closedDay: '2026-03-05', rev: 4, dirty: 1, deleted: false });
    expect(stored?.history.map((e) => [e.action, e.day, e.note])).toEqual([
      ['close', '2026-03-03', '已支护'],
      ['reopen', '2026-03-04', '复查未过'],
      ['close', '2026-03-05', '二次支护'],
    ]);
    expect(await getDb().hazards.count()).toBe(1);
    expect((await listHazards()).map((x) => x.description)).toEqual(['顶板离层']);
  });
});
