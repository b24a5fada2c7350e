/**
 * Randomised cut scenarios: the real engine and Dexie outbox (fake-indexeddb) talk to
 * the real server through a FaultProxy. Exported so a benchmark can run many more.
 * A scenario: a phone makes records offline, enrols and syncs across many cut
 * connections while it keeps editing (some edits land while a push is in flight), the
 * branch pushes config and reviews, sometimes another phone of the team writes too.
 * At the end the server must hold exactly the phone's records at their latest
 * revisions, and the phone's outbox must be empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type AppDb } from '../../src/db/schema';
import { getBranchConfig, getReview, outboxSummary } from '../../src/db/outbox';
import { startServer, type RunningServer } from '../../src/server/app';
import { createBranch, createEnrolCode, createTeam, redeemEnrolCode, setConfig, setReview, type DeviceRow, type TeamRow } from '../../src/server/store';
import { push as serverPush } from '../../src/server/sync-store';
import { SyncEngine } from '../../src/sync/engine';
import { dexieOutboxStore } from '../../src/sync/index';
import { gzipBytes } from '../../src/sync/compress';
import { prng } from '../fixtures/prng';
import { FaultProxy } from './fault-proxy';
import { makeDuty, makeWorker } from './fixtures';

export interface FaultEnv {
  server: RunningServer;
  proxy: FaultProxy;
  branchId: string;
  close(): Promise<void>;
}

export async function createFaultEnv(): Promise<FaultEnv> {
  const root = mkdtempSync(join(tmpdir(), 'xzw-faults-'));
  const server = await startServer({ port: 0, dataDir: join(root, 'data'), distDir: join(root, 'dist') });
  const proxy = new FaultProxy(server.port);
  await proxy.listen();
  const branchId = createBranch(server.db, '支部', Date.now()).id;
  return {
    server, proxy, branchId,
    close: async () => {
      await proxy.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}


export { prng };

export interface ScenarioResult {
  seed: number;
  attempts: number;
  cuts: number;
  records: number;
  edits: number;
}

const REQUEST_TIMEOUT = 10_000;
const MAX_ATTEMPTS = 40;
/** Attempts after which the pithead coverage is finally good. */
const FAULTY_ATTEMPTS = 14;

type Row = { id: string; rev: number; updatedAt: number; dirty: 0 | 1; deleted: boolean } & Record<string, unknown>;

export async function runScenario(env: FaultEnv, seed: number): Promise<ScenarioResult> {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const { server, proxy } = env;
  const now = () => Date.now();
  const team = createTeam(server.db, env.branchId, `班组${seed}`, now());
  const code = createEnrolCode(server.db, team.id, now()).code;
  const db: AppDb = createDb(`faults-${seed}-${Math.random().toString(36).slice(2)}`);
  let idn = 0;
  const newId = () => `0190a1b2-c3d4-7000-8${(seed % 0x1000).toString(16).padStart(3, '0')}-${(++idn).toString(16).padStart(12, '0')}`;
  let edits = 0;
  let faulty = true;

  const edit = async () => {
    const table = rnd() < 0.5 ? db.duties : db.workers;
    const rows = (await table.toArray()) as unknown as Row[];
    const row = rows[int(rows.length)];
    if (!row) return;
    edits++;
    const next: Row = { ...row, rev: row.rev + 1, updatedAt: row.updatedAt + 1, dirty: 1, deleted: rnd() < 0.1 };
    if ('organisationNote' in next) next.organisationNote = `edit ${next.rev}`;
    else next.name = `工人 ${next.rev}`;
    await (table as unknown as { put(r: Row): Promise<unknown> }).put(next);
  };
  const create = async () => {
    // Some large records (8–20 KB), as a phone can make them: many documents passed on, each
    // within the form's 100 characters (a 20 KB note would be refused by the duty schema).
    const big = rnd() < 0.15 ? 8_000 + int(12_000) : 0;
    const documents = { items: Array.from({ length: Math.ceil(big / 100) }, () => 'x'.repeat(100)), none: big === 0 };
    if (rnd() < 0.6) await db.duties.put({ ...makeDuty(newId(), 1, 1), documents });
    else await db.workers.put(makeWorker(newId()));
  };

  // Offline before enrolment: the phone keeps what it makes.
  for (let i = 1 + int(20); i > 0; i--) await create();

  proxy.planner = () => {
    if (!faulty || rnd() < 0.35) return { dir: 'none', offset: 0 };
    if (rnd() < 0.5) return { dir: 'up', offset: int(rnd() < 0.5 ? 1_500 : 40_000) };
    return { dir: 'down', offset: rnd() < 0.3 ? 0 : int(rnd() < 0.5 ? 400 : 3_000) };
  };
  proxy.onAnswer = async () => {
    if (faulty && rnd() < 0.25) await edit();
  };
  const cutsBefore = proxy.cuts;

  const engine = new SyncEngine({
    baseUrl: `http://127.0.0.1:${proxy.port}`,
    fetch: (url, init) => fetch(url, init),
    now, random: rnd,
    store: dexieOutboxStore(db, now),
    // Request deadlines are real; retries are driven by the loop below, not by timers.
    setTimer: (fn, ms) => (ms === REQUEST_TIMEOUT ? setTimeout(fn, ms) : null),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout> | undefined),
    ...(rnd() < 0.5 ? { gzip: gzipBytes } : {}),
    newNonce: () => `nonce-${seed}-0123456789abcdef`,
    requestTimeoutMs: REQUEST_TIMEOUT,
  });

  let otherDevice: DeviceRow | null = null;
  const expectConfig = new Map<string, unknown>();
  let expectReview: number | null = null;
  let attempts = 0;
  let enrolled = false;
  try {
    for (; attempts < MAX_ATTEMPTS; attempts++) {
      faulty = attempts < FAULTY_ATTEMPTS;
      await proxy.reset(); // each coverage window is a new connection
      if (!enrolled) {
        const r = await engine.enrol(code);
        if (!r.ok && !r.message.includes('网络')) throw new Error(`enrolment refused: ${r.message}`);
        enrolled = r.ok;
        continue;
      }
      if (faulty && rnd() < 0.3) await edit();
      if (faulty && rnd() < 0.2) await create();
      if (faulty && rnd() < 0.15) {
        const key = `k${int(3)}`;
        const value = { n: int(1000) };
        setConfig(server.db, env.branchId, key, value, now());
        expectConfig.set(key, value);
      }
      if (faulty && rnd() < 0.1) {
        expectReview = int(100);
        setReview(server.db, team.id, { reportId: `r-${seed}`, score: expectReview, feedback: '好', adoptedIdeaIds: [], reviewedAt: now() }, null);
      }
      if (faulty && rnd() < 0.08) otherDevice = await otherPhoneWrites(env, team.id, otherDevice, db, rnd, newId);
      const outcome = await engine.syncNow();
      if (outcome === 'revoked' || outcome === 'unenrolled') throw new Error(`engine stopped: ${outcome}`);
      if (!faulty && outcome === 'done' && (await outboxSummary(db)).pending === 0) break;
    }
    await check(env, db, team.id, otherDevice !== null, expectConfig, expectReview, seed);
    return { seed, attempts, cuts: proxy.cuts - cutsBefore, records: await countPhone(db), edits };
  } finally {
    engine.stop();
    proxy.onAnswer = null;
    db.close();
    await db.delete();
  }
}

