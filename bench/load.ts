/**
 * Load at shift change: `loadTest({ phones: 500, seconds: 20 })` starts the real endpoint
 * as its own process on loopback (127.0.0.1, a temporary DATA_DIR), enrols `phones`
 * devices (teams of 5), and lets every phone sync again and again for `seconds`: push
 * its shift's records (a duty + 3 hazards, and the previous duty at its next revision),
 * then pull from its cursor, then wait a random 0–thinkMs. Reports request count,
 * errors (non-2xx or network), latency percentiles, and the server's RSS
 * (/proc/<pid>/status VmRSS) before and after.
 *
 * `spawnServer` is shared with tests/server/crash.test.ts and backup.test.ts: the server
 * runs as `node --import tsx src/server/main.ts` (what `npx tsx` runs, minus npx and the
 * tsx wrapper process), so the child's pid is the server's pid: SIGKILL hits the server
 * itself and VmRSS is the server's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase } from '../src/server/db';
import { createBranch, createEnrolCode, createTeam, redeemEnrolCode } from '../src/server/store';

/** The repository root; XZW_SERVER_ROOT points at another copy (mutation checks of the tests). */
export const SERVER_ROOT = process.env.XZW_SERVER_ROOT ?? fileURLToPath(new URL('..', import.meta.url));

export interface ChildServer {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

export async function spawnServer(opts: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: SERVER_ROOT,
    env: {
      ...process.env, PORT: String(opts.port ?? 0), HOST: '127.0.0.1', DATA_DIR: opts.dataDir,
      DIST_DIR: join(opts.dataDir, 'no-dist'), ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<string>((ok) => child.once('exit', (code, signal) => ok(signal ?? String(code))));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within 30 s:\n${out}`)), 30_000);
    const look = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${how}) before it listened:\n${out}`));
    });
  });
  // The first-start lines follow the URL in the same tick; wait for them to arrive.
  await waitFor(() => /登记码|code:create/.test(out), 5_000);
  return {
    url, port: Number(new URL(url).port), pid: child.pid!, child, exited,
    output: () => out,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export interface Device {
  token: string;
  deviceId: string;
  teamId: string;
}

/** Enrols devices through the store on its own connection (WAL: the server may be running). */
export function enrolDevices(dataDir: string, count: number, perTeam = 5): Device[] {
  const db = openDatabase(dataDir);
  try {
    return db.transaction(() => {
      const now = Date.now();
      const branch = createBranch(db, '负载测试支部', now);
      const out: Device[] = [];
      let teamId = '';
      for (let i = 0; i < count; i++) {
        if (i % perTeam === 0) teamId = createTeam(db, branch.id, `负载班组${i / perTeam}`, now).id;
        const code = createEnrolCode(db, teamId, now).code;
        const r = redeemEnrolCode(db, { code, nonce: `load-${i}-0123456789abcdef`, deviceName: `phone ${i}` }, now);
        if (!r.ok) throw new Error(`enrolment failed: ${r.error}`);
        out.push({ token: r.token, deviceId: r.deviceId, teamId });
      }
      return out;
    })();
  } finally {
    db.close();
  }
}

export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
}

/**
 * One JSON request over a keep-alive agent (node:http: cheaper than fetch for the client
 * side of a load test). A string body is sent as it is (already JSON).
 */
