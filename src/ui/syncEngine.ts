/** The page's one sync engine, started on first use (app start): see src/sync and docs/sync.md. */
import { getDb } from '../db/connection';
import { createSyncEngine, type SyncEngine } from '../sync';

let engine: SyncEngine | null = null;

export function getSyncEngine(): SyncEngine {
  if (!engine) {
    engine = createSyncEngine(getDb());
    engine.start({ window, document });
  }
  return engine;
}
