/**
 * Enrolment codes at rest (migration 5, src/server/code-key.ts): only an HMAC with a key
 * kept outside the database is stored, so neither the live file nor a backup holds a code
 * that enrols a phone; codes stored in clear before the upgrade are hashed, not lost.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/server/backup';
import { CODE_KEY_FILE } from '../../src/server/code-key';
import { DB_FILE, migrate, openDatabase } from '../../src/server/db';
import { MIGRATIONS } from '../../src/server/migrations';
import { createBranch, createEnrolCode, createTeam, liveEnrolCodes, redeemEnrolCode, revokeEnrolCode } from '../../src/server/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xzw-codes-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 10, 1, 8);
const redeem = (db: ReturnType<typeof openDatabase>, code: string, nonce = 'nonce-0123456789abcdef', now = NOW) =>
  redeemEnrolCode(db, { code, nonce, deviceName: '测试手机' }, now);

/** Every byte the server keeps in DATA_DIR for SQLite: the file and its WAL. */
function fileBytes(file: string): string {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

describe('enrolment codes hashed at rest', () => {
  it('migration 5 hashes codes stored in clear: unused ones still enrol, used ones stay used, none is left in the file', async () => {
    const data = join(dir, 'data');
    const old = openDatabase(data, MIGRATIONS.filter((m) => m.version <= 2));
    const branch = createBranch(old, '支部', NOW);
    // A v2 file: its teams table has no district yet (migration 3), so the row is written as v2 wrote it.
    const team = { id: 'team-v2-0001' };
    old.prepare('INSERT INTO teams (id, branch_id, name, created_at) VALUES (?, ?, ?, ?)').run(team.id, branch.id, '甲班', NOW);
    const insert = old.prepare('INSERT INTO enrolment_codes (code, team_id, created_at, expires_at, used_at, used_nonce) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('ABCD2345', team.id, NOW, NOW + 3600_000, null, null);
    insert.run('WXYZ6789', team.id, NOW, NOW + 3600_000, NOW, 'someone-else-0123456');
    insert.run('EFGH2345', team.id, NOW - 2 * 86_400_000, NOW - 86_400_000, null, null);
    old.close();

    const db = openDatabase(data);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => (r as { version: number }).version))
      .toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(db.prepare('SELECT COUNT(*) AS n FROM enrolment_codes').get()).toEqual({ n: 3 });
    expect(liveEnrolCodes(db, team.id, NOW).map((c) => c.hint)).toEqual(['45']);
    expect(redeem(db, 'wxyz-6789')).toEqual({ ok: false, error: 'code_used' });
    expect(redeem(db, 'EFGH2345')).toEqual({ ok: false, error: 'code_expired' });
    expect(redeem(db, 'abcd 2345')).toMatchObject({ ok: true, team: { id: team.id } });
    const fresh = createEnrolCode(db, team.id, NOW);
    db.pragma('wal_checkpoint(TRUNCATE)');

    const backup = join(dir, 'backup.sqlite');
    await backupDatabase(data, backup);
    for (const bytes of [fileBytes(join(data, DB_FILE)), fileBytes(backup)]) {
      for (const code of ['ABCD2345', 'WXYZ6789', 'EFGH2345', fresh.code]) expect(bytes).not.toContain(code);
    }
    db.close();
  });

  it('a backup restored without the key file enrols nobody; with it, the code still works', async () => {
    const data = join(dir, 'data');
    const db = openDatabase(data);
    const team = createTeam(db, createBranch(db, '支部', NOW).id, '甲班', NOW);
    const { code } = createEnrolCode(db, team.id, NOW);
    db.close();
    const restored = join(dir, 'restored');
    mkdirSync(restored);
    await backupDatabase(data, join(restored, DB_FILE));
    const copy = openDatabase(restored); // a new key: the backup alone is all an intruder has
    expect(redeem(copy, code)).toEqual({ ok: false, error: 'code_unknown' });
    copy.close();
    expect(statSync(join(data, CODE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readdirSync(data).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const live = openDatabase(data); // the same key again
    expect(redeem(live, code)).toMatchObject({ ok: true });
    live.close();
  });

  it('a cancelled (作废) code no longer enrols and leaves the live list', () => {
    const db = openDatabase(join(dir, 'data'));
    const team = createTeam(db, createBranch(db, '支部', NOW).id, '甲班', NOW);
    const a = createEnrolCode(db, team.id, NOW);
    const b = createEnrolCode(db, team.id, NOW + 1);
    const live = liveEnrolCodes(db, team.id, NOW + 2);
    expect(live.map((c) => c.hint)).toEqual([b.code.slice(-2), a.code.slice(-2)]);
    expect(revokeEnrolCode(db, team.id, live[1]!.code_hash, NOW + 3)).toBe(true);
    expect(revokeEnrolCode(db, 'other-team', live[0]!.code_hash, NOW + 3)).toBe(false);
    expect(redeem(db, a.code, undefined, NOW + 4)).toEqual({ ok: false, error: 'code_expired' });
    expect(liveEnrolCodes(db, team.id, NOW + 4).map((c) => c.hint)).toEqual([b.code.slice(-2)]);
    expect(redeem(db, b.code, undefined, NOW + 4)).toMatchObject({ ok: true });
    expect(liveEnrolCodes(db, team.id, NOW + 4)).toEqual([]);
    db.close();
  });

  it('migrations missing in the middle (numbers of branches merged later) are applied, once', () => {
    const db = openDatabase(join(dir, 'data'));
    const top = Math.max(...MIGRATIONS.map((m) => m.version));
    const gap = { version: top + 10, name: 'later', sql: 'CREATE TABLE later (x INTEGER)' };
    const filler = { version: top + 5, name: 'merged later', sql: 'CREATE TABLE filler (x INTEGER)' };
    expect(migrate(db, [...MIGRATIONS, gap])).toEqual([gap.version]);
    expect(migrate(db, [...MIGRATIONS, filler, gap])).toEqual([filler.version]);
    expect(migrate(db, [...MIGRATIONS, filler, gap])).toEqual([]);
    db.close();
  });
});
