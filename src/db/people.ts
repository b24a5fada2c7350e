/**
 * The people ledger's storage: 1+X pairs, the 困难职工台账, and everything about one worker
 * for their page. Writes are validated by the screen first (weekly-validate.ts) and checked
 * again here, so a bad record never reaches the outbox.
 */
import type { DayKey, DailyDuty } from '../domain/types';
import type { HardshipEntry, PairRecord } from '../domain/weekly';
import { freshMeta } from '../domain/weekly-meta';
import type { PersonSources } from '../domain/weekly-timeline';
import { validateHardship, validatePair } from '../domain/weekly-validate';
import { newId, now } from './clock';
import { withDb } from './connection';
import { alive } from './records';
import { changeRecord, stored } from './weekly';

export type PairInput = Pick<PairRecord, 'mentorId' | 'workerIds' | 'since' | 'until'>;
export type HardshipInput = Pick<HardshipEntry, 'workerId' | 'kind' | 'help' | 'amountYuan' | 'day' | 'note' | 'followUp'>;

function check(r: { ok: boolean; errors?: { message: string }[] }): void {
  if (!r.ok) throw new Error(r.errors?.[0]?.message ?? 'invalid');
}

/** Live pairs, newest first. */
export async function listPairs(): Promise<PairRecord[]> {
  const rows = (await withDb((db) => db.pairs.toArray())) as unknown as PairRecord[];
  return rows.filter(alive).sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : b.createdAt - a.createdAt));
}

/** Live pairs the worker is in, as mentor or as one of the X (both indexes, one read each). */
export async function pairsOfWorker(workerId: string): Promise<PairRecord[]> {
  const rows = await withDb(async (db) => [
    ...(await db.pairs.where('mentorId').equals(workerId).toArray()),
    ...(await db.pairs.where('workerIds').equals(workerId).toArray()),
  ]);
  const byId = new Map((rows as unknown as PairRecord[]).filter(alive).map((p) => [p.id, p]));
  return [...byId.values()].sort((a, b) => (a.since < b.since ? 1 : -1));
}

/** A pair counts on `day` from its start until (and including) its end day. */
export const isPairActive = (p: PairRecord, day: DayKey): boolean => p.since <= day && (p.until === null || p.until >= day);

export async function addPair(input: PairInput): Promise<PairRecord> {
  check(validatePair(input));
  const p: PairRecord = { ...freshMeta(now(), newId), ...input, workerIds: [...input.workerIds] };
  await withDb((db) => db.pairs.add(stored(p)));
  return p;
}

export async function updatePair(id: string, input: PairInput): Promise<PairRecord> {
  check(validatePair(input));
  return changeRecord<PairRecord>('pairs', id, (p) => ({ ...p, ...input, workerIds: [...input.workerIds] }));
}

/** Ends a pair on `day` (kept in the ledger and on each person's page). */
export const endPair = (id: string, day: DayKey) => changeRecord<PairRecord>('pairs', id, (p) => ({ ...p, until: day }));

/** Live hardship entries, newest day first. */
export async function listHardships(): Promise<HardshipEntry[]> {
  const rows = (await withDb((db) => db.hardships.orderBy('day').reverse().toArray())) as unknown as HardshipEntry[];
  return rows.filter(alive);
}

export async function addHardship(input: HardshipInput): Promise<HardshipEntry> {
  check(validateHardship(input));
  const h: HardshipEntry = { ...freshMeta(now(), newId), ...input, kind: input.kind.trim() };
  await withDb((db) => db.hardships.add(stored(h)));
  return h;
}

/**
 * Everything about one worker, for personTimeline. Duties have no worker index (the ids sit
 * inside nested entries), so all duties are read: a team has about a thousand a year.
 */
export async function personSources(workerId: string): Promise<PersonSources> {
  return withDb(async (db) => {
    const duties = (await db.duties.toArray()) as DailyDuty[];
    const helpRecords = await db.helpRecords.where('workerId').equals(workerId).toArray();
    const hardships = await db.hardships.where('workerId').equals(workerId).toArray();
    const pairs = [
      ...(await db.pairs.where('mentorId').equals(workerId).toArray()),
      ...(await db.pairs.where('workerIds').equals(workerId).toArray()),
    ];
    const uniquePairs = [...new Map(pairs.map((p) => [p.id, p])).values()];
    return {
      duties,
      helpRecords: helpRecords as unknown as PersonSources['helpRecords'],
      hardships: hardships as unknown as PersonSources['hardships'],
      pairs: uniquePairs as unknown as PersonSources['pairs'],
    };
  });
}
