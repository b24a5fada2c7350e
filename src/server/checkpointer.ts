/**
 * WAL checkpoints on a worker thread, off the request path.
 *
 * With SQLite's default, the COMMIT that fills the WAL past 1000 pages also copies them
 * into the database file and fsyncs both, on the one thread that answers every phone.
 * The profile of endpoint_batches_per_s (bench/sync.ts, `node --cpu-prof`) showed that
 * commit work as the largest single cost after storing the records, and a cost that is
 * mostly waiting for the disk: the slower the disk, the lower the figure (1.5k vs 3.2k
 * batches/s on two machines of the same kind). Here the request thread only appends to
 * the WAL; a worker with its own connection runs PASSIVE checkpoints every few hundred
 * ms, which never block a writer and never wait for a lock (busy_timeout 0, "busy" is
 * simply tried again at the next tick). Durability does not change: a commit is durable
 * once in the WAL (synchronous = NORMAL), checkpointed or not.
 *
 * If the worker cannot start or dies, the connection goes back to SQLite's own
 * automatic checkpoints, so the WAL can never grow without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Sqlite } from './db';

/** SQLite's default, restored when the worker is gone. */
const AUTO_CHECKPOINT_PAGES = 1000;
const INTERVAL_MS = 250;

// Plain CommonJS evaluated in the worker: no TypeScript loader needed inside it.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { if (e.code !== 'SQLITE_BUSY') throw e; }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { /* the main connection checkpoints on close */ }
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

export interface Checkpointer {
  /** Stops the worker (one last passive checkpoint); resolves once it has exited. */
  stop(): Promise<void>;
}

export function startCheckpointer(db: Sqlite, intervalMs = INTERVAL_MS): Checkpointer {
  if (db.memory) return { stop: () => Promise.resolve() };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: db.name, intervalMs } });
  let running = true;
  const fallBack = () => {
    if (!running) return;
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  // Until the worker has its connection, SQLite keeps checkpointing by itself.
  worker.once('message', () => {
    if (running && db.open) db.pragma('wal_autocheckpoint = 0');
  });
  worker.once('error', (e) => {
    console.error('检查点线程出错，改回 SQLite 自动检查点:', e);
    fallBack();
  });
  worker.once('exit', fallBack);
  worker.unref();
  return {
    stop: () => new Promise<void>((ok) => {
      if (!running) return ok();
      worker.once('exit', () => ok());
      worker.postMessage('stop');
    }),
  };
}
