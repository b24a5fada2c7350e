import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSyncState, outboxSummary, setSyncState } from '../../src/db/outbox';
import type { AppDb } from '../../src/db/schema';
import type { PushRequest } from '../../src/domain/sync-protocol';
import { backoffDelay, BACKOFF_CAP_MS } from '../../src/sync/backoff';
import { SyncEngine } from '../../src/sync/engine';
import { dexieOutboxStore, enrolCodeFromUrl } from '../../src/sync/index';
import { freshDb, makeDuty, uuid } from './fixtures';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

let db: AppDb;
let calls: { url: string; body: unknown }[];
let handler: Handler;
let timers: { fn: () => void; ms: number }[];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const emptyPull = { v: 1, cursor: 7, more: false, config: [], reviews: [], records: [] };
/** A server that acknowledges every record it is sent. */
const ackAll: Handler = (url, init) => {
  if (url.includes('/sync/pull')) return json(emptyPull);
  const body = JSON.parse(String(new TextDecoder().decode(init.body as Uint8Array))) as PushRequest;
  return json({ v: 1, acks: body.records.map((r) => ({ table: r.table, id: r.id, rev: r.rev })), rejected: [], serverTime: 1 });
};

function engine(): SyncEngine {
  return new SyncEngine({
    baseUrl: 'http://endpoint',
    fetch: async (url, init) => {
      const raw = init.body ? new TextDecoder().decode(init.body as Uint8Array) : undefined;
      calls.push({ url, body: raw ? JSON.parse(raw) : undefined });
      return handler(url, init);
    },
    now: () => 1_000_000,
    random: () => 0.5,
    store: dexieOutboxStore(db, () => 1_000_000),
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
    newNonce: () => 'nonce-0123456789abcdef',
  });
}

