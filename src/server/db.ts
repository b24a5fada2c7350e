/**
 * Opens the endpoint's single SQLite file (DATA_DIR/xiaozhengwei.sqlite): WAL so the
 * secretary's reads never wait for a phone's push, foreign keys on, and the numbered
 * migrations applied before anything else touches it.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { loadCodeKey, registerCodeHash } from './code-key';
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
  // Freed pages are zeroed: a hashed-over enrolment code or a removed session must not
  // survive in the file's free pages (and so in a backup, which copies every page).
  db.pragma('secure_delete = ON');
  registerCodeHash(db, loadCodeKey(dataDir));
  migrate(db, migrations);
  return db;
}

/**
 * Applies every migration the file has not recorded yet, in version order, and returns the
 * versions applied. By set, not by "newer than the highest": numbers are handed out to
 * parallel branches, so a file may carry 1, 2 and 5 before 3 and 4 are merged, and those
 * must still run then (each migration is written not to depend on a later one).
 */
export function migrate(db: Sqlite, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: switched around it.
    const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (m.rebuilds) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        m.run?.(db);
        if (m.rebuilds) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.version} breaks ${broken.length} foreign keys`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, Date.now());
      })();
    } finally {
      if (m.rebuilds && fkWasOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}
