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
 * The WAL only starts again from its beginning when a write transaction begins with every
 * frame already copied. Under steady pushes that never happened: the worker's checkpoint
 * ran while the next groups were being committed, so the WAL grew for as long as the load
 * lasted (1.3 GB after 12 s of the throughput bench, for a 260 MB database), and every
 * frame went to new file blocks, which the kernel zeroes first: 21% of the server's CPU
 * (perf, ext4_block_write_begin under walWriteOneFrame). So when the WAL has passed ~4 MB,
 * at most once a second, the request thread (the only writer, between transactions)
 * finishes the checkpoint itself right after one of the worker's: this copies only the
 * frames committed meanwhile (and syncs, as any checkpoint does), and the next write starts
 * the WAL over, in blocks the file already has. Under a normal load the WAL starts over by
 * itself between pushes and the request thread never checkpoints.
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
/** At most how often the request thread finishes a checkpoint so that the WAL starts over. */
const FINISH_MS = 1000;
/** WAL frames (pages) from which it does: SQLite's own automatic checkpoint size, ~4 MB. */
const FINISH_FRAMES = AUTO_CHECKPOINT_PAGES;

// Plain CommonJS evaluated in the worker: no TypeScript loader needed inside it.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  let row = null;
  try { row = db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch (e) { if (e.code !== 'SQLITE_BUSY') throw e; }
  if (row) parentPort.postMessage({ frames: row.log });
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

/** A PASSIVE checkpoint on this connection; a checkpoint already running elsewhere is not waited for. */
export function finishCheckpoint(db: Sqlite): void {
  if (!db.open || db.inTransaction) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
  }
}

export function startCheckpointer(db: Sqlite, intervalMs = INTERVAL_MS, finishMs = FINISH_MS): Checkpointer {
  if (db.memory) return { stop: () => Promise.resolve() };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: db.name, intervalMs } });
  let running = true;
  let finishedAt = Date.now();
  const fallBack = () => {
    if (!running) return;
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: 'ready' | { frames: number }) => {
    if (!running || !db.open) return;
    // Until the worker has its connection, SQLite keeps checkpointing by itself.
    if (m === 'ready') db.pragma('wal_autocheckpoint = 0');
    // Right after the worker's checkpoint, so it does not hold the checkpoint lock now and
    // only the frames committed while it ran are left; and only when the WAL has grown
    // (pushes back to back): otherwise it starts over by itself between two pushes.
    else if (m.frames >= FINISH_FRAMES && Date.now() - finishedAt >= finishMs) {
      finishedAt = Date.now();
      finishCheckpoint(db);
    }
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
