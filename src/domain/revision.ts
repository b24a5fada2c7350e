/**
 * The revision a local change gets. Normally rev + 1 per change (the conflict rule prefers
 * the version with more changes). The server refuses a rev more than MAX_REV_JUMP beyond
 * the one it holds (`invalid_rev`), and a report typed offline is one change per keystroke,
 * so while a record is unsent the phone counts from the last revision the server vouched for
 * (`syncedRev`, phone-local, never sent): at the bound it keeps the rev and only moves
 * updatedAt forward (strictly, so the outbox can tell an acknowledged version from a later
 * edit; see acknowledge in src/db/outbox.ts). Pure.
 */

/**
 * How far beyond the stored revision a push may jump. A phone bumps rev by one per edit,
 * so a thousand edits of one record between two syncs is already implausible; anything
 * further is refused (`invalid_rev`) instead of winning every later edit for ever.
 * Part of the sync protocol (re-exported by sync-protocol.ts); defined here so that the
 * phone's first load, which writes records, does not pull the protocol's validators.
 */
export const MAX_REV_JUMP = 1000;

interface Revisioned { rev: number; updatedAt: number; dirty?: 0 | 1 }
/** Phone-local: the rev the server last vouched for, kept while the record is unsent. */
export interface SyncedRev { syncedRev?: number }

export function nextRevision<T extends Revisioned>(r: T, at: number): T {
  const synced = r.dirty === 1 ? (r as SyncedRev).syncedRev ?? 0 : r.rev;
  if (r.rev + 1 - synced > MAX_REV_JUMP) return { ...r, dirty: 1, updatedAt: Math.max(at, r.updatedAt + 1), syncedRev: synced };
  return { ...r, rev: r.rev + 1, dirty: 1, updatedAt: Math.max(at, r.updatedAt), syncedRev: synced };
}
