/**
 * The 隐患/问题 ledger: add, correct (edit, history kept), 复查, 销号 (close), reopen, and
 * withdraw a mistaken entry with a reason (a tombstone the secretary still sees).
 */
import { closeHazard, editHazard, newHazard, reopenHazard, reviewHazard, withdrawHazard, type HazardInput } from '../domain/hazard';
import type { DayKey, Hazard } from '../domain/types';
import { newId, now } from './clock';
import { withDb } from './connection';
import { alive, bump } from './records';

export async function addHazard(
  found: { day: DayKey; shiftName: string; dutyId: string | null },
  input: HazardInput,
): Promise<Hazard> {
  const h = newHazard({ id: newId(), createdAt: now() }, found, input);
  await withDb((db) => db.hazards.add(h));
  return h;
}

async function change(id: string, fn: (h: Hazard) => Hazard): Promise<Hazard> {
  return withDb((db) =>
    db.transaction('rw', db.hazards, async () => {
      const h = await db.hazards.get(id);
      if (!h) throw new Error(`hazard ${id} not found`);
      const next = fn(h);
      if (next === h) return h;
      const saved = bump(next);
      await db.hazards.put(saved);
      return saved;
    }),
  );
}

export const closeItem = (id: string, day: DayKey, note: string) => change(id, (h) => closeHazard(h, now(), day, note));
export const reopenItem = (id: string, day: DayKey, note: string) => change(id, (h) => reopenHazard(h, now(), day, note));
export const editItem = (id: string, day: DayKey, input: HazardInput) => change(id, (h) => editHazard(h, now(), day, input));
export const reviewItem = (id: string, day: DayKey, note: string) => change(id, (h) => reviewHazard(h, now(), day, note));
export const withdrawItem = (id: string, day: DayKey, reason: string) => change(id, (h) => withdrawHazard(h, now(), day, reason));

export async function listHazards(): Promise<Hazard[]> {
  return (await withDb((db) => db.hazards.toArray())).filter(alive);
}

export async function hazardsOfDuty(dutyId: string): Promise<Hazard[]> {
  return (await withDb((db) => db.hazards.where('dutyId').equals(dutyId).toArray())).filter(alive);
}