export function httpJson(agent: Agent, url: string, method: 'GET' | 'POST', token: string | null, body?: unknown): Promise<HttpAnswer> {
  const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const t0 = performance.now();
  return new Promise((ok, fail) => {
    const req = request(url, {
      method, agent,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(data ? { 'Content-Type': 'application/json', 'Content-Length': String(data.length) } : {}),
        'Accept-Encoding': 'identity',
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.end(data);
  });
}

/** One shift of one phone: a duty and three hazards (new), and the previous duty edited. */
export function shiftRecords(phone: number, shift: number, now: number): { table: string; id: string; rev: number; updatedAt: number; deleted: boolean; body: Record<string, unknown> }[] {
  const meta = (id: string, rev: number) => ({ id, rev, updatedAt: now, createdAt: now, deleted: false });
  const dutyId = (s: number) => `load-p${phone}-duty-${s}`;
  const duty = (s: number, rev: number) => ({
    ...meta(dutyId(s), rev), day: new Date(now).toISOString().slice(0, 10), shiftId: 's1', shiftName: '八点班',
    dayOff: false, districtMeeting: { attended: true, note: '' }, rollCall: { expected: 18, absentees: [], confirmed: true },
    documents: { items: [], none: true }, lessonTopic: '顶板管理', safetyConfirmed: true,
    weak: { none: true, entries: [] }, talks: { workerIds: [], none: true },
    organisationNote: `第${s}班 班前会已开，安全确认到位（修改 ${rev}）`, organisationDone: true, hazardsNone: false,
  });
  const out: { table: string; body: { id: string; rev: number } & Record<string, unknown> }[] = [{ table: 'duties', body: duty(shift, 1) }];
  const day = new Date(now).toISOString().slice(0, 10);
  for (let h = 0; h < 3; h++) {
    // A complete hazard (the server refuses a body its table's schema does not accept); the first one closed at once.
    const closed = h === 0;
    out.push({
      table: 'hazards',
      body: {
        ...meta(`load-p${phone}-hz-${shift}-${h}`, 1), dutyId: dutyId(shift), foundDay: day, shiftName: '八点班',
        description: `3号联巷 ${h} 顶板离层，已挂牌警示`, responsible: '张三', deadline: null, status: closed ? 'closed' : 'open',
        closedDay: closed ? day : null, closeNote: closed ? '已处理' : '', history: closed ? [{ at: now, action: 'close', note: '已处理', day }] : [],
      },
    });
  }
  if (shift > 0) out.push({ table: 'duties', body: duty(shift - 1, 2) });
  return out.map(({ table, body }) => ({ table, id: body.id, rev: body.rev, updatedAt: now, deleted: false, body }));
}

export interface LoadResult {
  phones: number;
  seconds: number;
  requests: number;
  errors: number;
  /** Completed push + pull cycles (one per phone per shift). */
  syncs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function loadTest({ phones = 500, seconds = 20, thinkMs = 1000, perTeam = 5 }: { phones?: number; seconds?: number; thinkMs?: number; perTeam?: number } = {}): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xzw-load-'));
  const devices = enrolDevices(dataDir, phones, perTeam);
  const server = await spawnServer({ dataDir });
  const agent = new Agent({ keepAlive: true, maxSockets: phones });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let requests = 0;
  let syncs = 0;
  const note = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  try {
    const rssStartMb = rssMb(server.pid);
    const until = Date.now() + seconds * 1000;
    const call = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<HttpAnswer | null> => {
      requests++;
      try {
        const r = await httpJson(agent, server.url + path, method, token, body);
        latencies.push(r.ms);
        if (r.status !== 200) note(`${method} ${path}: ${r.status} ${r.body.slice(0, 200)}`);
        return r.status === 200 ? r : null;
      } catch (e) {
        note(`${method} ${path}: ${(e as Error).message}`);
        return null;
      }
    };
    await Promise.all(devices.map(async (d, phone) => {
      let cursor = 0;
      // Shift change: the phones come up from the pit over the first seconds, not at one instant.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(thinkMs, seconds * 1000)));
      for (let shift = 0; Date.now() < until; shift++) {
        const pushed = await call('POST', '/api/v1/sync/push', d.token, { v: 1, teamId: d.teamId, records: shiftRecords(phone, shift, Date.now()) });
        if (pushed && Date.now() < until) {
          const pulled = await call('GET', `/api/v1/sync/pull?v=1&since=${cursor}`, d.token);
          if (pulled) {
            cursor = (JSON.parse(pulled.body) as { cursor: number }).cursor;
            syncs++;
          }
        }
        await new Promise((r) => setTimeout(r, Math.random() * thinkMs));
      }
    }));
    const rssEndMb = rssMb(server.pid);
    const rssPeakMb = rssMb(server.pid, 'VmHWM');
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      phones, seconds, requests, errors, syncs,
      p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1] ?? NaN),
      rssStartMb: round(rssStartMb), rssEndMb: round(rssEndMb), rssPeakMb: round(rssPeakMb), errorSamples,
    };
  } finally {
    agent.destroy();
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  loadTest({ phones: arg('phones', 500), seconds: arg('seconds', 20) }).then((r) => {
    console.log(JSON.stringify(r, null, 2));
    process.exit(r.errors > 0 ? 1 : 0);
  }, (e) => {
    console.error(e);
    process.exit(1);
  });
}
