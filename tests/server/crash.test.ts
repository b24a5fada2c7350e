/**
 * The endpoint as its own process (bench/load.ts `spawnServer`: node --import tsx
 * src/server/main.ts, PORT=0, a temporary DATA_DIR):
 * - crash safety: phones push while the process is SIGKILLed, three times over the same
 *   file; after each restart every acknowledged revision is stored (or a later one of the
 *   same phone), with the body that was acknowledged, and the file passes integrity_check;
 * - no secret in its output: tokens, token hashes and the password hash never appear;
 *   the first-start password appears once, and not at the next start;
 * - tokens and passwords are compared with crypto.timingSafeEqual.
 */
import Database from 'better-sqlite3';
import * as crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enrolDevices, httpJson, spawnServer, type ChildServer, type Device } from '../../bench/load';
import { DB_FILE, openDatabase } from '../../src/server/db';
import { hashPassword, verifyPassword } from '../../src/server/crypto';
import { authenticate, createBranch, createEnrolCode, createTeam, redeemEnrolCode } from '../../src/server/store';
import { duty } from './helpers';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'xzw-crash-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function note(id: string, rev: number): string {
  return `${id} 第${rev}版 班前会记录`;
}
/** A complete duty (the server refuses a body its table's schema does not accept). */
function record(id: string, rev: number) {
  return duty(id, rev, note(id, rev));
}

interface Phone extends Device {
  index: number;
  /** id → the revision this phone last sent (acked or not). */
  sent: Map<string, number>;
}

/**
 * Each phone loops: a batch of 3 new records and up to 5 edits (rev + 1) of its earlier
 * ones. What was acknowledged is recorded in `acked` (id → highest acked rev) as the ack
 * arrives, i.e. before the kill for every ack the client saw.
 */
async function runLoad(server: ChildServer, phones: Phone[], acked: Map<string, number>, until: { stop: boolean }, stats: { inFlight: number; acks: number }): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: phones.length });
  let n = 0;
  await Promise.all(phones.map(async (p) => {
    while (!until.stop) {
      const batch: ReturnType<typeof record>[] = [];
      for (let i = 0; i < 3; i++) {
        const id = `crash-${p.index}-${p.sent.size}-${n++}`;
        p.sent.set(id, 1);
        batch.push(record(id, 1));
      }
      const mine = [...p.sent.keys()];
      for (let i = 0; i < 5 && mine.length > 10; i++) {
        const id = mine[Math.floor(Math.random() * mine.length)]!;
        if (batch.some((r) => r.id === id)) continue;
        const rev = p.sent.get(id)! + 1;
        p.sent.set(id, rev);
        batch.push(record(id, rev));
      }
      stats.inFlight++;
      try {
        const r = await httpJson(agent, `${server.url}/api/v1/sync/push`, 'POST', p.token, { v: 1, teamId: p.teamId, records: batch });
        if (r.status === 200) {
          for (const a of (JSON.parse(r.body) as { acks: { id: string; rev: number }[] }).acks) {
            acked.set(a.id, Math.max(acked.get(a.id) ?? 0, a.rev));
            stats.acks++;
          }
        }
      } catch {
        // The process was killed under this request: no ack, so nothing is promised.
        await sleep(20);
      } finally {
        stats.inFlight--;
      }
    }
  }));
  agent.destroy();
}

function checkFile(file: string, acked: Map<string, number>): { stored: number; newer: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const get = db.prepare("SELECT rev, body FROM records WHERE tbl = 'duties' AND id = ?");
    let newer = 0;
    const missing: string[] = [];
    for (const [id, rev] of acked) {
      const row = get.get(id) as { rev: number; body: string } | undefined;
      if (!row || row.rev < rev) {
        missing.push(`${id}@${rev} (stored: ${row ? row.rev : 'none'})`);
        continue;
      }
      // A later revision may have been committed with its ack lost in the kill.
      if (row.rev > rev) newer++;
      expect((JSON.parse(row.body) as { organisationNote: string }).organisationNote).toBe(note(id, row.rev));
    }
    expect(missing, `acknowledged but lost after SIGKILL: ${missing.slice(0, 5).join(', ')}`).toEqual([]);
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    return { stored: n, newer };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('keeps every acknowledged revision across three SIGKILLs during pushes; the file passes integrity_check', async () => {
    const dataDir = join(root, 'crash');
    const phones: Phone[] = enrolDevices(dataDir, 8, 2).map((d, index) => ({ ...d, index, sent: new Map() }));
    const acked = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      const server = await spawnServer({ dataDir });
      expect(server.output()).not.toContain('首次启动'); // the file already had a branch
      const until = { stop: false };
      const stats = { inFlight: 0, acks: 0 };
      const load = runLoad(server, phones, acked, until, stats);
      // Kill at a random moment once the load is well under way, with pushes in flight.
      while (stats.acks < 300) await sleep(10);
      await sleep(Math.random() * 200);
      const inFlightAtKill = stats.inFlight;
      expect(await server.kill('SIGKILL')).toBe('SIGKILL');
      until.stop = true;
      await load;
      expect(inFlightAtKill).toBeGreaterThan(0);
      const r = checkFile(join(dataDir, DB_FILE), acked);
      console.log(`crash round ${round + 1}: ${acked.size} acknowledged records checked, ${r.newer} stored at a later revision, ${r.stored} rows, ${inFlightAtKill} pushes in flight at SIGKILL`);
    }
    // The restarted server serves the same file: a replay of acknowledged revisions is acked, not stored twice.
    const server = await spawnServer({ dataDir });
    try {
      const agent = new Agent({ keepAlive: true });
      const p = phones[0]!;
      const replay = [...acked].filter(([id]) => id.startsWith(`crash-${p.index}-`)).slice(0, 50);
      const res = await httpJson(agent, `${server.url}/api/v1/sync/push`, 'POST', p.token, { v: 1, teamId: p.teamId, records: replay.map(([id, rev]) => record(id, rev)) });
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body) as { acks: unknown[] }).acks).toHaveLength(replay.length);
      agent.destroy();
    } finally {
      await server.kill('SIGTERM');
    }
    checkFile(join(dataDir, DB_FILE), acked);
  }, 90_000);
});

