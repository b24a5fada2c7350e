import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/server/checkpointer';
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

  it('stop() is safe to call twice', async () => {
    const { db } = fresh();
    const ckpt = startCheckpointer(db, 50);
    await ckpt.stop();
    await ckpt.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
