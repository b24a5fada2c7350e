import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSyncState } from '../../src/db/outbox';
import type { DailyDuty } from '../../src/domain/types';
import { redeemEnrolCode, createEnrolCode, createTeam } from '../../src/server/store';
import { gzipBytes } from '../../src/sync/compress';
import { SyncEngine } from '../../src/sync/engine';
import { dexieOutboxStore } from '../../src/sync/index';
import { freshDb, makeDuty, uuid } from './fixtures';
import { createFaultEnv, type FaultEnv } from './scenario';

let env: FaultEnv;
beforeAll(async () => {
  env = await createFaultEnv();
});
afterAll(async () => {
  await env.close();
});

/** A realistic 日跟班: notes in Chinese, two weak workers, talks, absentees. */
function monthDuty(i: number, base: number): DailyDuty {
  const d = makeDuty(uuid(base + i), 3, 1, `第${i + 1}班：生产期间组织人员加强顶板支护，重点盯防新工人操作，班中巡查${1 + (i % 3)}次`);
  return {
    ...d,
    day: `2026-11-${String(1 + (i % 30)).padStart(2, '0')}`,
    districtMeeting: { attended: true, note: '区队早会要求：加强综采面顶板管理，落实敲帮问顶' },
    rollCall: { expected: 24, absentees: [uuid(1), uuid(2)], confirmed: true },
    documents: { items: ['集团公司关于冬季安全生产的通知'], none: false },
    lessonTopic: '班前教育60秒：雨季防治水',
    weak: { none: false, entries: [
      { workerId: uuid(3), reasons: ['fatigue', 'family'], reasonOther: '', actions: ['talk'], actionOther: '' },
      { workerId: uuid(4), reasons: ['newWorker'], reasonOther: '', actions: ['changePost', 'talk'], actionOther: '' },
    ] },
    talks: { workerIds: [uuid(3), uuid(4), uuid(5)], none: false },
  };
}

describe('a month of a team (60 duty records)', () => {
  it.each([['gzip', true], ['plain', false]])('is pushed in few round trips and few bytes (%s)', async (_n, gzip) => {
    const team = createTeam(env.server.db, env.branchId, `月度${String(gzip)}`, Date.now());
    const r = redeemEnrolCode(env.server.db, { code: createEnrolCode(env.server.db, team.id, Date.now()).code, nonce: `vol-${String(gzip)}-0123456789`, deviceName: '' }, Date.now());
    if (!r.ok) throw new Error('enrol');
    const db = freshDb();
    await setSyncState(db, { token: r.token, teamId: team.id, auth: 'enrolled' });
    await db.duties.bulkPut(Array.from({ length: 60 }, (_, i) => monthDuty(i, gzip ? 1000 : 2000)));
    let up = 0;
    let down = 0;
    let pushes = 0;
    let requests = 0;
    const engine = new SyncEngine({
      baseUrl: `http://127.0.0.1:${env.proxy.port}`,
      fetch: async (url, init) => {
        requests++;
        if (url.includes('/push')) pushes++;
        up += (init.body as Uint8Array | undefined)?.byteLength ?? 0;
        const res = await fetch(url, init);
        const body = new Uint8Array(await res.arrayBuffer());
        down += body.byteLength;
        return new Response(body, { status: res.status, headers: res.headers });
      },
      now: Date.now, random: Math.random, store: dexieOutboxStore(db),
      setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...(gzip ? { gzip: gzipBytes } : {}),
      newNonce: () => 'n',
    });
    env.proxy.planner = () => ({ dir: 'none', offset: 0 });
    await env.proxy.reset();
    const [wireUp0, wireDown0] = [env.proxy.wireUp, env.proxy.wireDown];
    expect(await engine.syncNow()).toBe('done');
    const wireUp = env.proxy.wireUp - wireUp0;
    const wireDown = env.proxy.wireDown - wireDown0;
    const stored = (env.server.db.prepare('SELECT COUNT(*) AS n FROM records WHERE team_id = ?').get(team.id) as { n: number }).n;
    console.log(`month of 60 duties (${gzip ? 'gzip' : 'plain'}): ${pushes} push + ${requests - pushes} pull requests; ` +
      `bodies ${up} B up, ${down} B down (decoded); on the wire ${wireUp} B up, ${wireDown} B down`);
    expect(stored).toBe(60);
    expect(pushes).toBeLessThanOrEqual(2);
    expect(up).toBeLessThan(gzip ? 16 * 1024 : 128 * 1024);
    expect(wireDown).toBeLessThan(gzip ? 4 * 1024 : 16 * 1024);
    db.close();
  });
});
