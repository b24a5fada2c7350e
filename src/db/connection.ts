/**
 * The one Dexie instance of the app, and the retry that survives a closed connection
 * (iOS closes IndexedDB under memory pressure; another tab's upgrade sends versionchange).
 */
import { Dexie } from 'dexie';
import { createDb, type AppDb } from './schema';

let instance: AppDb | null = null;

export function getDb(): AppDb {
  if (!instance) {
    instance = createDb();
    // Another tab opened a newer version: let it upgrade; we reopen on the next write.
    instance.on('versionchange', () => {
      instance?.close({ disableAutoOpen: false });
      return false;
    });
  }
  return instance;
}

/** For tests: use a database of another name (or a fresh one). */
export function useDbForTests(db: AppDb | null): void {
  instance = db;
}

const RETRYABLE = new Set(['DatabaseClosedError', 'InvalidStateError', 'TransactionInactiveError']);

/**
 * Runs `fn` and, if the connection was closed under us, reopens once and runs it again.
 * `fn` must be a whole transaction, so running it twice is safe (it either committed or not).
 */
export async function withDb<T>(fn: (db: AppDb) => Promise<T>): Promise<T> {
  const db = getDb();
  try {
    // No await before fn: liveQuery must see fn's reads to track them.
    return await fn(db);
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (!RETRYABLE.has(name) && !(e instanceof Dexie.DatabaseClosedError)) throw e;
    if (!db.isOpen()) await db.open();
    return await fn(db);
  }
}
