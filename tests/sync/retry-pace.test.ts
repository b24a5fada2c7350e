import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxSummary, setSyncState } from '../../src/db/outbox';
import type { AppDb } from '../../src/db/schema';
import { FAST_WINDOW_MS, RetryPace } from '../../src/sync/backoff';
import { SyncEngine } from '../../src/sync/engine';
import { dexieOutboxStore } from '../../src/sync/index';
import { freshDb, makeDuty, uuid } from './fixtures';

describe('RetryPace', () => {
  it('backs off as before until connectivity is regained, then 1–2 s for a minute, then backs off from the start', () => {
    let t = 0;
    const pace = new RetryPace(() => t, () => 0.5);
    const grown = [pace.nextDelay(), pace.nextDelay(), pace.nextDelay(), pace.nextDelay(), pace.nextDelay()];
    expect(grown).toEqual([1_500, 3_000, 6_000, 12_000, 24_000]);
    pace.regained();
    expect([pace.nextDelay(), pace.nextDelay(), pace.nextDelay()]).toEqual([1_500, 1_500, 1_500]);
    t += FAST_WINDOW_MS - 1;
    expect(pace.nextDelay()).toBe(1_500);
    t += 1;
    expect([pace.nextDelay(), pace.nextDelay()]).toEqual([1_500, 3_000]); // the grown delay was forgotten
  });

  it('keeps the fast pace within 1–2 s whatever the jitter', () => {
    const lo = new RetryPace(() => 0, () => 0);
    const hi = new RetryPace(() => 0, () => 1);
    lo.regained();
    hi.regained();
    expect(lo.nextDelay()).toBe(1_000);
    expect(hi.nextDelay()).toBe(2_000);
  });
});

describe('engine retries around a link that comes back', () => {
  let db: AppDb;
  let timers: { fn: () => void; ms: number }[];
  let clock: number;
  beforeEach(async () => {
    db = freshDb();
    await db.open();
    timers = [];
    clock = 1_000_000;
    await setSyncState(db, { token: 'tok-0123456789abcdefghij', teamId: 'team1', auth: 'enrolled' });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  const retries = () => timers.filter((t) => t.ms !== 30_000); // request deadlines are 30 s
  function engine(fetch: (url: string) => Response) {
    return new SyncEngine({
      baseUrl: 'http://endpoint',
      fetch: async (url) => fetch(url),
      now: () => clock,
      random: () => 0.5,
      store: dexieOutboxStore(db, () => clock),
      setTimer: (fn, ms) => (timers.push({ fn, ms }), timers.length),
      clearTimer: () => undefined,
      newNonce: () => 'nonce-0123456789abcdef',
    });
  }

  it('an `online` event forgets the delay grown offline', async () => {
    await db.duties.put(makeDuty(uuid(1)));
    const e = engine(() => {
      throw new TypeError('fetch failed');
    });
    for (let i = 0; i < 6; i++) await e.syncNow();
    expect(retries().at(-1)!.ms).toBe(48_000); // grown underground
    const win = new EventTarget();
    e.start({ window: win }); // start counts as the app coming to the foreground
    await e.syncNow();
    timers = [];
    win.dispatchEvent(new Event('online'));
    await e.syncNow();
    expect(retries().at(-1)!.ms).toBe(1_500);
    e.stop();
  });

  it('any answer from the endpoint after a run that reached nothing resets the delay', async () => {
    await db.duties.put(makeDuty(uuid(1)));
    let mode: 'down' | 'busy' = 'down';
    const e = engine(() => {
      if (mode === 'down') throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ error: 'busy', message: '服务器忙' }), { status: 429 });
    });
    for (let i = 0; i < 6; i++) await e.syncNow();
    expect(retries().at(-1)!.ms).toBe(48_000);
    mode = 'busy'; // the link is back, the endpoint answers (with an error)
    timers = [];
    await e.syncNow();
    expect(retries().at(-1)!.ms).toBe(1_500);
    expect((await outboxSummary(db)).pending).toBe(1);
    // An endpoint that keeps answering with errors does not keep the fast pace beyond its minute.
    clock += FAST_WINDOW_MS;
    timers = [];
    await e.syncNow();
    expect(retries().at(-1)!.ms).toBe(1_500); // first step of the ordinary backoff (2 s ceiling)
    await e.syncNow();
    expect(retries().at(-1)!.ms).toBe(3_000);
  });
});
