/**
 * Applies the configuration the branch pushed (pulled into settings by the sync engine) to this
 * phone's own records: roster → workers, shifts → the team, risk types → riskTypes. Idempotent:
 * each key is applied once per server version (stamp in settings). Retired items become
 * tombstones (workers) or retired types, so old records stay readable. A value of the wrong
 * shape, or invalid shifts, is not applied and the phone keeps what it has.
 */
import {
  parseNamedValue, parseRosterValue, parseShiftsValue, RISK_TYPES_KEY, sameFields, teamConfigKey, workerFields,
} from '../domain/branch-config';
import type { RiskType } from '../domain/risk-types';
import type { Worker } from '../domain/types';
import { getBranchConfig, getSyncState } from './outbox';
import { bump, meta } from './records';
import type { AppDb } from './schema';

const APPLIED = 'branchConfig.applied:';

/** Returns the keys applied now (empty when nothing was new). */
export async function applyBranchConfig(db: AppDb): Promise<string[]> {
  const { teamId } = await getSyncState(db);
  const keys = [RISK_TYPES_KEY, ...(teamId ? [teamConfigKey(teamId, 'roster'), teamConfigKey(teamId, 'shifts')] : [])];
  const applied: string[] = [];
  for (const key of keys) {
    const entry = await getBranchConfig(db, key);
    if (!entry) continue;
    const stamp = await db.settings.get(APPLIED + key);
    if (stamp && (stamp.value as number) >= entry.updatedAt) continue;
    const ok = key.endsWith(':roster') ? await applyRoster(db, entry.value)
      : key.endsWith(':shifts') ? await applyShifts(db, entry.value)
      : await applyRiskTypes(db, entry.value);
    if (ok) {
      await db.settings.put({ key: APPLIED + key, value: entry.updatedAt });
      applied.push(key);
    } else console.warn(`branch config ${key} has an unexpected shape; not applied`);
  }
  return applied;
}

async function applyRoster(db: AppDb, value: unknown): Promise<boolean> {
  const items = parseRosterValue(value);
  if (!items) return false;
  await db.transaction('rw', db.workers, async () => {
    for (const item of items) {
      const want = workerFields(item);
      const w = await db.workers.get(item.id);
      if (!w) {
        if (!item.retired) await db.workers.add({ ...meta(item.id), ...want } as Worker);
      } else if (!sameFields(w, want)) await db.workers.put(bump({ ...w, ...want }));
    }
  });
  return true;
}

async function applyShifts(db: AppDb, value: unknown): Promise<boolean> {
  const shifts = parseShiftsValue(value);
  if (!shifts) return false;
  await db.transaction('rw', db.teams, async () => {
    const team = (await db.teams.toArray()).find((t) => !t.deleted);
    // Old duties keep their own copy of the shift name, so replacing the list loses no label.
    if (team && !sameFields(team, { shifts })) await db.teams.put(bump({ ...team, shifts }));
  });
  return true;
}

async function applyRiskTypes(db: AppDb, value: unknown): Promise<boolean> {
  const items = parseNamedValue(value);
  if (!items) return false;
  await db.transaction('rw', db.riskTypes, async () => {
    for (const item of items) {
      const want = { name: item.name.trim(), retired: item.retired, order: item.order };
      const t = (await db.riskTypes.get(item.id)) as RiskType | undefined;
      if (!t) await db.riskTypes.add({ ...meta(item.id), ...want } as never);
      else if (!sameFields(t, want)) await db.riskTypes.put(bump({ ...t, ...want }) as never);
    }
  });
  return true;
}
