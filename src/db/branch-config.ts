/**
 * Applies the configuration the branch pushed (pulled into settings by the sync engine) to this
 * phone's own records: roster → workers, shifts and rota (倒班) → the team, risk types → riskTypes, merges →
 * every record naming a merged worker. Idempotent: each key is applied once per server version
 * (stamp in settings). Retired items become tombstones (workers) or retired types, so old
 * records stay readable; an item the branch deleted (it was never used) is retired the same
 * way on the phone. Item by item: a bad item (a name over the limits of config-limits.ts …)
 * is skipped and reported (settings `branchConfig.problems`), the good ones are applied.
 * Shifts are one timetable: invalid shifts are not applied and the phone keeps its own.
 */
import {
  parseNamedValue, parseRosterValue, parseShiftsValue, RISK_TYPES_KEY, sameFields, teamConfigKey, workerFields,
  type WorkerMerge,
} from '../domain/branch-config';
import { REPORT_DUE_DAY_KEY, reportDueDayOf } from '../domain/reminders';
import type { RiskType } from '../domain/risk-types';
import { effectiveRota } from '../domain/rota';
import { parseRota } from '../domain/rota-schema';
import type { Worker } from '../domain/types';
import { mergeMap, rewriteWorkerRefs, WORKER_REF_TABLES } from '../domain/worker-merge';
import { withDb } from './connection';
import { getBranchConfig, getSyncState } from './outbox';
import { bump, meta } from './records';
import type { AppDb } from './schema';

const APPLIED = 'branchConfig.applied:';
/** Ids of the items last applied per key: an id missing from the next value was deleted by the branch. */
const IDS = 'branchConfig.ids:';
const PROBLEMS = 'branchConfig.problems';

/** The branch's 月汇报 due day (次月N日), pulled like the rest of its config; 5 until it says otherwise. */
export const reportDueDay = (): Promise<number> =>
  withDb(async (db) => reportDueDayOf((await getBranchConfig(db, REPORT_DUE_DAY_KEY))?.value));

/** Items of the branch's config this phone could not use, per key, in zh-CN. */
export type ConfigProblems = Record<string, string[]>;

/** Returns the keys applied now (empty when nothing was new). */
export async function applyBranchConfig(db: AppDb): Promise<string[]> {
  const { teamId } = await getSyncState(db);
  const keys = [RISK_TYPES_KEY, ...(teamId ? (['roster', 'shifts', 'merges', 'rota'] as const).map((w) => teamConfigKey(teamId, w)) : [])];
  const applied: string[] = [];
  for (const key of keys) {
    const entry = await getBranchConfig(db, key);
    if (!entry) continue;
    const stamp = await db.settings.get(APPLIED + key);
    if (stamp && (stamp.value as number) >= entry.updatedAt) continue;
    const bad = key.endsWith(':roster') ? await applyRoster(db, key, entry.value)
      : key.endsWith(':shifts') ? await applyShifts(db, entry.value)
      : key.endsWith(':merges') ? await applyMerges(db, entry.value)
      : key.endsWith(':rota') ? await applyRota(db, entry.value)
      : await applyRiskTypes(db, entry.value);
    await reportProblems(db, key, bad ?? ['格式不正确，未使用']);
    if (bad === null || (key.endsWith(':shifts') && bad.length > 0)) {
      console.warn(`branch config ${key} not applied: ${(bad ?? ['not a list']).join('; ')}`);
      continue;
    }
    if (bad.length) console.warn(`branch config ${key}: items skipped: ${bad.join('; ')}`);
    await db.settings.put({ key: APPLIED + key, value: entry.updatedAt });
    applied.push(key);
  }
  return applied;
}

/** What the branch's config holds that this phone could not use (for the sync screen). */
export async function getConfigProblems(db: AppDb): Promise<ConfigProblems> {
  return ((await db.settings.get(PROBLEMS))?.value as ConfigProblems | undefined) ?? {};
}

/** The same, from the app's own database (for the 数据发送 screen). */
export const currentConfigProblems = (): Promise<ConfigProblems> => withDb(getConfigProblems);

async function reportProblems(db: AppDb, key: string, bad: string[]): Promise<void> {
  const all = { ...(await getConfigProblems(db)) };
  if (bad.length) all[key] = bad;
  else delete all[key];
  await db.settings.put({ key: PROBLEMS, value: all });
}

/** The ids applied last time that this value no longer lists (deleted by the branch); stores the new list. */
async function droppedIds(db: AppDb, key: string, ids: string[]): Promise<string[]> {
  const before = ((await db.settings.get(IDS + key))?.value as string[] | undefined) ?? [];
  await db.settings.put({ key: IDS + key, value: ids });
  return before.filter((id) => !ids.includes(id));
}

