/**
 * Numbered schema migrations of the endpoint's SQLite file. Append-only: never edit
 * a released entry, add the next number. Applied in order at start, each in its own
 * transaction, recorded in schema_migrations.
 *
 * Ownership of data: `records` holds what phones send (phone-owned, a body per
 * record); `reviews` and `config` are written by the branch only. A phone can never
 * write into them and the secretary never into `records`.
 * `seq` (from the single-row `seq_counter`) orders every change a phone can pull.
 */
import type Database from 'better-sqlite3';
import { LATER_MIGRATIONS } from './migrations-later';
import { MIGRATION_9 } from './migration-9';
import { PHOTO_MIGRATION } from './migrations-photos';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Steps SQL alone cannot express, run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
  /**
   * The migration rebuilds a table others reference (SQLite cannot alter a CHECK or a NOT
   * NULL): run with foreign keys off, then checked with foreign_key_check before commit
   * (the "generalized ALTER TABLE" procedure of the SQLite manual).
   */
  rebuilds?: true;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'branches, teams, devices, records',
    sql: `
CREATE TABLE branches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE secretaries (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX teams_branch ON teams(branch_id);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX devices_team ON devices(team_id);
CREATE TABLE enrolment_codes (
  code TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_nonce TEXT,
  device_id TEXT REFERENCES devices(id)
);
CREATE TABLE seq_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO seq_counter (id, value) VALUES (1, 0);
CREATE TABLE records (
  tbl TEXT NOT NULL,
  id TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id),
  device_id TEXT NOT NULL REFERENCES devices(id),
  rev INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (tbl, id)
);
CREATE INDEX records_team_seq ON records(team_id, seq);
CREATE TABLE record_history (
  hid INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL,
  id TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id),
  device_id TEXT NOT NULL REFERENCES devices(id),
  rev INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  lost_at INTEGER NOT NULL
);
CREATE INDEX record_history_id ON record_history(tbl, id);
CREATE TABLE config (
  branch_id TEXT NOT NULL REFERENCES branches(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (branch_id, key)
);
CREATE TABLE reviews (
  report_id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  secretary_id TEXT REFERENCES secretaries(id),
  score REAL,
  feedback TEXT NOT NULL DEFAULT '',
  adopted_idea_ids TEXT NOT NULL DEFAULT '[]',
  reviewed_at INTEGER NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX reviews_team_seq ON reviews(team_id, seq);
`,
  },
  {
    version: 2,
    name: 'secretary side: roles, sessions, audit log, rubric, item scores',
    // Admins are accounts with role 'admin' (they still carry a home branch, the column
    // is NOT NULL); sessions keep only the sha256 of the cookie value, like device tokens.
    sql: `
ALTER TABLE secretaries ADD COLUMN role TEXT NOT NULL DEFAULT 'secretary' CHECK (role IN ('secretary', 'admin'));
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  secretary_id TEXT NOT NULL REFERENCES secretaries(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_secretary ON sessions(secretary_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  secretary_id TEXT NOT NULL REFERENCES secretaries(id),
  action TEXT NOT NULL,
  team_id TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TABLE rubrics (
  branch_id TEXT PRIMARY KEY REFERENCES branches(id),
  items TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE review_items (
  report_id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  items TEXT NOT NULL
);
`,
  },
  ...LATER_MIGRATIONS,
  MIGRATION_9,
  PHOTO_MIGRATION,
];
