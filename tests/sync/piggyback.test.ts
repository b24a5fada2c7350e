/**
 * One round trip per send: the last push names the phone's cursor and its answer carries
 * the pull (docs/sync.md). Real engine, Dexie outbox (fake-indexeddb) and server, through
 * the fault proxy; plus the batch bounds and the fallback for an endpoint without `since`.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acknowledge, getBranchConfig, getSyncState, listDirty, outboxSummary, setSyncState } from '../../src/db/outbox';
import type { AppDb } from '../../src/db/schema';
import { MAX_BATCH_RECORDS, WIRE_BATCH_BYTES, type PullResponse, type PushRequest } from '../../src/domain/sync-protocol';
import { createEnrolCode, createTeam, redeemEnrolCode, setConfig } from '../../src/server/store';
import { gzipBytes } from '../../src/sync/compress';
import { SyncEngine } from '../../src/sync/engine';
import { dexieOutboxStore } from '../../src/sync/index';
import { freshDb, makeDuty, makeWorker, uuid } from './fixtures';
import { createFaultEnv, prng, type FaultEnv } from './scenario';

let env: FaultEnv;
beforeAll(async () => {
  env = await createFaultEnv();
});
afterAll(async () => {
  await env.close();
});

let db: AppDb;
beforeEach(async () => {
  db = freshDb();
  await db.open();
});
afterEach(async () => {
  env.proxy.planner = () => ({ dir: 'none', offset: 0 });
  db.close();
  await db.delete();
});

interface Sent { url: string; bytes: number; gzip: boolean; body: PushRequest | undefined }

/** An enrolled phone whose engine talks to the real server through the proxy, logging each request. */
async function phone(name: string, gzip = true): Promise<{ engine: SyncEngine; sent: Sent[]; teamId: string; branchId: string }> {
  const s = env.server.db;
  const team = createTeam(s, env.branchId, name, Date.now());
  const r = redeemEnrolCode(s, { code: createEnrolCode(s, team.id, Date.now()).code, nonce: `${name}-0123456789abcdef`, deviceName: '' }, Date.now());
  if (!r.ok) throw new Error('enrol');
  await setSyncState(db, { token: r.token, teamId: team.id, auth: 'enrolled' });
  const sent: Sent[] = [];
  const engine = new SyncEngine({
    baseUrl: `http://127.0.0.1:${env.proxy.port}`,
    fetch: async (url, init) => {
      const raw = init.body as Uint8Array | undefined;
      const isGzip = (init.headers as Record<string, string>)['Content-Encoding'] === 'gzip';
      const text = raw ? new TextDecoder().decode(isGzip ? new Uint8Array(await new Response(new Blob([raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer()) : raw) : undefined;
      sent.push({ url, bytes: raw?.byteLength ?? 0, gzip: isGzip, body: text ? (JSON.parse(text) as PushRequest) : undefined });
      return fetch(url, init);
    },
    now: Date.now, random: Math.random, store: dexieOutboxStore(db),
    setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    ...(gzip ? { gzip: gzipBytes } : {}),
    newNonce: () => 'n',
  });
  return { engine, sent, teamId: team.id, branchId: env.branchId };
}

const stored = (teamId: string) =>
  (env.server.db.prepare('SELECT COUNT(*) AS n FROM records WHERE team_id = ?').get(teamId) as { n: number }).n;

describe('the pull rides on the last push', () => {
  it('sends a month of a team (72 records) in one request and stores what came back with its cursor', async () => {
    const p = await phone('一趟');
    setConfig(env.server.db, p.branchId, 'piggy', { n: 1 }, Date.now());
    await db.workers.bulkPut(Array.from({ length: 12 }, (_, i) => makeWorker(uuid(5000 + i))));
    await db.duties.bulkPut(Array.from({ length: 60 }, (_, i) => makeDuty(uuid(6000 + i), 1, 1, `第${i}班：加强顶板支护，重点盯防新工人操作`.repeat(8))));
    expect(await p.engine.syncNow()).toBe('done');
    expect(p.sent.map((x) => x.url.replace(/^.*\/api\/v1/, ''))).toEqual(['/sync/push']);
    expect(p.sent[0]!.body?.since).toBe(0);
    expect(stored(p.teamId)).toBe(72);
    expect((await outboxSummary(db)).pending).toBe(0);
    expect((await getBranchConfig(db, 'piggy'))?.value).toEqual({ n: 1 });
    const cursor = (await getSyncState(db)).cursor;
    expect(cursor).toBeGreaterThan(0);
    // Nothing to push: the separate pull, from the stored cursor.
    expect(await p.engine.syncNow()).toBe('done');
    expect(p.sent.at(-1)!.url).toContain(`/sync/pull?v=1&since=${cursor}`);
  });

  it('a push whose answer was lost after the commit is sent again, stored once, and its pull applied once', async () => {
    const p = await phone('断开');
    setConfig(env.server.db, p.branchId, 'lost', { n: 2 }, Date.now());
    await db.duties.bulkPut([1, 2, 3].map((i) => makeDuty(uuid(7000 + i))));
    env.proxy.planner = () => ({ dir: 'down', offset: 0 }); // the server commits, the phone hears nothing
    await env.proxy.reset();
    expect(await p.engine.syncNow()).toBe('offline');
    expect(stored(p.teamId)).toBe(3);
    expect((await getSyncState(db)).cursor).toBe(0);
    expect((await outboxSummary(db)).pending).toBe(3);
    env.proxy.planner = () => ({ dir: 'none', offset: 0 });
    await env.proxy.reset();
    expect(await p.engine.syncNow()).toBe('done');
    expect(stored(p.teamId)).toBe(3);
    const history = (env.server.db.prepare('SELECT COUNT(*) AS n FROM record_history WHERE team_id = ?').get(p.teamId) as { n: number }).n;
    expect(history).toBe(0);
    expect((await outboxSummary(db)).pending).toBe(0);
    expect((await getBranchConfig(db, 'lost'))?.value).toEqual({ n: 2 });
    expect(p.sent.filter((x) => x.url.includes('/pull'))).toEqual([]);
  });

  it('splits a gzipped batch above the wire bound; only the last part names the cursor', async () => {
    const p = await phone('分批');
    // Notes that gzip cannot shrink much: ~120 KB of JSON, well above 48 KB compressed.
    const rnd = prng(12345);
    const noise = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 36).toString(36)).join('');
    await db.duties.bulkPut(Array.from({ length: 30 }, (_, i) => makeDuty(uuid(8000 + i), 1, 1, noise(4000))));
    expect(await p.engine.syncNow()).toBe('done');
    const pushes = p.sent.filter((s) => s.url.includes('/push'));
    expect(pushes.length).toBeGreaterThan(1);
    for (const s of pushes) {
      expect(s.gzip).toBe(true);
      expect(s.bytes).toBeLessThanOrEqual(WIRE_BATCH_BYTES);
    }
    expect(pushes.map((s) => s.body?.since)).toEqual([...pushes.slice(1).map(() => undefined), 0]);
    expect(p.sent.length).toBe(pushes.length); // no separate pull
    expect(stored(p.teamId)).toBe(30);
  });

  it('without gzip keeps the 64 KiB JSON bound and still saves the pull', async () => {
    const p = await phone('明文', false);
    await db.duties.bulkPut(Array.from({ length: 60 }, (_, i) => makeDuty(uuid(9000 + i), 1, 1, '加强顶板支护'.repeat(60))));
    expect(await p.engine.syncNow()).toBe('done');
    const pushes = p.sent.filter((s) => s.url.includes('/push'));
    expect(pushes.length).toBeGreaterThan(1);
    for (const s of pushes.slice(0, -1)) expect(s.body?.since).toBeUndefined();
    expect(pushes.at(-1)!.body?.since).toBe(0);
    expect(p.sent.length).toBe(pushes.length);
    expect(stored(p.teamId)).toBe(60);
  });
});

describe('an endpoint from before since', () => {
  it('refuses the field; the engine sends the batch again without it, then pulls separately', async () => {
    await setSyncState(db, { token: 'tok-0123456789abcdefghij', teamId: 'team1', auth: 'enrolled' });
    await db.duties.bulkPut([1, 2].map((i) => makeDuty(uuid(i))));
    const urls: string[] = [];
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const engine = new SyncEngine({
      baseUrl: 'http://old',
      fetch: async (url, init) => {
        urls.push(url);
        if (url.includes('/pull')) return json({ v: 1, cursor: 9, more: false, config: [], reviews: [], records: [] });
        const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) as PushRequest;
        if ('since' in body) return json({ error: 'invalid_body', message: '请求内容格式不正确', issues: [{ path: 'since', message: '不允许的字段' }] }, 400);
        return json({ v: 1, acks: body.records.map((r) => ({ table: r.table, id: r.id, rev: r.rev })), rejected: [], serverTime: 1 });
      },
      now: () => 1, random: () => 0.5, store: dexieOutboxStore(db, () => 1),
      setTimer: () => 0, clearTimer: () => undefined, newNonce: () => 'n',
    });
    expect(await engine.syncNow()).toBe('done');
    expect(urls.map((u) => u.replace('http://old/api/v1', ''))).toEqual(['/sync/push', '/sync/push', '/sync/pull?v=1&since=0']);
    const summary = await outboxSummary(db);
    expect(summary.pending).toBe(0);
    expect(summary.rejected).toEqual([]);
    expect((await getSyncState(db)).cursor).toBe(9);
    await db.duties.put(makeDuty(uuid(3)));
    urls.length = 0;
    expect(await engine.syncNow()).toBe('done');
    expect(urls.map((u) => u.replace('http://old/api/v1', ''))).toEqual(['/sync/push', '/sync/pull?v=1&since=9']);
  });
});

