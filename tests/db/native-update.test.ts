import 'fake-indexeddb/auto';
import { Dexie, liveQuery, RangeSet, type IntervalTree, type ObservabilitySet } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { ensureDuty, findDuty, updateDuty } from '../../src/db/duties';
import { updateNative } from '../../src/db/native-update';
import type { DailyDuty, ShiftDef } from '../../src/domain/types';
import { useFreshDb } from './fresh-db';

const SHIFT: ShiftDef = { id: 's1', name: '早班', start: '07:00', end: '15:00' };
const fresh = useFreshDb();

/** Every storagemutated event fired while `fn` runs. */
async function firedDuring(fn: () => Promise<unknown>): Promise<ObservabilitySet[]> {
  const seen: ObservabilitySet[] = [];
  const listen = (parts: ObservabilitySet) => seen.push(parts);
  Dexie.on('storagemutated', listen);
  try {
    await fn();
  } finally {
    Dexie.on('storagemutated').unsubscribe(listen);
  }
  return seen;
}

/** Every [from, to] of an interval tree (dexie's RangeSet nodes: from, to, l, r). */
function ranges(tree: IntervalTree): [unknown, unknown][] {
  const node = tree as { from?: unknown; to?: unknown; l?: IntervalTree | null; r?: IntervalTree | null };
  if (!('from' in node)) return [];
  return [...(node.l ? ranges(node.l) : []), [node.from, node.to], ...(node.r ? ranges(node.r) : [])];
}

/** The next value of a live query after `act`, or a timeout error. */
function nextValue<T>(query: () => Promise<T>, act: () => Promise<unknown>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const values: T[] = [];
    const timer = setTimeout(() => { sub.unsubscribe(); reject(new Error(`no new value: ${JSON.stringify(values)}`)); }, 2000);
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        values.push(v);
        if (values.length === 1) void act();
        else { clearTimeout(timer); sub.unsubscribe(); resolve(values); }
      },
      error: reject,
    });
  });
}

describe('a tick written past Dexie (native-update.ts)', () => {
  const changes: [string, (d: DailyDuty) => DailyDuty][] = [
    ['a field no index holds (already dirty)', (d) => ({ ...d, safetyConfirmed: !d.safetyConfirmed })],
    ['an indexed field (dirty 0 → 1)', (d) => ({ ...d, lessonTopic: 'x' })],
    ['the day (two indexes move)', (d) => ({ ...d, day: '2026-03-03' })],
  ];
  for (const [what, change] of changes) {
    it(`reports the same mutated parts as Dexie's own put: ${what}`, async () => {
      const db = fresh.db;
      const d = await ensureDuty('2026-03-02', SHIFT, 8);
      if (what.includes('0 → 1')) await db.duties.update(d.id, { dirty: 0 });
      const start = (await db.duties.get(d.id))!;
      // What updateDuty did through Dexie until Dec 2026: get, then put, in one transaction.
      const viaDexie = await firedDuring(() => db.transaction('rw', db.duties, async () => {
        await db.duties.put({ ...change((await db.duties.get(d.id))!), dirty: 1 });
      }));
      await db.duties.put(start);
      const native = await firedDuring(() => updateNative<DailyDuty>(db, 'duties', d.id, (x) => ({ ...change(x), dirty: 1 })));
      expect(viaDexie).toHaveLength(1);
      expect(native).toHaveLength(1);
      const [ours, theirs] = [native[0]!, viaDexie[0]!];
      // Everything Dexie named, we name: the same live queries re-run.
      expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
      for (const [part, tree] of Object.entries(theirs)) {
        for (const [from, to] of ranges(tree)) {
          expect(to).toEqual(from); // single keys: a put names keys, not ranges
          expect(RangeSet(ours[part]!).hasKey(from as never), `${part} ${JSON.stringify(from)}`).toBe(true);
        }
      }
      // And where an index key moved, its old key too (a query on the old day re-runs).
      if (what.includes('day')) expect(RangeSet(ours[Object.keys(ours).find((p) => p.endsWith('/day'))!]!).hasKey('2026-03-02')).toBe(true);
    });
  }

  it('re-runs the live queries that read the record: by [day+shiftId], by id, the outbox count', async () => {
    const db = fresh.db;
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    await db.duties.update(d.id, { dirty: 0 });
    const tick = () => updateDuty(d.id, (x) => ({ ...x, safetyConfirmed: true }));
    const [, shown] = await nextValue(() => findDuty('2026-03-02', SHIFT.id), tick);
    expect(shown).toMatchObject({ safetyConfirmed: true, dirty: 1 });
    const [, byId] = await nextValue(() => db.duties.get(d.id), () => updateDuty(d.id, (x) => ({ ...x, safetyConfirmed: false })));
    expect(byId).toMatchObject({ safetyConfirmed: false });
    await db.duties.update(d.id, { dirty: 0 });
    const counts = await nextValue(() => db.duties.where('dirty').equals(1).count(), tick);
    expect(counts).toEqual([0, 1]);
  });

  it('stores the change whole with the next revision and tells the caller what it stored', async () => {
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    const next = await updateDuty(d.id, (x) => ({ ...x, lessonTopic: '防突' }));
    expect(next).toMatchObject({ lessonTopic: '防突', rev: d.rev + 1, dirty: 1 });
    expect(await fresh.db.duties.get(d.id)).toEqual(next);
  });

  it('a change that throws stores nothing and is not run again through Dexie', async () => {
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    const change = vi.fn((): DailyDuty => { throw new Error('bad change'); });
    await expect(updateDuty(d.id, change)).rejects.toThrow('bad change');
    expect(change).toHaveBeenCalledTimes(1);
    expect(await fresh.db.duties.get(d.id)).toEqual(d);
  });

  it('an unknown id is an error, not a new record', async () => {
    await expect(updateDuty('nope', (x) => x)).rejects.toThrow('duties nope not found');
    expect(await fresh.db.duties.count()).toBe(0);
  });

  it('a closed database answers retry (the caller takes the Dexie path, which reopens)', async () => {
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    fresh.db.backendDB().close();
    expect(await updateNative<DailyDuty>(fresh.db, 'duties', d.id, (x) => x)).toEqual({ ok: false, retry: true });
    fresh.db.close();
    expect(await updateNative<DailyDuty>(fresh.db, 'duties', d.id, (x) => x)).toEqual({ ok: false, retry: true });
  });
});
