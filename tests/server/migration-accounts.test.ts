/**
 * Migration 4 on a file that has lived under migrations 1–2: the account tables are rebuilt
 * (viewer role, forced password change, audit rows without an account) with every row and
 * every reference kept and foreign keys still enforced. And migrations apply by set, so a
 * file that got a later number first still gets an earlier one merged after it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { registerCodeHash } from '../../src/server/code-key';
import { migrate } from '../../src/server/db';
import { MIGRATIONS } from '../../src/server/migrations';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xzw-mig-'));
  db = new Database(join(dir, 'x.sqlite'));
  db.pragma('foreign_keys = ON');
  registerCodeHash(db, randomBytes(32)); // migration 5 hashes stored enrolment codes with it
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 4', () => {
  it('keeps every account, session, review and audit row; every existing account must change its password', () => {
    migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
    db.exec(`INSERT INTO branches VALUES ('b1', '甲矿党支部', 1);
      INSERT INTO teams VALUES ('t1', 'b1', '甲班', 1);
      INSERT INTO secretaries (id, branch_id, username, password_hash, created_at, role) VALUES ('s1', 'b1', 'sec-a', 'h1', 1, 'secretary'), ('s2', 'b1', 'root', 'h2', 2, 'admin');
      INSERT INTO sessions VALUES ('tok', 's1', 'csrf', 1, 99);
      INSERT INTO reviews (report_id, team_id, secretary_id, score, feedback, reviewed_at, seq) VALUES ('r1', 't1', 's1', 90, '好', 1, 1);
      INSERT INTO audit_log (at, secretary_id, action, team_id, detail) VALUES (5, 's1', 'view_team', 't1', '2026-10'), (6, 's2', 'sign_in', NULL, '');`);
    expect(() => db.prepare("INSERT INTO audit_log (at, secretary_id, action) VALUES (7, NULL, 'login_failed')").run()).toThrow(/NOT NULL/);

    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.filter((m) => m.version > 2).map((m) => m.version));
    expect(db.prepare('SELECT id, username, role, must_change_password, password_hash FROM secretaries ORDER BY id').all()).toEqual([
      { id: 's1', username: 'sec-a', role: 'secretary', must_change_password: 1, password_hash: 'h1' },
      { id: 's2', username: 'root', role: 'admin', must_change_password: 1, password_hash: 'h2' },
    ]);
    expect(db.prepare('SELECT secretary_id FROM sessions').all()).toEqual([{ secretary_id: 's1' }]);
    expect(db.prepare('SELECT id, secretary_id, action FROM audit_log ORDER BY id').all()).toEqual([
      { id: 1, secretary_id: 's1', action: 'view_team' }, { id: 2, secretary_id: 's2', action: 'sign_in' },
    ]);
    // New: a viewer, an audit row without an account; still refused: an unknown role, a dangling reference.
    db.prepare("INSERT INTO secretaries (id, branch_id, username, password_hash, created_at, role) VALUES ('s3', 'b1', 'view', 'h', 3, 'viewer')").run();
    db.prepare("INSERT INTO audit_log (at, secretary_id, action) VALUES (7, NULL, 'login_failed')").run();
    expect(() => db.prepare("INSERT INTO secretaries (id, branch_id, username, password_hash, created_at, role) VALUES ('s4', 'b1', 'x', 'h', 3, 'owner')").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO sessions VALUES ('t2', 'nobody', 'c', 1, 2)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO audit_log (at, secretary_id, action) VALUES (8, 'nobody', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM secretaries WHERE id = 's1'").run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The AUTOINCREMENT of audit_log goes on after the copied rows.
    expect(db.prepare("INSERT INTO audit_log (at, secretary_id, action) VALUES (9, 's1', 'x')").run().lastInsertRowid).toBe(4);
  });

  it('applies a migration its file does not have even when a later one is already there', () => {
    const [m1, m2] = MIGRATIONS;
    migrate(db, [m1!, m2!, { version: 9, name: 'later', sql: 'CREATE TABLE later (x INTEGER)' }]);
    expect(migrate(db, [m1!, m2!, { version: 8, name: 'merged after', sql: 'CREATE TABLE earlier (x INTEGER)' }, { version: 9, name: 'later', sql: '' }])).toEqual([8]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'earlier'").get()).toEqual({ name: 'earlier' });
  });
});
