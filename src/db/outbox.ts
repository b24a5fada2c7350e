/**
 * The outbox is the data itself: every record of SYNCED_TABLES with dirty = 1 waits to
 * be sent, so nothing queued can expire or be dropped. This module is the only place
 * that reads or clears `dirty`, and it keeps the phone's sync state in `settings`:
 *   sync.state            SyncState (token, team, cursor, last success, last error …)
 *   sync.rejected:<t>:<id> RejectedEntry — refused for this revision; not resent until edited
 *   sync.config:<key>     branch configuration pulled from the server {value, updatedAt}
 *   sync.review:<reportId> the secretary's review of a monthly report
 * Every function survives the connection being closed under it (iOS does this under
 * memory pressure): it reopens the database and retries once.
 */
import { liveQuery } from 'dexie';
import * as v from 'valibot';
import {
  MAX_BATCH_RECORDS, MAX_RECORD_BYTES, SyncRecordSchema, type Ack, type ConfigEntry, type OutboxSummary, type PullResponse,
  type RejectedEntry, type Rejection, type Review, type SyncRecord, type SyncState, type SyncTableName,
} from '../domain/sync-protocol';
import { validateRecordBody } from '../domain/record-schemas';
import { now as clockNow } from './clock';
import { foldDuplicateDuties, mergeLostDuty, withDutyTables } from './duty-fold';
import { SETTING_KEYS } from './settings';
import { storeReminders } from './reminders';
import { SYNCED_TABLES, type AppDb } from './schema';

const STATE_KEY = SETTING_KEYS.syncState;
const REJECTED = 'sync.rejected:';
const CONFIG = 'sync.config:';
const REVIEW = 'sync.review:';

export const EMPTY_STATE: SyncState = {
  token: null, deviceId: null, teamId: null, teamName: null, branchName: null, auth: 'unenrolled',
  cursor: 0, lastSuccessAt: null, lastError: null, enrolNonce: null,
};

type Row = Record<string, unknown> & {
  id: string; rev: number; updatedAt: number; deleted: boolean; dirty: 0 | 1; ackedAt?: number; scrubbedAt?: number; syncedRev?: number;
};

