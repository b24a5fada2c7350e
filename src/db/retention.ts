/**
 * Applies the retention rule (src/domain/retention.ts) to this phone's records: sensitive
 * free text of records the server acknowledged more than N days ago is removed here; the
 * server keeps it. Each table is read and rewritten in one transaction, and `dirty` is
 * checked inside it, so an edit that lands meanwhile is never scrubbed before it is sent.
 */
import {
  DEFAULT_RETENTION_DAYS, isPastRetention, scrubSensitive, SENSITIVE_TEXT, type RetentionMeta,
} from '../domain/retention';
import type { SyncTableName } from '../domain/sync-protocol';
import { withDb } from './connection';
import { getSetting, setSetting, SETTING_KEYS } from './settings';

const TABLES: SyncTableName[] = ['duties', ...(Object.keys(SENSITIVE_TEXT) as SyncTableName[])];

type Row = RetentionMeta & Record<string, unknown> & { id: string };

export const getRetentionDays = (): Promise<number> => getSetting(SETTING_KEYS.retentionDays, DEFAULT_RETENTION_DAYS);

export const setRetentionDays = (days: number): Promise<void> => setSetting(SETTING_KEYS.retentionDays, days);

/** Removes expired sensitive text; returns how many records were scrubbed. */
export async function purgeExpiredText(now: number, days?: number): Promise<number> {
  const keep = days ?? (await getRetentionDays());
  let scrubbed = 0;
  for (const table of TABLES) {
    scrubbed += await withDb((db) =>
      db.transaction('rw', db.table(table), async () => {
        const clean = (await db.table(table).where('dirty').equals(0).toArray()) as Row[];
        const out = clean
          .filter((r) => isPastRetention(r, now, keep))
          .map((r) => scrubSensitive(table, r, now))
          .filter((r): r is Row => r !== null);
        if (out.length) await db.table(table).bulkPut(out);
        return out.length;
      }),
    );
  }
  return scrubbed;
}
