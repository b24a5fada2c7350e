/**
 * Merging 日跟班 across the phones of one team (domain/duty-merge.ts) where the outbox meets
 * another phone's version: a push that lost a conflict, and a pull that brings a second
 * record of a shift this phone also followed. Runs inside the outbox's transactions.
 */
import { mergeDuties } from '../domain/duty-merge';
import type { SyncRecord, SyncTableName } from '../domain/sync-protocol';
import type { DailyDuty } from '../domain/types';
import { bump } from './records';
import type { AppDb } from './schema';

type DutyRow = Record<string, unknown> & { rev: number; updatedAt: number; dirty: 0 | 1; scrubbedAt?: number };

/** Duties merge with their hazards re-pointed: both tables join the transaction when duties come. */
export function withDutyTables(tables: SyncTableName[]): SyncTableName[] {
  return tables.includes('duties') ? [...new Set([...tables, 'hazards' as const])] : tables;
}

/**
 * This phone's 日跟班 lost a conflict to another phone's version of the same record: the
 * ticks of both are kept (domain/duty-merge.ts) and sent again as the next revision,
 * unless the server's version already holds them all.
 */
export function mergeLostDuty<R extends DutyRow>(mine: R, theirs: R, theirRev: number): R {
  const merged = mergeDuties(theirs as unknown as DailyDuty, mine as unknown as DailyDuty) as unknown as R;
  if (JSON.stringify({ ...merged, ackedAt: 0 }) === JSON.stringify({ ...theirs, ackedAt: 0 })) return theirs;
  return { ...merged, rev: theirRev + 1, updatedAt: Math.max(mine.updatedAt, theirs.updatedAt) + 1, dirty: 1, syncedRev: theirRev };
}

/**
 * Two records of one shift (the instructor's and the substitute's, started offline on two
 * phones): folded into the older one (createdAt, then id: the same choice on every phone),
 * the other becomes a tombstone and its hazards point to the one kept.
 */
export async function foldDuplicateDuties(db: AppDb, pulled: SyncRecord[]): Promise<void> {
  const seen = new Set<string>();
  for (const rec of pulled) {
    const { day, shiftId } = rec.body as { day?: string; shiftId?: string };
    if (typeof day !== 'string' || typeof shiftId !== 'string' || seen.has(`${day}|${shiftId}`)) continue;
    seen.add(`${day}|${shiftId}`);
    const same = (await db.duties.where('[day+shiftId]').equals([day, shiftId]).toArray()).filter((d) => !d.deleted)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    // A record whose notes retention removed is read-only on the phone; the server keeps both.
    if (same.length < 2 || same.some((d) => (d as unknown as DutyRow).scrubbedAt !== undefined)) continue;
    let kept = same[0]!;
    for (const other of same.slice(1)) {
      kept = mergeDuties(kept, other);
      await db.duties.put(bump({ ...other, deleted: true }));
      for (const h of await db.hazards.where('dutyId').equals(other.id).toArray()) {
        if ((h as unknown as DutyRow).scrubbedAt === undefined) await db.hazards.put(bump({ ...h, dutyId: kept.id }));
      }
    }
    await db.duties.put(bump(kept));
  }
}