const RECOVERABLE = new Set(['DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'TransactionInactiveError']);

/** Runs fn; if the IndexedDB connection was lost under it, reopens and tries once more. */
export async function withReopen<T>(db: AppDb, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (!RECOVERABLE.has(name)) throw e;
    if (!db.isOpen()) await db.open();
    return fn();
  }
}

const rejectedKey = (table: string, id: string) => `${REJECTED}${table}:${id}`;
const utf8 = new TextEncoder();

/** The wire form: `dirty`, `ackedAt` and `scrubbedAt` belong to this phone alone. */
function toSyncRecord(table: SyncTableName, row: Row): SyncRecord {
  const { dirty: _dirty, ackedAt: _acked, scrubbedAt: _scrubbed, syncedRev: _synced, ...body } = row;
  return { table, id: row.id, rev: row.rev, updatedAt: row.updatedAt, deleted: Boolean(row.deleted), body };
}

/** A record as the server holds it, stored clean; `at` is when the server vouched for it. */
function fromSyncRecord(r: SyncRecord, at: number): Row {
  return { ...r.body, id: r.id, rev: r.rev, updatedAt: r.updatedAt, deleted: r.deleted, dirty: 0, ackedAt: at };
}

async function rejectedMap(db: AppDb): Promise<Map<string, RejectedEntry>> {
  const rows = await db.settings.where('key').startsWith(REJECTED).toArray();
  return new Map(rows.map((r) => [r.key, r.value as RejectedEntry]));
}

/**
 * Dirty records in push order (parents first), up to maxBytes of JSON (at least one)
 * and at most MAX_BATCH_RECORDS (the server refuses more in one push).
 * Records the server refused at their current revision are skipped; records the phone
 * cannot send at all (malformed, too large) are marked refused here, so none blocks the rest.
 */
export function listDirty(db: AppDb, maxBytes: number, now: number): Promise<{ records: SyncRecord[]; more: boolean }> {
  return withReopen(db, async () => {
    const rejected = await rejectedMap(db);
    const records: SyncRecord[] = [];
    const refuse: RejectedEntry[] = [];
    let bytes = 0;
    for (const table of SYNCED_TABLES) {
      const rows = (await db.table(table).where('dirty').equals(1).toArray()) as Row[];
      for (const row of rows) {
        if (rejected.get(rejectedKey(table, row.id))?.rev === row.rev) continue;
        const rec = toSyncRecord(table, row);
        const size = utf8.encode(JSON.stringify(rec)).length;
        const check = v.safeParse(SyncRecordSchema, rec);
        // Then the body as the server will store it, against its table's schema (record-schemas.ts).
        const body = check.success ? validateRecordBody(table, { ...rec.body, id: rec.id, rev: rec.rev, updatedAt: rec.updatedAt, deleted: rec.deleted }) : null;
        const invalid = !check.success ? check.issues[0]?.message ?? '' : body && !body.ok ? body.message : null;
        if (invalid !== null || size > MAX_RECORD_BYTES) {
          refuse.push({
            table, id: String(row.id), rev: Number(row.rev) || 0, at: now,
            code: invalid !== null ? 'invalid_record' : 'too_large',
            message: invalid !== null ? `记录格式不正确: ${invalid}` : '记录过大，无法发送',
          });
          continue;
        }
        if (records.length > 0 && (bytes + size > maxBytes || records.length >= MAX_BATCH_RECORDS)) {
          await storeRejections(db, refuse);
          return { records, more: true };
        }
        records.push(rec);
        bytes += size;
      }
    }
    await storeRejections(db, refuse);
    return { records, more: false };
  });
}

async function storeRejections(db: AppDb, entries: RejectedEntry[]): Promise<void> {
  if (entries.length) await db.settings.bulkPut(entries.map((e) => ({ key: rejectedKey(e.table, e.id), value: e })));
}

/**
 * Applies a push answer in one transaction: clears `dirty` only where the stored revision
 * is still the acknowledged one (an edit made while the push was in flight stays dirty and
 * goes next time), adopts the server's version where the phone's lost a conflict, and
 * records refusals. `sent`: the batch as sent; a record whose rev was held at the bound
 * (domain/revision.ts) and edited again in flight has the same rev but a later updatedAt.
 */
export function acknowledge(
  db: AppDb, acks: Ack[], rejections: Rejection[], now: number, piggy?: { since: number; pull: PullResponse },
  sent: readonly SyncRecord[] = [],
): Promise<void> {
  const sentAt = new Map(sent.map((r) => [`${r.table}/${r.id}`, r.updatedAt]));
  const tables = withDutyTables([...new Set([...acks, ...rejections, ...(piggy?.pull.records ?? [])].map((a) => a.table))]);
  return withReopen(db, () =>
    db.transaction('rw', [...tables.map((t) => db.table(t)), db.settings, ...(piggy?.pull.reminders ? [db.reminders] : [])], async () => {
      for (const ack of acks) {
        const table = db.table(ack.table);
        const row = (await table.get(ack.id)) as Row | undefined;
        if (!row || row.rev !== ack.rev) continue;
        const at = sentAt.get(`${ack.table}/${ack.id}`);
        if (at !== undefined && at !== row.updatedAt) continue;
        if (ack.current && ack.current.rev >= row.rev) await table.put(ack.table === 'duties' ? mergeLostDuty(row, fromSyncRecord(ack.current, now), ack.current.rev) : fromSyncRecord(ack.current, now));
        else if (row.dirty === 1) await table.update(ack.id, { dirty: 0, ackedAt: now, syncedRev: undefined });
        await db.settings.delete(rejectedKey(ack.table, ack.id));
      }
      await storeRejections(db, rejections.map((r) => ({ ...r, at: now })));
      // A pull that came with the push: stored with its cursor in this same transaction,
      // and only if the cursor it was asked from is still the stored one (otherwise it is
      // dropped whole, and the next pull fetches it again).
      if (piggy && (await readState(db)).cursor === piggy.since) await storePull(db, piggy.pull, now);
    }));
}

/** Marks records as refused without a server answer (e.g. a 400 for a batch of one). */
export function markRejected(db: AppDb, entries: RejectedEntry[]): Promise<void> {
  return withReopen(db, () => storeRejections(db, entries));
}

/**
 * Applies a pull answer and its cursor in one transaction (a cut between them cannot
 * skip changes). A record with unsent local changes is left alone: the phone's push
 * decides, and a lost conflict comes back in the ack.
 */
export function applyPull(db: AppDb, pull: PullResponse, now: number = clockNow()): Promise<void> {
  const tables = withDutyTables([...new Set(pull.records.map((r) => r.table))]);
  return withReopen(db, () =>
    db.transaction('rw', [...tables.map((t) => db.table(t)), db.settings, ...(pull.reminders ? [db.reminders] : [])], () => storePull(db, pull, now)));
}

/** The body of applyPull; runs inside a rw transaction over the pulled tables and settings. */
async function storePull(db: AppDb, pull: PullResponse, now: number): Promise<void> {
  for (const rec of pull.records) {
    const local = (await db.table(rec.table).get(rec.id)) as Row | undefined;
    if (local?.dirty === 1) continue;
    await db.table(rec.table).put(fromSyncRecord(rec, now));
  }
  const duties = pull.records.filter((r) => r.table === 'duties' && !r.deleted);
  // Only with duties: an await that touches no table lets Dexie see the transaction commit early.
  if (duties.length) await foldDuplicateDuties(db, duties);
  await db.settings.bulkPut([
    ...pull.config.map((c) => ({ key: CONFIG + c.key, value: { value: c.value, updatedAt: c.updatedAt } })),
    ...pull.reviews.map((r) => ({ key: REVIEW + r.reportId, value: r })),
  ]);
  const state = await readState(db);
  const names = pull.team
    ? { teamName: pull.team.name, branchName: pull.team.branchName, teamDistrict: pull.team.district ?? null }
    : {};
  if (pull.team) await forgetForeignRefusals(db);
  // A server from before reminders sends none: nothing is closed then.
  if (pull.reminders) await storeReminders(db, pull.reminders, now);
  await db.settings.put({ key: STATE_KEY, value: { ...state, ...names, cursor: pull.cursor } });
}

/**
 * A server that names the team in its pulls keys records by team (migration 3): it no longer
 * refuses a record as another team's (`foreign_record`, e.g. a risk type whose id is the
 * branch's config item id). Such refusals are forgotten, so the records, still dirty, go
 * with the next push instead of waiting for an edit.
 */
async function forgetForeignRefusals(db: AppDb): Promise<void> {
  const stale = (await db.settings.where('key').startsWith(REJECTED).toArray())
    .filter((r) => (r.value as RejectedEntry).code === 'foreign_record');
  if (stale.length) await db.settings.bulkDelete(stale.map((r) => r.key));
}

async function readState(db: AppDb): Promise<SyncState> {
  const row = await db.settings.get(STATE_KEY);
  return { ...EMPTY_STATE, ...(row?.value as Partial<SyncState> | undefined) };
}

export function getSyncState(db: AppDb): Promise<SyncState> {
  return withReopen(db, () => readState(db));
}

export function setSyncState(db: AppDb, patch: Partial<SyncState>): Promise<void> {
  return withReopen(db, () =>
    db.transaction('rw', db.settings, async () => {
      await db.settings.put({ key: STATE_KEY, value: { ...(await readState(db)), ...patch } });
    }));
}

/** What the outbox holds, for the badge and the outbox screen. */
export function outboxSummary(db: AppDb): Promise<OutboxSummary> {
  return withReopen(db, async () => {
    const rejected = await rejectedMap(db);
    const out: OutboxSummary = { pending: 0, waiting: [], rejected: [], oldestPendingAt: null };
    for (const table of SYNCED_TABLES) {
      const rows = (await db.table(table).where('dirty').equals(1).toArray()) as Row[];
      for (const row of rows) {
        const refused = rejected.get(rejectedKey(table, row.id));
        if (refused?.rev === row.rev) {
          out.rejected.push(refused);
          continue;
        }
        out.pending++;
        out.waiting.push({ table, id: row.id, rev: row.rev, updatedAt: row.updatedAt });
        if (out.oldestPendingAt === null || row.updatedAt < out.oldestPendingAt) out.oldestPendingAt = row.updatedAt;
      }
    }
    return out;
  });
}

/** The branch's configuration pulled to this phone (roster, riskTypes, checklist, shifts …). */
export async function getBranchConfig(db: AppDb, key: string): Promise<ConfigEntry | undefined> {
  const row = await withReopen(db, () => db.settings.get(CONFIG + key));
  const v = row?.value as { value: unknown; updatedAt: number } | undefined;
  return v ? { key, value: v.value, updatedAt: v.updatedAt } : undefined;
}

/** The secretary's review of a report, once pulled (score, feedback, adopted 金点子 ids). */
export async function getReview(db: AppDb, reportId: string): Promise<Review | undefined> {
  const row = await withReopen(db, () => db.settings.get(REVIEW + reportId));
  return row?.value as Review | undefined;
}

/** Calls fn with the outbox summary now and after every change to it (any tab); returns unsubscribe. */
export function watchOutbox(db: AppDb, fn: (s: OutboxSummary) => void): () => void {
  const sub = liveQuery(() => outboxSummary(db)).subscribe({
    next: fn,
    error: () => undefined, // the sync engine's own runs report storage errors
  });
  return () => sub.unsubscribe();
}
