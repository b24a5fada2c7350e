/** Sync figures: a month pushed over emulated 2G, endpoint throughput, and sync under random cuts. */
import 'fake-indexeddb/auto'; // the fault scenarios run the phone's Dexie code in Node
import type { Browser } from '@playwright/test';
import { openDatabase } from '../src/server/db';
import { createBranch, createEnrolCode, createTeam, redeemEnrolCode } from '../src/server/store';
import { generateTeamData } from '../tests/fixtures/generate';
import { injectHarness, phoneContext } from './browser';
import { CountingProxy } from './counting-proxy';
import { keepAliveAgent, postJson } from './http-client';
import { cpuTimes, figure, median, stealPercent, unmeasured, type Figure } from './stats';

const KBIT = 1000 / 8;

function newTeamCode(dataDir: string): { code: string; teamId: string } {
  const db = openDatabase(dataDir);
  try {
    const branch = createBranch(db, '性能测试支部', Date.now());
    const team = createTeam(db, branch.id, '性能测试班组', Date.now());
    return { code: createEnrolCode(db, team.id, Date.now()).code, teamId: team.id };
  } finally {
    db.close();
  }
}

/** One month of one team's entries, sent over 250 kbit/s each way with 300 ms RTT. */
export async function monthPush(b: Browser, serverPort: number, dataDir: string, harness: string, runs: number): Promise<Figure[]> {
  const ms: number[] = [];
  const bytes: number[] = [];
  const trips: number[] = [];
  let records = 0;
  for (let i = 0; i < runs; i++) {
    const proxy = new CountingProxy(serverPort);
    const port = await proxy.listen();
    const ctx = await phoneContext(b, `http://127.0.0.1:${port}`);
    const page = await ctx.newPage();
    await page.goto('/robots.txt');
    await injectHarness(page, harness);
    const month = generateTeamData({ seed: 7 + i, months: 1 });
    records = await page.evaluate((d) => (globalThis as never as { __bench: { seed(d: unknown, dirty: 1): Promise<number> } }).__bench.seed(d, 1), month as unknown);
    const { code } = newTeamCode(dataDir);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    let requests = 0;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.includes('/api/v1/sync/')) requests++;
    });
    // Enrolment happens once, days before: not part of the push. Coverage "returns" after it.
    await page.evaluate(() => 0);
    const run = page.evaluate(async (c) => {
      const h = (globalThis as never as { __bench: { syncAll(c: string): Promise<{ ms: number; ok: boolean; pending: number }> } }).__bench;
      return h.syncAll(c);
    }, code);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 250 * KBIT, uploadThroughput: 250 * KBIT });
    proxy.reset();
    const r = await run;
    if (!r.ok || r.pending !== 0) throw new Error(`month push did not finish: ${JSON.stringify(r)}`);
    ms.push(r.ms);
    bytes.push(proxy.up + proxy.down);
    trips.push(requests);
    await ctx.close();
    await proxy.close();
  }
  const note = `${records} records (1 month, 1 team), push + pull`;
  return [
    figure('month_push_2g_ms', ms, 'ms', 2000, 'lower', { note }),
    figure('month_push_round_trips', trips, 'requests', 1, 'lower', { note: 'HTTP requests of the send (enrolment excluded)' }),
    figure('month_push_bytes', bytes, 'B', 64 * 1024, 'lower', { note: 'both directions, headers included' }),
  ];
}

/**
 * Batches of 20 records from concurrent clients, on loopback; the server is its own process (the
 * other core). With `echoUrl` (bench/echo-server.ts), the same clients with the same bodies also
 * load the echo baseline, window for window in turn, so both see the same machine state: their
 * ratio is the figure that holds from one machine to the next.
 */
