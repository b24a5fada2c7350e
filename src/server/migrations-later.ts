/**
 * Migrations 3–6 (records keyed by team; accounts and roles; hashed enrolment codes, archived
 * teams, audit rows without an account; scores with their revision and rubric), kept apart
 * from the first two only for file size.
 * Listed by migrations.ts; the rules there (append-only, applied by set) hold here too.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

export const LATER_MIGRATIONS: readonly Migration[] = [
  {
    version: 3,
    name: 'records, history and reviews keyed by team; team district',
    // A record's identity is (team, table, id): config-derived records (riskTypes named by
    // config item ids, roster workers) of two teams no longer collide, and one team's
    // phone cannot take another team's ids. Rebuilt by copy: every row kept, none doubled
    // (the old keys were unique on (tbl, id), so they are unique on (team_id, tbl, id)).
    // review_items gains the team of its review. teams.district: 区队, shown on the phones.
    sql: `
ALTER TABLE teams ADD COLUMN district TEXT NOT NULL DEFAULT '';
CREATE TABLE records_v3 (
  team_id TEXT NOT NULL REFERENCES teams(id),
  tbl TEXT NOT NULL,
  id TEXT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id),
  rev INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (team_id, tbl, id)
);
INSERT INTO records_v3 (team_id, tbl, id, device_id, rev, updated_at, deleted, body, received_at, seq)
  SELECT team_id, tbl, id, device_id, rev, updated_at, deleted, body, received_at, seq FROM records;
DROP TABLE records;
ALTER TABLE records_v3 RENAME TO records;
CREATE INDEX records_team_seq ON records(team_id, seq);
DROP INDEX record_history_id;
CREATE INDEX record_history_id ON record_history(team_id, tbl, id);
CREATE TABLE reviews_v3 (
  team_id TEXT NOT NULL REFERENCES teams(id),
  report_id TEXT NOT NULL,
  secretary_id TEXT REFERENCES secretaries(id),
  score REAL,
  feedback TEXT NOT NULL DEFAULT '',
  adopted_idea_ids TEXT NOT NULL DEFAULT '[]',
  reviewed_at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (team_id, report_id)
);
INSERT INTO reviews_v3 (team_id, report_id, secretary_id, score, feedback, adopted_idea_ids, reviewed_at, seq)
  SELECT team_id, report_id, secretary_id, score, feedback, adopted_idea_ids, reviewed_at, seq FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_v3 RENAME TO reviews;
CREATE INDEX reviews_team_seq ON reviews(team_id, seq);
CREATE TABLE review_items_v3 (
  team_id TEXT NOT NULL REFERENCES teams(id),
  report_id TEXT NOT NULL,
  month TEXT NOT NULL,
  items TEXT NOT NULL,
  PRIMARY KEY (team_id, report_id)
);
INSERT INTO review_items_v3 (team_id, report_id, month, items)
  SELECT COALESCE(
      (SELECT r.team_id FROM reviews r WHERE r.report_id = i.report_id),
      (SELECT x.team_id FROM records x WHERE x.tbl = 'reports' AND x.id = i.report_id)),
    i.report_id, i.month, i.items
  FROM review_items i;
DROP TABLE review_items;
ALTER TABLE review_items_v3 RENAME TO review_items;
`,
  },
  {
    version: 4,
    name: 'accounts: viewer role, forced password change, audit rows without an account',
    rebuilds: true,
    // Every password stored so far was a generated one-time password (there was no way to
    // change one), so every existing account must set its own at its next sign-in: the
    // column's default is 1 and only a password the account chose sets it to 0.
    // audit_log.secretary_id becomes nullable: a failed sign-in for an unknown name has no account.
    sql: `
CREATE TABLE secretaries_new (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  role TEXT NOT NULL DEFAULT 'secretary' CHECK (role IN ('secretary', 'admin', 'viewer')),
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  password_changed_at INTEGER
);
INSERT INTO secretaries_new (id, branch_id, username, password_hash, created_at, role)
  SELECT id, branch_id, username, password_hash, created_at, role FROM secretaries;
DROP TABLE secretaries;
ALTER TABLE secretaries_new RENAME TO secretaries;
CREATE TABLE audit_log_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  secretary_id TEXT REFERENCES secretaries(id),
  action TEXT NOT NULL,
  team_id TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_log_new (id, at, secretary_id, action, team_id, detail)
  SELECT id, at, secretary_id, action, team_id, detail FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log(at);
`,
  },
  {
    version: 5,
    name: 'operations: hashed enrolment codes, archived teams, audit log without an account (phones)',
    // Codes keep only HMAC(key outside the database, code) and their last 2 characters (to
    // tell them apart on the page); every row, used or not, is carried over hashed, so a
    // code handed out before the upgrade still enrols. `enrol_code_hash` is registered by
    // openDatabase (code-key.ts).
    sql: `
CREATE TABLE enrolment_codes_v5 (
  code_hash TEXT PRIMARY KEY,
  hint TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_nonce TEXT,
  device_id TEXT REFERENCES devices(id),
  created_by TEXT REFERENCES secretaries(id),
  revoked_at INTEGER
);
INSERT INTO enrolment_codes_v5 (code_hash, hint, team_id, created_at, expires_at, used_at, used_nonce, device_id)
  SELECT enrol_code_hash(code), substr(code, -2), team_id, created_at, expires_at, used_at, used_nonce, device_id FROM enrolment_codes;
DROP TABLE enrolment_codes;
ALTER TABLE enrolment_codes_v5 RENAME TO enrolment_codes;
CREATE INDEX enrolment_codes_team ON enrolment_codes(team_id, expires_at);
ALTER TABLE teams ADD COLUMN archived_at INTEGER;
CREATE INDEX audit_log_action ON audit_log(action, at);
`,
    run: auditActorOptional,
  },
  {
    version: 6,
    name: 'scores keep the revision they were given to, its snapshot and the rubric they were made under',
    // A revision submitted after the score makes the report 待复评 (report-state.ts); the scored
    // submission is kept even if a later push loses it from the report's body; re-saving an old
    // score is checked against the rubric it was made under, not the one edited since. NULL on
    // rows saved before: derived from the item scores and the submission times instead.
    sql: `
ALTER TABLE review_items ADD COLUMN revision INTEGER;
ALTER TABLE review_items ADD COLUMN submission TEXT;
ALTER TABLE review_items ADD COLUMN rubric TEXT;
`,
  },
  {
    version: 7,
    name: 'reminders: the secretary reminds a team, its phones answer 已送达 / 已读',
    // Secretary-owned like reviews: a phone never writes a row, it only fills delivered_at /
    // read_at (first time kept) through the acks of its push or pull (reminders.ts).
    sql: `
CREATE TABLE reminders (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  secretary_id TEXT REFERENCES secretaries(id),
  text TEXT NOT NULL DEFAULT '',
  about TEXT NOT NULL DEFAULT '',
  sent_at INTEGER NOT NULL,
  delivered_at INTEGER,
  read_at INTEGER
);
CREATE INDEX reminders_team ON reminders(team_id, sent_at);
`,
  },
];

/**
 * A phone's enrolment is written to the audit log with no account: make
 * audit_log.secretary_id nullable. Rebuilt from the table's own definition so columns
 * another migration added are kept, and skipped if it is nullable already.
 */
function auditActorOptional(db: Database.Database): void {
  const def = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() as { sql: string }).sql;
  if (!/secretary_id TEXT NOT NULL/.test(def)) return;
  const cols = (db.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
  const indexes = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL").all() as { sql: string }[]);
  db.exec(def.replace(/^CREATE TABLE "?audit_log"?/, 'CREATE TABLE audit_log_v5').replace('secretary_id TEXT NOT NULL', 'secretary_id TEXT'));
  db.exec(`INSERT INTO audit_log_v5 (${cols}) SELECT ${cols} FROM audit_log; DROP TABLE audit_log; ALTER TABLE audit_log_v5 RENAME TO audit_log;`);
  for (const i of indexes) db.exec(i.sql);
}
