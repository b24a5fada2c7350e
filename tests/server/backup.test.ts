/**
 * `npm run admin -- backup FILE` (src/server/backup.ts): SQLite's online backup, taken
 * from another process while the server keeps storing pushes. A restore (docs/operations.md:
 * the copy becomes DATA_DIR/xiaozhengwei.sqlite of a fresh server) serves every record
 * acknowledged before the backup began, and the old device tokens still work.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../../bench/load';
import type { PullResponse, PushResponse, SyncRecord } from '../../src/domain/sync-protocol';
import { runAdminAsync } from '../../src/server/admin';
import { startServer } from '../../src/server/app';
import { DB_FILE } from '../../src/server/db';
import { createEnrolCode } from '../../src/server/store';
import { duty, enrol, makeTeam, postJson, startTestServer, testId, type TestServer } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

/** `npm run admin -- <args>` as its own process; async, so this process keeps serving pushes meanwhile. */
function npmAdmin(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((ok, fail) => {
    const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], {
      cwd: SERVER_ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('error', fail);
    child.once('exit', (code) => ok({ code: code ?? -1, out }));
  });
}

const dataDir = () => join(s.root, 'data');

describe('backup', () => {
  it('is taken while pushes go on, and a restore serves every record acknowledged before it began', async () => {
    const t = makeTeam(s);
    const a = await enrol(s, t.code, 'backup-phone-a-0123456789');
    const b = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'backup-phone-b-0123456789');
    // The worst case for a copy: everything acknowledged is still in the WAL, none of it in
    // the main file yet (a plain file copy would lose it all; the backup API must not).
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.db.pragma('wal_autocheckpoint = 0');
    const push = async (records: SyncRecord[]) => {
      const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: t.teamId, records }, a.token);
      expect(res.status).toBe(200);
      return ((await res.json()) as PushResponse).acks;
    };
    // Before: 300 records, some edited to rev 2 and 3. They are not touched again.
    const before = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      const ids = Array.from({ length: 30 }, () => testId());
      for (const ack of await push(ids.map((id) => duty(id, 1, `备份前 ${id}`)))) before.set(ack.id, ack.rev);
      for (const ack of await push(ids.slice(0, 10).map((id) => duty(id, 3, `备份前 ${id} 第3版`)))) before.set(ack.id, ack.rev);
    }
    // During: new records and edits of them, until the backup has finished.
    let during = 0;
    let backingUp = true;
    const load = (async () => {
      const mine: string[] = [];
      for (let rev = 1; backingUp; rev++) {
        const fresh = Array.from({ length: 20 }, () => testId());
        mine.push(...fresh);
        const acks = await push([...fresh.map((id) => duty(id, 1)), ...mine.slice(0, 20).map((id) => duty(id, rev + 1, `第${rev + 1}版`))]);
        during += acks.length;
      }
    })();
    while (during === 0) await new Promise((r) => setTimeout(r, 5));
    const file = join(s.root, 'backup', 'xzw-backup.sqlite');
    mkdirSync(join(s.root, 'backup'));
    const ackedBefore = during;
    const r = await npmAdmin(dataDir(), 'backup', file);
    const ackedWhile = during - ackedBefore;
    backingUp = false;
    await load;
    s.db.pragma('wal_autocheckpoint = 1000');
    expect(r.out).toContain('已备份到');
    expect(r.code).toBe(0);
    expect(ackedWhile, 'pushes were acknowledged while the backup ran').toBeGreaterThan(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.partial`)).toBe(false);

    // The copy is one consistent, self-contained file.
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const maxSeq = (copy.prepare('SELECT MAX(seq) AS maxSeq FROM records').get() as { maxSeq: number | null }).maxSeq ?? 0;
    expect((copy.prepare('SELECT value FROM seq_counter').get() as { value: number }).value).toBeGreaterThanOrEqual(maxSeq);
    copy.close();

    // Restore: the copy becomes the file of a fresh DATA_DIR.
    const restored = join(s.root, 'restored', 'data');
    mkdirSync(restored, { recursive: true });
    copyFileSync(file, join(restored, DB_FILE));
    const server = await startServer({ port: 0, dataDir: restored, distDir: join(s.root, 'dist') });
    try {
      const seen = new Map<string, number>();
      for (let since = 0, more = true; more;) {
        const res = await fetch(`${server.url}/api/v1/sync/pull?v=1&since=${since}`, { headers: { Authorization: `Bearer ${b.token}` } });
        expect(res.status).toBe(200);
        const page = (await res.json()) as PullResponse;
        for (const rec of page.records) seen.set(rec.id, rec.rev);
        ({ cursor: since, more } = page);
      }
      const lost = [...before].filter(([id, rev]) => seen.get(id) !== rev);
      expect(lost, 'acknowledged before the backup, missing or at another revision after restore').toEqual([]);
      // The phones' tokens are in the copy (as hashes): phone A carries on against the restored server.
      const again = await postJson(`${server.url}/api/v1/sync/push`, { v: 1, teamId: t.teamId, records: [duty(testId(), 1)] }, a.token);
      expect(again.status).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses a missing file name, the live file itself, and a directory that does not exist', async () => {
    const lines: string[] = [];
    const env = { dataDir: dataDir(), publicUrl: 'http://x', now: 0, out: (l: string) => lines.push(l) };
    expect(await runAdminAsync(['backup'], env)).toBe(64);
    expect(lines.pop()).toContain('backup <文件>');
    expect(await runAdminAsync(['backup', join(dataDir(), DB_FILE)], env)).toBe(1);
    expect(lines.pop()).toContain('不能是数据库文件本身');
    expect(await runAdminAsync(['backup', join(s.root, 'no-such-dir', 'x.sqlite')], env)).toBe(1);
    expect(lines.pop()).toMatch(/^错误: /);
    expect(await runAdminAsync(['backup', join(s.root, 'x.sqlite')], { ...env, dataDir: join(s.root, 'empty') })).toBe(1);
    expect(lines.pop()).toContain('数据库文件不存在');
  });
});
