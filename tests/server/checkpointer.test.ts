import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { finishCheckpoint, startCheckpointer } from '../../src/server/checkpointer';
import { DB_FILE, openDatabase, type Sqlite } from '../../src/server/db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fresh(): { db: Sqlite; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xzw-ckpt-'));
  dirs.push(dir);
  return { db: openDatabase(dir), file: join(dir, DB_FILE) };
}

/** The WAL header's checkpoint sequence number: it goes up by one each time the WAL starts over. */
function walRestarts(file: string): number {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return cond();
}

describe('WAL checkpoints on a worker thread', () => {
  it('takes automatic checkpoints off the connection, and the worker copies the WAL into the file', async () => {
    const { db, file } = fresh();
    const ckpt = startCheckpointer(db, 50);
    expect(await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0, 5000)).toBe(true);
    db.exec('CREATE TABLE blob_rows (x TEXT)');
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO blob_rows VALUES (?)');
    // ~4 MB through the WAL: without a checkpoint the database file would not grow at all.
    for (let i = 0; i < 40; i++) db.transaction(() => { for (let j = 0; j < 100; j++) insert.run('x'.repeat(1000)); })();
    expect(await until(() => statSync(file).size > before + 3_000_000, 5000)).toBe(true);
    await ckpt.stop();
    // Stopped: SQLite's own automatic checkpoints are back, so the WAL stays bounded.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT count(*) AS n FROM blob_rows').get()).toEqual({ n: 4000 });
    db.close();
  });

  it('finishing the checkpoint between writes starts the WAL over instead of growing it', () => {
    const { db, file } = fresh();
    db.pragma('wal_autocheckpoint = 0'); // as with the worker running
    db.exec('CREATE TABLE blob_rows (x TEXT)');
    const insert = db.prepare('INSERT INTO blob_rows VALUES (?)');
    const write = (n: number) => { for (let i = 0; i < n; i++) db.transaction(() => { for (let j = 0; j < 20; j++) insert.run('x'.repeat(1000)); })(); };
    const wal = () => statSync(`${file}-wal`).size;
    write(100);
    const first = wal();
    finishCheckpoint(db);
    write(100); // the same amount again: written from the start of the WAL, into its blocks
    expect(wal()).toBe(first);
    write(100); // without a finished checkpoint it grows
    expect(wal()).toBeGreaterThan(first * 1.5);
    expect(db.prepare('SELECT count(*) AS n FROM blob_rows').get()).toEqual({ n: 6000 });
    db.close();
  });

  it('under steady writes the WAL stays bounded: the request thread finishes what the worker started', async () => {
    const { db, file } = fresh();
    const ckpt = startCheckpointer(db, 20, 50);
    expect(await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0, 5000)).toBe(true);
    db.exec('CREATE TABLE blob_rows (x TEXT)');
    const insert = db.prepare('INSERT INTO blob_rows VALUES (?)');
    // Writes back to back for 0.7 s, as under a push storm: the worker's checkpoint never
    // catches up with the last commit by itself.
    let bytes = 0;
    const restartsBefore = walRestarts(file);
    const end = Date.now() + 700;
    while (Date.now() < end) {
      db.transaction(() => { for (let j = 0; j < 10; j++) insert.run('x'.repeat(1000)); })();
      bytes += 10_000;
      await new Promise((r) => setImmediate(r));
    }
    const wal = statSync(`${file}-wal`).size;
    const restarts = walRestarts(file) - restartsBefore;
    await ckpt.stop();
    expect(bytes).toBeGreaterThan(5_000_000);
    // Never started over (0 here without the request thread's part), the WAL holds every
    // frame written: 2–9× the bytes inserted, as each commit writes its pages whole.
    // Finished every 50 ms, it starts over about 10 times.
    expect(restarts, `WAL of ${wal} B for ${bytes} B inserted`).toBeGreaterThanOrEqual(3);
    db.close();
  });

  it('stop() is safe to call twice', async () => {
    const { db } = fresh();
    const ckpt = startCheckpointer(db, 50);
    await ckpt.stop();
    await ckpt.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
