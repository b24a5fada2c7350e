/** Each test of a file gets its own fake-indexeddb database as the app's; deleted after it. */
import { afterEach, beforeEach, vi } from 'vitest';
import { useDbForTests } from '../../src/db/connection';
import { createDb, type AppDb } from '../../src/db/schema';

export function useFreshDb(): { readonly db: AppDb } {
  const current = { db: null as unknown as AppDb };
  beforeEach(async () => {
    current.db = createDb('t-' + crypto.randomUUID());
    useDbForTests(current.db);
    await current.db.open();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    useDbForTests(null);
    current.db.close();
    await current.db.delete();
  });
  return current;
}
