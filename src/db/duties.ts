/** 日跟班 records: one per production day and shift, changed field by field, each change saved at once. */
import { newDuty } from '../domain/checklist';
import type { DailyDuty, DayKey, ShiftDef } from '../domain/types';
import { newId, now } from './clock';
import { getDb, withDb } from './connection';
import { updateNative } from './native-update';
import { alive, bump, copyRecord } from './records';

export async function findDuty(day: DayKey, shiftId: string): Promise<DailyDuty | undefined> {
  const rows = await withDb((db) => db.duties.where('[day+shiftId]').equals([day, shiftId]).toArray());
  return rows.filter(alive).sort((a, b) => a.createdAt - b.createdAt)[0];
}

/** The duty of that shift, created on first touch (so merely looking creates nothing). */
export async function ensureDuty(day: DayKey, shift: ShiftDef, expected: number | null): Promise<DailyDuty> {
  return withDb((db) =>
    db.transaction('rw', db.duties, async () => {
      const rows = (await db.duties.where('[day+shiftId]').equals([day, shift.id]).toArray()).filter(alive);
      const existing = rows.sort((a, b) => a.createdAt - b.createdAt)[0];
      if (existing) return existing;
      const d = newDuty({ id: newId(), createdAt: now() }, day, shift, expected);
      await db.duties.add(d);
      return d;
    }),
  );
}

/**
 * Applies one change in a single read-modify-write transaction: a tick is either stored
 * whole with a new revision or not at all. Native IndexedDB first (native-update.ts: a tick
 * costs half as much on a slow phone); the Dexie transaction when that cannot run, which
 * reopens a closed connection.
 */
export async function updateDuty(id: string, change: (d: DailyDuty) => DailyDuty): Promise<DailyDuty> {
  const fast = await updateNative<DailyDuty>(getDb(), 'duties', id, (d) => bump(change(d)));
  if (fast.ok) return fast.row;
  if ('error' in fast) throw fast.error;
  return withDb((db) =>
    db.transaction('rw', db.duties, async () => {
      const d = await db.duties.get(id);
      if (!d) throw new Error(`duty ${id} not found`);
      const next = bump(change(copyRecord(d)));
      await db.duties.put(next);
      return next;
    }),
  );
}

export async function dutiesBetween(from: DayKey, to: DayKey): Promise<DailyDuty[]> {
  const rows = await withDb((db) => db.duties.where('day').between(from, to, true, true).toArray());
  return rows.filter(alive);
}

/** Latest duties first, for offering recent topics/documents again. */
export async function recentDuties(limit = 30): Promise<DailyDuty[]> {
  const rows = await withDb((db) => db.duties.orderBy('day').reverse().limit(limit).toArray());
  return rows.filter(alive);
}

/**
 * The earliest day holding a 日跟班 or a hazard (live or not): with the team's set-up day it
 * makes the team's first day (due.ts firstDayOf), so records entered for days before the
 * phone was set up (a restored team) still make those days count.
 */
export async function firstRecordDays(): Promise<DayKey[]> {
  return withDb(async (db) => {
    const [d, h] = await Promise.all([db.duties.orderBy('day').first(), db.hazards.orderBy('foundDay').first()]);
    return [d?.day, h?.foundDay].filter((x): x is DayKey => typeof x === 'string');
  });
}