export async function endpointThroughput(baseUrl: string, dataDir: string, seconds: number, runs: number, echoUrl: string): Promise<Figure[]> {
  const db = openDatabase(dataDir);
  const branch = createBranch(db, '吞吐测试支部', Date.now());
  const clients = 16;
  const tokens: { token: string; teamId: string }[] = [];
  for (let i = 0; i < clients; i++) {
    const team = createTeam(db, branch.id, `吞吐班组${i}`, Date.now());
    const r = redeemEnrolCode(db, { code: createEnrolCode(db, team.id, Date.now()).code, nonce: `bench-nonce-${i}-0123456789`, deviceName: 'bench' }, Date.now());
    if (!r.ok) throw new Error('bench enrolment failed');
    tokens.push({ token: r.token, teamId: team.id });
  }
  db.close();
  let done = 0;
  let errors = 0;
  let seq = 0;
  let bodyBytes = 0;
  const agent = keepAliveAgent(clients);
  const run = (url: string, until: number) => Promise.all(tokens.map(async ({ token, teamId }) => {
    while (Date.now() < until) {
      const now = Date.now();
      const records = Array.from({ length: 20 }, () => {
        const id = `bench-${process.pid}-${++seq}`;
        const body = { id, createdAt: now, updatedAt: now, rev: 1, deleted: false, name: `工人${seq}`, post: '支架工', partyMember: false };
        return { table: 'workers', id, rev: 1, updatedAt: now, deleted: false, body };
      });
      const json = JSON.stringify({ v: 1, teamId, records });
      bodyBytes = json.length;
      const status = await postJson(agent, url, { authorization: `Bearer ${token}` }, json);
      if (status === 200) done++;
      else errors++;
    }
  }));
  const sync = `${baseUrl}/api/v1/sync/push`;
  const echo = `${echoUrl}/api/v1/echo`;
  // Warm up (JIT, statement caches, SQLite pages) for half a second before counting: a pithead
  // server runs for months, a figure from its first second would measure start-up instead.
  await run(sync, Date.now() + 500);
  await run(echo, Date.now() + 500);
  const window = async (url: string): Promise<number> => {
    done = 0;
    const t0 = performance.now();
    await run(url, Date.now() + seconds * 1000);
    return done / ((performance.now() - t0) / 1000);
  };
  // Several windows, median reported: one window alone swings with whatever ran just before.
  const syncS: number[] = [];
  const echoS: number[] = [];
  const ratios: number[] = [];
  const cpu0 = cpuTimes();
  for (let i = 0; i < runs; i++) {
    syncS.push(await window(sync));
    echoS.push(await window(echo));
    ratios.push(syncS.at(-1)! / echoS.at(-1)!);
  }
  const steal = stealPercent(cpu0);
  agent.destroy();
  const names: [string, string][] = [['endpoint_batches_per_s', 'batches/s'], ['endpoint_echo_per_s', 'requests/s'], ['endpoint_sync_vs_echo', '×']];
  if (errors) return names.map(([n, u]) => unmeasured(n, u, n === 'endpoint_batches_per_s' ? 2000 : null, 'higher', `${errors} requests failed`));
  const how = `${clients} kept-alive clients, 20 records/batch (${bodyBytes} B JSON), ${runs} × ${seconds} s per route, sync and echo windows alternating${steal === null ? '' : `; host CPU steal ${steal}% during the windows`}`;
  const echoMedian = median(echoS);
  return [
    figure('endpoint_batches_per_s', syncS, 'batches/s', 2000, 'higher', { note: how, baseline: echoMedian }),
    figure('endpoint_echo_per_s', echoS, 'requests/s', null, 'higher', { note: 'baseline: same stack and middleware, POST /api/v1/echo parses the same body, stores nothing (bench-only route)' }),
    figure('endpoint_sync_vs_echo', ratios, '×', null, 'higher', { note: 'sync ÷ echo, per pair of adjacent windows' }),
  ];
}

/** Random connection cuts (tests/sync/scenario.ts): any scenario ending with a difference counts. */
export async function syncFaults(n: number): Promise<Figure[]> {
  const { createFaultEnv, runScenario } = await import('../tests/sync/scenario');
  const env = await createFaultEnv();
  let lost = 0;
  let duplicated = 0;
  const seed0 = Number(process.env.FAULT_SEED ?? 1000);
  try {
    for (let i = 0; i < n; i++) {
      try {
        await runScenario(env, seed0 + i);
      } catch (e) {
        const msg = String((e as Error).message);
        console.error(`fault scenario failed: ${msg}`);
        const counts = /server holds (\d+) records, phone (\d+)/.exec(msg);
        if (msg.includes('stored twice') || (counts && Number(counts[1]) > Number(counts[2]))) duplicated++;
        else lost++;
      }
    }
  } finally {
    await env.close();
  }
  const note = `${n} scenarios, seeds ${seed0}…${seed0 + n - 1}`;
  return [
    figure('sync_faults_lost', [lost], 'scenarios', 0, 'lower', { note }),
    figure('sync_faults_duplicated', [duplicated], 'scenarios', 0, 'lower', { note }),
  ];
}
