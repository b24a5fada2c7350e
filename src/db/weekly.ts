/**
 * 周帮扶 storage: risk types, each week's screening and its help records. Every write is one
 * read-modify-write transaction; records are tombstoned, never deleted (the server may not
 * have them yet). Rules live in src/domain/weekly*.ts and risk-types.ts.
 */
import { defaultRiskTypes, riskTypeNameError, type RiskType } from '../domain/risk-types';
import type { RecordMeta, WeekKey } from '../domain/types';
import { newHelpRecord, newWeeklyScreening, type HelpRecord, type WeeklyScreening } from '../domain/weekly';
import { startFollowUp } from '../domain/weekly-carry';
import { newId, now } from './clock';
import { withDb } from './connection';
import { alive, bump, copyRecord, meta } from './records';
import type { AppDb } from './schema';

type Stored = Parameters<AppDb['helpRecords']['put']>[0];
export type WeeklyTable = 'riskTypes' | 'weeklyScreenings' | 'helpRecords' | 'pairs' | 'hardships';

/** The v2 tables store domain records as-is; this is the one cast between the two views. */
export const stored = <T extends RecordMeta>(r: T): Stored => r as unknown as Stored;

/** One change to one record as a new revision; shared with people.ts. */
export async function changeRecord<T extends RecordMeta>(table: WeeklyTable, id: string, fn: (r: T) => T): Promise<T> {
  return withDb((db) =>
    db.transaction('rw', db.table(table), async () => {
      const r = (await db.table(table).get(id)) as T | undefined;
      if (!r) throw new Error(`${table} ${id} not found`);
      const next = bump(fn(copyRecord(r)));
      await db.table(table).put(next);
      return next;
    }),
  );
}

/**
 * Seeds the default types the first time this phone has none at all — when the user acts (the
 * first help record, opening 管理类型), never on a visit (tombstones count, so
 * deleting every type never brings the defaults back). Known race: two phones of one team
 * that both seed before syncing end up with two sets of equal names; the branch retires one.
 */
export async function ensureRiskTypes(): Promise<void> {
  await withDb((db) =>
    db.transaction('rw', db.riskTypes, async () => {
      if ((await db.riskTypes.count()) > 0) return;
      await db.riskTypes.bulkAdd(defaultRiskTypes(now(), newId).map(stored));
    }),
  );
}

/** Every type, retired and tombstoned too: old records must still read with their names. */
export async function listRiskTypes(): Promise<RiskType[]> {
  return (await withDb((db) => db.riskTypes.toArray())) as unknown as RiskType[];
}

export async function addRiskType(name: string): Promise<RiskType> {
  return withDb((db) =>
    db.transaction('rw', db.riskTypes, async () => {
      const all = (await db.riskTypes.toArray()) as unknown as RiskType[];
      const err = riskTypeNameError(name, all);
      if (err) throw new Error(err);
      const order = Math.max(-1, ...all.map((t) => t.order)) + 1;
      const t: RiskType = { ...meta(newId()), name: name.trim(), retired: false, order };
      await db.riskTypes.add(stored(t));
      return t;
    }),
  );
}

/** Renames or retires/reinstates a type; the name rules (not empty, no live twin) hold for both. */
async function changeRiskType(id: string, fn: (t: RiskType) => RiskType): Promise<RiskType> {
  return withDb((db) =>
    db.transaction('rw', db.riskTypes, async () => {
      const all = (await db.riskTypes.toArray()) as unknown as RiskType[];
      const t = all.find((x) => x.id === id);
      if (!t) throw new Error(`riskType ${id} not found`);
      const next = bump(fn(t));
      const err = next.retired ? null : riskTypeNameError(next.name, all, id);
      if (err) throw new Error(err);
      await db.riskTypes.put(stored(next));
      return next;
    }),
  );
}

export const renameRiskType = (id: string, name: string) => changeRiskType(id, (t) => ({ ...t, name: name.trim() }));

export const setRiskTypeRetired = (id: string, retired: boolean) => changeRiskType(id, (t) => ({ ...t, retired }));

async function liveScreening(db: AppDb, week: WeekKey): Promise<WeeklyScreening | null> {
  const rows = (await db.weeklyScreenings.where('week').equals(week).toArray()) as unknown as WeeklyScreening[];
  return rows.filter(alive).sort((a, b) => a.createdAt - b.createdAt)[0] ?? null;
}

/** The week's screening, or null while nothing was answered (looking creates nothing). */
export function getScreening(week: WeekKey): Promise<WeeklyScreening | null> {
  return withDb((db) => liveScreening(db, week));
}

/** Sets the explicit answers of the week's screening, creating it on first touch. */
export async function updateScreening(week: WeekKey, change: Partial<Pick<WeeklyScreening, 'noneAtRisk' | 'note'>>): Promise<void> {
  await withDb((db) =>
    db.transaction('rw', db.weeklyScreenings, async () => {
      const cur = await liveScreening(db, week);
      const next = cur ? bump({ ...cur, ...change }) : { ...newWeeklyScreening(week, now(), newId), ...change };
      await db.weeklyScreenings.put(stored(next));
    }),
  );
}

/** Live help records of the given weeks (this week and the one before, for follow-ups). */
export async function helpRecordsOfWeeks(weeks: WeekKey[]): Promise<HelpRecord[]> {
  const rows = await withDb((db) => db.helpRecords.where('week').anyOf(weeks).toArray());
  return (rows as unknown as HelpRecord[]).filter(alive);
}

/**
 * Adds `draft` unless the worker already has a live record this week (a double tap, or a
 * second tab): then that one is returned. Someone helped this week also answers the
 * screening, so a stale "nobody at risk" is cleared in the same transaction.
 */
async function addOnce(draft: HelpRecord): Promise<HelpRecord> {
  // The first help record is when the team starts using 帮扶类型: the defaults are seeded then, not on a visit.
  await ensureRiskTypes();
  return withDb((db) =>
    db.transaction('rw', db.helpRecords, db.weeklyScreenings, async () => {
      const rows = (await db.helpRecords.where('week').equals(draft.week).toArray()) as unknown as HelpRecord[];
      const existing = rows.find((r) => alive(r) && r.workerId === draft.workerId);
      if (existing) return existing;
      await db.helpRecords.add(stored(draft));
      const s = await liveScreening(db, draft.week);
      if (s?.noneAtRisk) await db.weeklyScreenings.put(stored(bump({ ...s, noneAtRisk: false })));
      return draft;
    }),
  );
}

export function addHelpRecord(week: WeekKey, workerId: string, seed: Partial<Pick<HelpRecord, 'situation'>> = {}): Promise<HelpRecord> {
  return addOnce({ ...newHelpRecord(week, workerId, now(), newId), ...seed });
}

/** Follows up last week's record in `week` (startFollowUp), optionally with the result already chosen. */
export async function followUp(prev: HelpRecord, week: WeekKey, result: HelpRecord['result'] = null): Promise<HelpRecord> {
  return addOnce({ ...startFollowUp(prev, week, now(), newId), result });
}

export const updateHelpRecord = (id: string, fn: (r: HelpRecord) => HelpRecord) => changeRecord<HelpRecord>('helpRecords', id, fn);

/** Tombstone; a removed follow-up shows up again as pre-listed, so nobody drops off. */
export const removeHelpRecord = (id: string) => changeRecord<HelpRecord>('helpRecords', id, (r) => ({ ...r, deleted: true }));
