/** Key/value settings of this phone (not synced). Keys in one place. */
import { withDb } from './connection';

export const SETTING_KEYS = {
  persistAsked: 'persistAsked',
  recentTopics: 'recentTopics',
  recentDocuments: 'recentDocuments',
  retentionDays: 'retentionDays',
  /** SyncState of src/db/outbox.ts (token, cursor, the team's names on the server …). */
  syncState: 'sync.state',
  /** A join in progress (src/db/join.ts). */
  join: 'setup.join',
  /** Who uses this phone (the name typed when it joined the team). */
  userName: 'device.userName',
} as const;

export async function getSetting<T>(key: string, fallback: T): Promise<T> {
  const row = await withDb((db) => db.settings.get(key));
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await withDb((db) => db.settings.put({ key, value }));
}
