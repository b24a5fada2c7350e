import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/server/admin';
import { bootstrapIfEmpty, formatFirstStart } from '../../src/server/bootstrap';
import { verifyPassword } from '../../src/server/crypto';
import { migrate, openDatabase } from '../../src/server/db';
import { MIGRATIONS } from '../../src/server/migrations';
import { authenticate, redeemEnrolCode } from '../../src/server/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xzw-admin-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function admin(...argv: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runAdmin(argv, { dataDir: dir, publicUrl: 'https://xzw.example', now: 1_000, out: (l) => lines.push(l) });
  return { code, lines };
}

describe('database', () => {
  it('applies numbered migrations once, with WAL and foreign keys on', () => {
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    expect(() => db.prepare("INSERT INTO teams (id, branch_id, name, created_at) VALUES ('t', 'no-branch', 'x', 1)").run())
      .toThrow(/FOREIGN KEY/);
    const version = Math.max(...MIGRATIONS.map((m) => m.version)) + 1; // a migration after every real one
    const next = migrate(db, [...MIGRATIONS, { version, name: 'test', sql: 'CREATE TABLE extra (x INTEGER)' }]);
    expect(next).toEqual([version]);
    db.close();
  });
});

describe('first start', () => {
  it('creates branch, secretary and team once; stores only the password hash', () => {
    const db = openDatabase(dir);
    const first = bootstrapIfEmpty(db, 1_000);
    expect(first).not.toBeNull();
    expect(first!.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    const text = formatFirstStart(first!, 'http://127.0.0.1:8080');
    expect(text).toContain(first!.password);
    expect(text).toContain(`http://127.0.0.1:8080/enrol?code=${first!.code}`);
    const row = db.prepare('SELECT password_hash FROM secretaries').get() as { password_hash: string };
    expect(row.password_hash).not.toContain(first!.password);
    expect(verifyPassword(first!.password, row.password_hash)).toBe(true);
    expect(verifyPassword('wrong', row.password_hash)).toBe(false);
    expect(bootstrapIfEmpty(db, 2_000)).toBeNull();
    db.close();
  });
});

describe('admin CLI', () => {
  it('creates a branch, a team with a code, a secretary; lists and revokes devices', () => {
    const branch = admin('branch:create', '掘进区党支部');
    expect(branch.code).toBe(0);
    const branchId = /编号: (\S+)/.exec(branch.lines[0]!)![1]!;
    const team = admin('team:create', branchId, '掘进二队');
    expect(team.code).toBe(0);
    const teamId = /编号: (\S+)/.exec(team.lines[0]!)![1]!;
    const code = /登记码: (\S+)/.exec(team.lines[1]!)![1]!;
    expect(team.lines[1]).toContain(`https://xzw.example/enrol?code=${code}`);
    expect(admin('secretary:create', branchId, 'li').lines[0]).toMatch(/一次性密码.*: \S{16}$/);
    expect(admin('secretary:create', 'nope', 'wang').code).toBe(1);
    const adm = admin('admin:create', 'boss');
    expect(adm.code).toBe(0);
    expect(adm.lines[0]).toMatch(/管理员账号 boss.*一次性密码.*: \S{16}$/);
    expect(admin('admin:create').code).not.toBe(0);

    const db = openDatabase(dir);
    const r = redeemEnrolCode(db, { code, nonce: 'n-0123456789abcdef', deviceName: '' }, 2_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    db.close();
    expect(admin('device:list', teamId).lines[0]).toContain(r.deviceId);
    expect(admin('device:revoke', r.deviceId).code).toBe(0);
    expect(admin('device:revoke', r.deviceId).code).toBe(1);
    const db2 = openDatabase(dir);
    expect(authenticate(db2, r.token, 3_000)).toEqual({ ok: false, error: 'revoked' });
    db2.close();
    // Expiry in China time like the pages: 1 s after the epoch + 24 h is 08:00 on 2 January there.
    const created = admin('code:create', teamId).lines[0]!;
    expect(created).toMatch(/^登记码: [23456789A-Z]{8}（北京时间 1970\/01\/02 08:00 前有效/);
    const newCode = created.slice('登记码: '.length, '登记码: '.length + 8);
    const listed = admin('code:list', teamId).lines;
    expect(listed.length).toBeGreaterThanOrEqual(1);
    const [id, masked] = listed.at(-1)!.split('\t');
    expect(masked).toMatch(/^\*{6}[2-9A-Z]{2}$/);
    // The list never shows a whole code. (Not a pattern test: a hex id can hold eight digits 2–9.)
    expect(listed.join('\n')).not.toContain(newCode);
    expect(listed.join('\n')).not.toContain(code);
    expect(admin('code:revoke', teamId, id!).code).toBe(0);
    expect(admin('code:list', teamId).lines).not.toContainEqual(expect.stringContaining(id!));
    expect(admin('code:revoke', teamId, id!).code).toBe(1);
    expect(admin('config:set', branchId, 'shifts', '[{"id":"s1"}]').code).toBe(0);
    expect(admin('config:set', branchId, 'shifts', '{bad').code).toBe(1);
  });

  it('prints usage for an unknown command', () => {
    const r = admin('frobnicate');
    expect(r.code).toBe(64);
    expect(r.lines[0]).toContain('用法');
  });
});