beforeEach(async () => {
  db = freshDb();
  await db.open();
  calls = [];
  timers = [];
  handler = ackAll;
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const enrolled = () => setSyncState(db, { token: 'tok-0123456789abcdefghij', teamId: 'team1', auth: 'enrolled' });
const pushes = () => calls.filter((c) => c.url.includes('/sync/push'));

describe('SyncEngine', () => {
  it('does nothing before enrolment and keeps the data', async () => {
    await db.duties.put(makeDuty(uuid(1)));
    expect(await engine().syncNow()).toBe('unenrolled');
    expect(calls).toEqual([]);
    expect((await outboxSummary(db)).pending).toBe(1);
  });

  it('pushes everything dirty, then pulls, and records the success', async () => {
    await enrolled();
    await db.duties.bulkPut([1, 2, 3].map((i) => makeDuty(uuid(i))));
    expect(await engine().syncNow()).toBe('done');
    expect(pushes().length).toBe(1);
    expect(calls.at(-1)!.url).toBe('http://endpoint/api/v1/sync/pull?v=1&since=0');
    expect((await outboxSummary(db)).pending).toBe(0);
    const st = await getSyncState(db);
    expect(st).toMatchObject({ cursor: 7, lastSuccessAt: 1_000_000, lastError: null });
  });

  it('splits a batch refused as a whole until the bad record is isolated; the rest is sent', async () => {
    await enrolled();
    await db.duties.bulkPut([1, 2, 3, 4].map((i) => makeDuty(uuid(i))));
    handler = (url, init) => {
      if (url.includes('/sync/push')) {
        const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) as PushRequest;
        if (body.records.some((r) => r.id === uuid(3))) {
          return json({ error: 'invalid_body', message: '请求内容格式不正确' }, 400);
        }
      }
      return ackAll(url, init);
    };
    expect(await engine().syncNow()).toBe('done');
    const s = await outboxSummary(db);
    expect(s.pending).toBe(0);
    expect(s.rejected).toEqual([expect.objectContaining({ id: uuid(3), code: 'invalid_record', message: '请求内容格式不正确' })]);
  });

  it('on a revoked token stops, says so in Chinese and deletes nothing', async () => {
    await enrolled();
    await db.duties.put(makeDuty(uuid(1)));
    handler = () => json({ error: 'revoked', message: '设备已被停用' }, 401);
    const e = engine();
    expect(await e.syncNow()).toBe('revoked');
    expect(timers.filter((t) => t.ms !== 30_000)).toEqual([]); // no retry scheduled
    const st = await getSyncState(db);
    expect(st.auth).toBe('revoked');
    expect(st.lastError).toContain('设备已被停用');
    expect(await db.duties.count()).toBe(1);
    calls = [];
    expect(await e.syncNow()).toBe('revoked');
    expect(calls).toEqual([]);
  });

  it('retries with growing, jittered delays after network failures, then succeeds', async () => {
    await enrolled();
    await db.duties.put(makeDuty(uuid(1)));
    let down = 3;
    handler = (url, init) => {
      if (down-- > 0) throw new TypeError('fetch failed');
      return ackAll(url, init);
    };
    const e = engine();
    expect(await e.syncNow()).toBe('offline');
    expect((await getSyncState(db)).lastError).toContain('网络中断');
    const retries = () => timers.filter((t) => t.ms !== 30_000); // request deadlines are 30 s; skip them
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = retries().at(-1)!;
      delays.push(t.ms);
      timers = [];
      t.fn();
      await e.syncNow();
    }
    expect(delays).toEqual([1_500, 3_000, 6_000]); // random() = 0.5
    expect((await outboxSummary(db)).pending).toBe(0);
    expect((await getSyncState(db)).lastError).toBeNull();
  });

  it('runs one sync at a time and one more when asked during a run', async () => {
    await enrolled();
    await db.duties.put(makeDuty(uuid(1)));
    const e = engine();
    const [a, b, c] = [e.syncNow(), e.syncNow(), e.syncNow()];
    expect(a).toBe(b);
    expect(b).toBe(c);
    await a;
    expect(calls.filter((x) => x.url.includes('/pull')).length).toBe(2);
  });

  it('syncs on start, on `online` and when the page becomes visible', async () => {
    await enrolled();
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const e = engine();
    e.start({ window: win, document: doc });
    await e.syncNow();
    const n = calls.length;
    win.dispatchEvent(new Event('online'));
    await e.syncNow();
    expect(calls.length).toBeGreaterThan(n);
    const m = calls.length;
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(calls.length).toBe(m); // hidden: no run
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await e.syncNow();
    expect(calls.length).toBeGreaterThan(m);
    e.stop();
  });

  it('sends a record saved while online shortly after, once, via poke()', async () => {
    await enrolled();
    const e = engine();
    await db.duties.put(makeDuty(uuid(1)));
    e.poke();
    e.poke(); // a second save before the delay: still one timer
    const pokes = timers.filter((t) => t.ms === 2_000);
    expect(pokes.length).toBe(1);
    pokes[0]!.fn();
    await e.syncNow();
    expect((await outboxSummary(db)).pending).toBe(0);
  });

  it('enrols with a code, keeps the nonce across a lost answer, then sends data made before enrolment', async () => {
    await db.duties.put(makeDuty(uuid(1)));
    let lost = true;
    handler = (url, init) => {
      if (url.endsWith('/enrol')) {
        if (lost) {
          lost = false;
          throw new TypeError('fetch failed');
        }
        return json({ v: 1, token: 'tok-0123456789abcdefghij', deviceId: 'd1', teamId: 'team1', teamName: '甲班', branchName: '支部' });
      }
      return ackAll(url, init);
    };
    const e = engine();
    expect(await e.enrol('abcd-2345')).toEqual({ ok: false, message: '网络不通，请到有信号的地方再试' });
    // A server from before issue 13 does not say hasData: the phone assumes the team has data (join, never found twice).
    expect(await e.enrol('ABCD2345')).toEqual({ ok: true, hasData: true, teamName: '甲班', district: '', branchName: '支部' });
    const enrols = calls.filter((c) => c.url.endsWith('/enrol')).map((c) => (c.body as { nonce: string }).nonce);
    expect(enrols).toEqual(['nonce-0123456789abcdef', 'nonce-0123456789abcdef']);
    await e.syncNow();
    expect((await getSyncState(db))).toMatchObject({ auth: 'enrolled', teamName: '甲班', enrolNonce: null });
    expect((await outboxSummary(db)).pending).toBe(0);
  });

  it('shows the server\'s reason when enrolment is refused', async () => {
    handler = () => json({ error: 'code_used', message: '登记码已被使用，请向党支部书记索取新的登记码' }, 410);
    expect(await engine().enrol('ABCD2345')).toEqual({ ok: false, message: '登记码已被使用，请向党支部书记索取新的登记码' });
  });
});

describe('helpers', () => {
  it('backoff doubles to a cap, with jitter in the upper half', () => {
    expect(backoffDelay(0, () => 0)).toBe(1_000);
    expect(backoffDelay(0, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 0.5)).toBe(12_000);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_CAP_MS);
  });

  it('reads the code of an enrolment link', () => {
    expect(enrolCodeFromUrl('https://x.cn/enrol?code=ABCD2345')).toBe('ABCD2345');
    expect(enrolCodeFromUrl('https://x.cn/other?code=ABCD2345')).toBeNull();
  });
});