/** Ids of every item of a list, bad ones too (a skipped item is not a deleted one). */
function listedIds(value: unknown): string[] {
  return (value as { id?: unknown }[]).map((x) => x?.id).filter((id): id is string => typeof id === 'string');
}

async function applyRoster(db: AppDb, key: string, value: unknown): Promise<string[] | null> {
  const parsed = parseRosterValue(value);
  if (!parsed) return null;
  await db.transaction('rw', db.workers, db.settings, async () => {
    for (const item of parsed.items) {
      const want = workerFields(item);
      const w = await db.workers.get(item.id);
      if (!w) {
        if (!item.retired) await db.workers.add({ ...meta(item.id), ...want } as Worker);
      } else if (!sameFields(w, want)) await db.workers.put(bump({ ...w, ...want }));
    }
    for (const id of await droppedIds(db, key, listedIds(value))) {
      const w = await db.workers.get(id);
      if (w && !w.deleted) await db.workers.put(bump({ ...w, deleted: true }));
    }
  });
  return parsed.bad;
}

async function applyShifts(db: AppDb, value: unknown): Promise<string[] | null> {
  const parsed = parseShiftsValue(value);
  if (!parsed) return null;
  if (parsed.bad.length) return parsed.bad;
  const shifts = parsed.items;
  await db.transaction('rw', db.teams, async () => {
    const team = (await db.teams.toArray()).find((t) => !t.deleted);
    // Old duties keep their own copy of the shift name, so replacing the list loses no label.
    if (team && !sameFields(team, { shifts })) await db.teams.put(bump({ ...team, shifts }));
  });
  return [];
}

/** The branch's 倒班 for the team: applied when newer than the one set on the phone (rota.ts). */
async function applyRota(db: AppDb, value: unknown): Promise<string[] | null> {
  const rota = parseRota(value);
  if (!rota) return null;
  await db.transaction('rw', db.teams, async () => {
    const team = (await db.teams.toArray()).find((t) => !t.deleted);
    const next = effectiveRota(team?.rota ?? null, { ...rota, by: 'branch' });
    if (team && JSON.stringify(next) !== JSON.stringify(team.rota)) await db.teams.put(bump({ ...team, rota: next! }));
  });
  return [];
}

async function applyRiskTypes(db: AppDb, value: unknown): Promise<string[] | null> {
  const parsed = parseNamedValue(value);
  if (!parsed) return null;
  await db.transaction('rw', db.riskTypes, db.settings, async () => {
    for (const item of parsed.items) {
      const want = { name: item.name.trim(), retired: item.retired, order: item.order };
      const t = (await db.riskTypes.get(item.id)) as RiskType | undefined;
      if (!t) await db.riskTypes.add({ ...meta(item.id), ...want } as never);
      else if (!sameFields(t, want)) await db.riskTypes.put(bump({ ...t, ...want }) as never);
    }
    for (const id of await droppedIds(db, RISK_TYPES_KEY, listedIds(value))) {
      const t = (await db.riskTypes.get(id)) as RiskType | undefined;
      if (t && !t.retired) await db.riskTypes.put(bump({ ...t, retired: true }) as never);
    }
  });
  return parsed.bad;
}

/**
 * The secretary merged duplicate workers: the phone's records naming one name the other, and
 * the duplicate becomes a tombstone (its name stays for anything not rewritten).
 */
async function applyMerges(db: AppDb, value: unknown): Promise<string[] | null> {
  if (!Array.isArray(value)) return null;
  const bad: string[] = [];
  const merges: WorkerMerge[] = [];
  for (const m of value as Partial<WorkerMerge>[]) {
    if (typeof m?.from === 'string' && typeof m.to === 'string' && typeof m.at === 'number') merges.push(m as WorkerMerge);
    else bad.push('人员合并记录格式不正确');
  }
  const map = mergeMap(merges);
  const tables = WORKER_REF_TABLES.map((t) => db.table(t));
  await db.transaction('rw', [...tables, db.workers], async () => {
    for (const table of tables) {
      for (const row of (await table.toArray()) as (Worker & Record<string, unknown>)[]) {
        const next = rewriteWorkerRefs(table.name, row, map);
        // A record whose notes retention removed is read-only here: the server's full copy is
        // read through the merges by the secretary's pages anyway.
        if (next && row.scrubbedAt === undefined) await table.put(bump(next as unknown as Worker));
      }
    }
    for (const from of map.keys()) {
      const w = await db.workers.get(from);
      if (w && !w.deleted) await db.workers.put(bump({ ...w, deleted: true }));
    }
  });
  return bad;
}