/** Another phone of the team writes: a new record, or a newer revision of one of ours. */
async function otherPhoneWrites(env: FaultEnv, teamId: string, device: DeviceRow | null, db: AppDb, rnd: () => number, newId: () => string): Promise<DeviceRow> {
  const s = env.server.db;
  let dev = device;
  if (!dev) {
    const r = redeemEnrolCode(s, { code: createEnrolCode(s, teamId, Date.now()).code, nonce: 'other-phone-0123456789', deviceName: '' }, Date.now());
    if (!r.ok) throw new Error('second phone could not enrol');
    dev = s.prepare('SELECT * FROM devices WHERE id = ?').get(r.deviceId) as DeviceRow;
  }
  const team = s.prepare('SELECT * FROM teams WHERE id = ?').get(teamId) as TeamRow;
  const mine = (await db.duties.toArray())[Math.floor(rnd() * (await db.duties.count()))];
  const base = rnd() < 0.5 && mine ? { ...mine, rev: mine.rev + 1 + Math.floor(rnd() * 3) } : makeDuty(newId(), 1, 0);
  const { dirty: _d, ackedAt: _a, scrubbedAt: _s, ...body } = { ...base, organisationNote: 'other phone' }; // as a phone sends it
  serverPush(s, dev, team, [{ table: 'duties', id: base.id, rev: base.rev, updatedAt: base.updatedAt, deleted: base.deleted, body }], Date.now());
  return dev;
}

async function countPhone(db: AppDb): Promise<number> {
  return (await db.duties.count()) + (await db.workers.count());
}

async function check(env: FaultEnv, db: AppDb, teamId: string, otherPhone: boolean, config: Map<string, unknown>, review: number | null, seed: number): Promise<void> {
  const fail = (msg: string): never => {
    throw new Error(`seed ${seed}: ${msg}`);
  };
  const summary = await outboxSummary(db);
  if (summary.pending !== 0) fail(`outbox not empty: ${summary.pending} pending`);
  if (summary.rejected.length !== 0) fail(`records refused: ${JSON.stringify(summary.rejected)}`);
  const rows = env.server.db.prepare('SELECT tbl, id, rev, deleted, body FROM records WHERE team_id = ?').all(teamId) as
    { tbl: string; id: string; rev: number; deleted: number; body: string }[];
  const phone = new Map<string, Row>();
  for (const t of ['duties', 'workers'] as const) {
    for (const r of (await db.table(t).toArray()) as Row[]) phone.set(`${t}/${r.id}`, r);
  }
  if (rows.length !== phone.size) fail(`server holds ${rows.length} records, phone ${phone.size}`);
  for (const r of rows) {
    const p = phone.get(`${r.tbl}/${r.id}`) ?? fail(`server record ${r.tbl}/${r.id} not on the phone`);
    if (p.rev !== r.rev) fail(`${r.id}: phone rev ${p.rev}, server rev ${r.rev}`);
    const { dirty: _d, ackedAt: _a, scrubbedAt: _s, syncedRev: _r, ...body } = p; // phone-local fields are never sent
    if (JSON.stringify(JSON.parse(r.body)) !== JSON.stringify(body)) fail(`${r.id}: bodies differ at rev ${r.rev}: ${r.body} vs ${JSON.stringify(body)}`);
    if (Boolean(r.deleted) !== Boolean(p.deleted)) fail(`${r.id}: tombstone differs`);
  }
  const history = (env.server.db.prepare('SELECT COUNT(*) AS n FROM record_history WHERE team_id = ?').get(teamId) as { n: number }).n;
  if (!otherPhone && history !== 0) fail(`${history} history rows without a second phone (a replay was stored twice)`);
  for (const [key, value] of config) {
    const got = await getBranchConfig(db, key);
    if (JSON.stringify(got?.value) !== JSON.stringify(value)) fail(`config ${key} not pulled`);
  }
  if (review !== null && (await getReview(db, `r-${seed}`))?.score !== review) fail('review not pulled');
}