describe('no secret in the output', () => {
  it('prints the first-start password once and never a token, token hash or password hash', async () => {
    const dataDir = join(root, 'secrets');
    const agent = new Agent({ keepAlive: true });
    const first = await spawnServer({ dataDir });
    const tokens: string[] = [];
    let password = '';
    let second: ChildServer | null = null;
    try {
      password = /一次性密码: (\S+)/.exec(first.output())![1]!;
      const code = /登记码: (\S+)/.exec(first.output())![1]!;
      const enrol = async (c: string, nonce: string) => {
        const r = await httpJson(agent, `${first.url}/api/v1/enrol`, 'POST', null, { v: 1, code: c, nonce, deviceName: '测试手机' });
        expect(r.status).toBe(200);
        return JSON.parse(r.body) as { token: string; teamId: string };
      };
      const a = await enrol(code, 'secret-test-nonce-0123');
      const again = await enrol(code, 'secret-test-nonce-0123'); // a lost answer: same device, fresh token
      tokens.push(a.token, again.token);
      const db = openDatabase(dataDir);
      const code2 = createEnrolCode(db, a.teamId, Date.now()).code;
      db.close();
      const b = await enrol(code2, 'secret-test-nonce-4567');
      tokens.push(b.token);
      const push = (token: string, body: unknown) => httpJson(agent, `${first.url}/api/v1/sync/push`, 'POST', token, body);
      expect((await push(again.token, { v: 1, teamId: a.teamId, records: [record('secret-1', 1)] })).status).toBe(200);
      expect((await push(a.token, { v: 1, teamId: a.teamId, records: [record('secret-2', 1)] })).status).toBe(401); // the lost token
      expect((await push(b.token, { v: 1, teamId: 'other', records: [record('secret-3', 1)] })).status).toBe(403);
      expect((await push(b.token, { v: 1, teamId: a.teamId, records: [{ bogus: true }] })).status).toBe(400);
      // A body the server cannot store (nested beyond JSON.stringify's stack) makes it log an error line.
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const rec = JSON.stringify({ ...record('secret-4', 1), body: { ...record('secret-4', 1).body, deep: 0 } }).replace('"deep":0', `"deep":${deep}`);
      await push(b.token, `{"v":1,"teamId":${JSON.stringify(a.teamId)},"records":[${rec}]}`);
      expect((await httpJson(agent, `${first.url}/api/v1/sync/pull?v=1&since=0`, 'GET', b.token)).status).toBe(200);
      expect((await httpJson(agent, `${first.url}/api/v1/sync/pull?v=1&since=0`, 'GET', `${b.token}x`)).status).toBe(401);
      await first.kill('SIGTERM');
      second = await spawnServer({ dataDir });
      expect((await httpJson(agent, `${second.url}/api/v1/sync/pull?v=1&since=0`, 'GET', b.token)).status).toBe(200);
    } finally {
      agent.destroy();
      await first.kill('SIGTERM');
      await second?.kill('SIGTERM');
    }
    const db = new Database(join(dataDir, DB_FILE), { readonly: true });
    const hashes = (db.prepare('SELECT token_hash FROM devices').all() as { token_hash: string }[]).map((r) => r.token_hash);
    const pw = (db.prepare('SELECT password_hash FROM secretaries').all() as { password_hash: string }[]).map((r) => r.password_hash);
    db.close();
    const secrets = [
      ...tokens, ...tokens.map((t) => crypto.createHash('sha256').update(t).digest('hex')), ...hashes,
      ...pw, ...pw.flatMap((h) => h.split('$').slice(4)), // salt and key, base64
    ];
    expect(tokens).toHaveLength(3);
    expect(pw).toHaveLength(1);
    for (const [run, out] of [['first', first.output()], ['second', second!.output()]] as const) {
      for (const s of secrets) expect(out.includes(s), `${run} start printed a secret (${s.slice(0, 6)}…)`).toBe(false);
    }
    expect(first.output().split(password).length - 1).toBe(1);
    expect(second!.output()).not.toContain(password);
  }, 60_000);
});

describe('constant-time comparison', () => {
  it('checks a device token and a password through crypto.timingSafeEqual on the full hash', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    const db = openDatabase(join(root, 'ct'));
    try {
      const branch = createBranch(db, '支部', 1_000);
      const team = createTeam(db, branch.id, '班组', 1_000);
      const r = redeemEnrolCode(db, { code: createEnrolCode(db, team.id, 1_000).code, nonce: 'ct-nonce-0123456789ab', deviceName: '' }, 1_000);
      if (!r.ok) throw new Error(r.error);
      spy.mockClear();
      expect(authenticate(db, r.token, 2_000).ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      const [x, y] = spy.mock.calls[0]! as [Buffer, Buffer];
      expect([x.length, y.length]).toEqual([32, 32]);
      expect(x.toString('hex')).toBe(crypto.createHash('sha256').update(r.token).digest('hex'));
      spy.mockClear();
      const stored = hashPassword('correct horse');
      expect(verifyPassword('wrong horse', stored)).toBe(false);
      expect(verifyPassword('correct horse', stored)).toBe(true);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      db.close();
    }
  });
});
