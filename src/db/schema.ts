/**
 * The phone's IndexedDB, owned by this folder alone: screens call repositories, never tables.
 *
 * What is stored where:
 * - settings: key/value of this phone (not synced): setup state, sync cursor, device token …
 * - teams, workers: the team set up on this phone and its roster;
 * - duties: 日跟班, one per production day and shift; hazards: the 隐患/问题 ledger;
 * - (v2) riskTypes, weeklyScreenings, helpRecords, pairs, hardships: 周帮扶;
 *   reports: 月汇报.
 * - (v4) reminders: the branch secretary's 提醒 as pulled, with this phone's 已送达/已读 state
 *   (not a synced table: the server owns them, the phone answers with acks, reminders.ts).
 * - (v3) photos: 留痕 photo metadata and thumbnail, pointing at its record (ownerId);
 *   photoBlobs: the full photo Blob, apart so lists never read it (src/db/photos.ts).
 * Every synced table's records carry RecordMeta (id, rev, dirty, deleted …): the outbox
 * is the data itself (`dirty` index), so nothing queued can expire.
 *
 * Versions are append-only: never edit a released version's stores, add a new one with
 * an upgrade function. tests/db/migration.test.ts opens a v1 database with this code.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AppSetting, DailyDuty, Hazard, Team, Worker } from '../domain/types';
import type { StoredReminder } from './reminders';
import type { PhotoBlobRow, StoredPhotoRow } from './photo-types';

export const DB_NAME = 'xiaozhengwei';

/** Tables whose records go to the server. Order = push order (parents first). */
export const SYNCED_TABLES = [
  'teams', 'workers', 'riskTypes', 'duties', 'hazards',
  'weeklyScreenings', 'helpRecords', 'pairs', 'hardships', 'reports',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** Stores of schema v1 (first release). Kept verbatim: tests build a v1 database from it. */
export const STORES_V1 = {
  settings: 'key',
  teams: 'id, dirty',
  workers: 'id, name, dirty',
  duties: 'id, [day+shiftId], day, dirty',
  hazards: 'id, status, foundDay, dutyId, dirty',
} as const;

/** v2: 周帮扶 and 月汇报 tables; workers gain partyMember (1+X pairing). */
export const STORES_V2 = {
  riskTypes: 'id, dirty',
  weeklyScreenings: 'id, week, dirty',
  helpRecords: 'id, week, workerId, dirty',
  pairs: 'id, mentorId, *workerIds, dirty',
  hardships: 'id, workerId, day, dirty',
  reports: 'id, month, dirty',
} as const;

/** v3: photo evidence. `state`: 'queued' until the server verified it, then 'sent'. */
export const STORES_V3 = {
  photos: 'id, ownerId, state',
  photoBlobs: 'id',
} as const;

/** v4: reminders from the branch (src/db/reminders.ts). */
export const STORES_V4 = {
  reminders: 'id, sentAt',
} as const;

/** Records of the v2 tables are typed by their own domain modules; stored as-is here. */
type Stored = { id: string; dirty: 0 | 1 } & Record<string, unknown>;

export type AppDb = Dexie & {
  settings: EntityTable<AppSetting, 'key'>;
  teams: EntityTable<Team, 'id'>;
  workers: EntityTable<Worker, 'id'>;
  duties: EntityTable<DailyDuty, 'id'>;
  hazards: EntityTable<Hazard, 'id'>;
  riskTypes: EntityTable<Stored, 'id'>;
  weeklyScreenings: EntityTable<Stored, 'id'>;
  helpRecords: EntityTable<Stored, 'id'>;
  pairs: EntityTable<Stored, 'id'>;
  hardships: EntityTable<Stored, 'id'>;
  reports: EntityTable<Stored, 'id'>;
  reminders: EntityTable<StoredReminder, 'id'>;
  photos: EntityTable<StoredPhotoRow, 'id'>;
  photoBlobs: EntityTable<PhotoBlobRow, 'id'>;
};

export function defineSchema(db: Dexie): void {
  db.version(1).stores(STORES_V1);
  db.version(2)
    .stores(STORES_V2)
    .upgrade(async (tx) => {
      await tx.table('workers').toCollection().modify((w: Partial<Worker>) => {
        if (typeof w.partyMember !== 'boolean') w.partyMember = false;
      });
    });
  db.version(3).stores(STORES_V3);
  db.version(4).stores(STORES_V4);
}

export function createDb(name = DB_NAME): AppDb {
  // Strict: a transaction reports complete only once on disk. Chromium's default ("relaxed")
  // lost ticks already shown as saved when the browser process was killed (tests/e2e/reliability).
  // No query cache: ticks are written past Dexie (native-update.ts), which its cache would not
  // see. Without it a live query re-reads after each commit; tap → paint did not change (A/B).
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', cache: 'disabled' }) as AppDb;
  defineSchema(db);
  return db;
}
