/**
 * Opens the endpoint's single SQLite file (DATA_DIR/xiaozhengwei.sqlite): WAL so the
 * secretary's reads never wait for a phone's push, foreign keys on, and the numbered
 * migrations applied before anything else touches it.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Sqlite = Database.Database;

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on this connection, compiled once and reused: the
 * hot paths (auth, push, pull) run the same few statements thousands of times, and
 * preparing costs more than running them.
 */
export function stmt(db: Sqlite, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}

export const DB_FILE = 'xiaozhengwei.sqlite';

export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Sqlite {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Notes about workers are sensitive: the file (and its -wal/-shm, which SQLite creates
  // with the same mode) is readable by the service account only.
  const file = join(dataDir, DB_FILE);
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crash
  db.pragma('busy_timeout = 5000'); // the admin CLI may write while the server runs
  migrate(db, migrations);
  return db;
}

/** Applies every migration newer than the file's version; returns the versions applied. */
export function migrate(db: Sqlite, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