describe('outbox bounds and the cursor check', () => {
  it('listDirty never packs more records than the server accepts in one push', async () => {
    await db.workers.bulkPut(Array.from({ length: MAX_BATCH_RECORDS + 20 }, (_, i) => makeWorker(uuid(i + 1))));
    const first = await listDirty(db, 10 * 1024 * 1024, 5);
    expect(first.records.length).toBe(MAX_BATCH_RECORDS);
    expect(first.more).toBe(true);
  });

  it('a piggybacked pull asked from a cursor that is no longer stored is dropped whole; the acks still count', async () => {
    await setSyncState(db, { cursor: 4 });
    await db.duties.put(makeDuty(uuid(1)));
    const pull: PullResponse = { v: 1, cursor: 50, more: false, config: [{ key: 'k', value: 1, updatedAt: 1 }], reviews: [], records: [] };
    await acknowledge(db, [{ table: 'duties', id: uuid(1), rev: 1 }], [], 5, { since: 3, pull });
    expect((await getSyncState(db)).cursor).toBe(4);
    expect(await getBranchConfig(db, 'k')).toBeUndefined();
    expect((await outboxSummary(db)).pending).toBe(0);
    await acknowledge(db, [], [], 5, { since: 4, pull });
    expect((await getSyncState(db)).cursor).toBe(50);
    expect((await getBranchConfig(db, 'k'))?.value).toBe(1);
  });
});
