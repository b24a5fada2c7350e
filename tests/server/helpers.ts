/** Shared set-up for endpoint tests: a server on a free port over a temporary SQLite file. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server/app';
import type { Sqlite } from '../../src/server/db';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createEnrolCode, createTeam } from '../../src/server/store';
import type { EnrolResponse, SyncRecord } from '../../src/domain/sync-protocol';

export interface TestServer extends RunningServer {
  root: string;
  clock: { now: number };
  /** Every wait the sign-in limiter asked for. */
  waits: number[];
  stop(): Promise<void>;
}

export async function startTestServer(opts: { trustProxy?: number } = {}): Promise<TestServer> {
  const root = mkdtempSync(join(tmpdir(), 'xzw-srv-'));
  const clock = { now: Date.UTC(2026, 10, 1, 8) };
  const waits: number[] = [];
  // The sign-in limiter's waits are recorded, not slept: tests see how long it would make a client wait.
  const sleep = async (ms: number) => void waits.push(ms);
  const s = await startServer({ port: 0, dataDir: join(root, 'data'), distDir: join(root, 'dist'), clock: () => clock.now, sleep, ...opts });
  return {
    ...s, root, clock, waits,
    stop: async () => {
      await s.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function makeTeam(s: TestServer, name = '综采一队甲班'): { branchId: string; teamId: string; code: string } {
  const branch = createBranch(s.db, '综采一队党支部', s.clock.now);
  const team = createTeam(s.db, branch.id, name, s.clock.now);
  return { branchId: branch.id, teamId: team.id, code: createEnrolCode(s.db, team.id, s.clock.now).code };
}

export async function postJson(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
  });
}

export async function enrol(s: TestServer, code: string, nonce = 'nonce-0123456789abcdef'): Promise<EnrolResponse> {
  const res = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code, nonce });
  if (res.status !== 200) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as EnrolResponse;
}

let counter = 0;
/** A UUIDv7-shaped id, unique within the run. */
export function testId(): string {
  counter++;
  return `0190a1b2-c3d4-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** A complete 日跟班 record (every field its schema in record-schemas.ts requires); `note` is its organisationNote. */
export function duty(id: string, rev: number, note = '', updatedAt = 1_000 + rev): SyncRecord {
  return {
    table: 'duties', id, rev, updatedAt, deleted: false,
    body: {
      id, rev, updatedAt, createdAt: 1_000, deleted: false, day: '2026-11-01', shiftId: 's1', shiftName: '八点班', dayOff: false,
      districtMeeting: { attended: true, note: '' }, rollCall: { expected: 20, absentees: [], confirmed: true },
      documents: { items: [], none: true }, lessonTopic: '顶板管理', safetyConfirmed: true,
      weak: { none: true, entries: [] }, talks: { workerIds: [], none: true },
      organisationNote: note, organisationDone: true, hazardsNone: true,
    },
  };
}

export function countRecords(s: TestServer): number {
  return (s.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
}

/** The sign-in form as a browser gets it: its pre-session cookie and the token bound to it. */
export async function loginForm(url: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${url}/secretary/login`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, token };
}

/** Posts the sign-in form as the browser would (its cookie and token); the answer is not followed. */
export async function postLogin(url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = await loginForm(url);
  return fetch(`${url}/secretary/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: form.cookie, ...headers }, body: new URLSearchParams({ _csrf: form.token, username, password }),
  });
}

/**
 * Gives an account made with a one-time password a password of its own, as its first sign-in
 * does through the 修改密码 page (tested in secretary-password.test.ts), so tests can sign in
 * straight to the pages. Returns the password.
 */
export function ownPassword(db: Sqlite, account: { id: string }, now = Date.now()): string {
  const password = `Own-${account.id}-Pw`;
  setOwnPassword(db, account.id, password, now);
  return password;
}

/** Signs in through the form; returns the session cookie and the CSRF token of its pages. */
export async function signIn(url: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await postLogin(url, username, password);
  if (res.status !== 303 || res.headers.get('location') !== '/secretary/') throw new Error(`sign-in ${res.status} ${res.headers.get('location')}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('xzw_sec='))!.split(';')[0]!;
  const page = await (await fetch(`${url}/secretary/`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

/**
 * A first sign-in with a one-time password, as a browser does it: the sign-in lands on the
 * 修改密码 page, which takes the one-time password and the new one. Returns the session.
 */
export async function signInFirstTime(url: string, username: string, oneTime: string, next: string): Promise<{ cookie: string; csrf: string }> {
  const res = await postLogin(url, username, oneTime);
  if (res.status !== 303 || res.headers.get('location') !== '/secretary/password') throw new Error(`first sign-in ${res.status} ${res.headers.get('location')}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('xzw_sec='))!.split(';')[0]!;
  const page = await (await fetch(`${url}/secretary/password`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const change = await fetch(`${url}/secretary/password`, {
    method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf, current: oneTime, new: next, repeat: next }),
  });
  if (change.status !== 303) throw new Error(`password change ${change.status}: ${/role="alert">(.*?)<\/div>/s.exec(await change.text())?.[1]}`);
  return { cookie, csrf };
}

/** Every row of every table, hashed: equal before and after ⇔ the request stored nothing. */
export function dbSnapshot(s: TestServer, except: string[] = []): string {
  const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name).filter((t) => !except.includes(t));
  const h = createHash('sha256');
  for (const t of tables) {
    h.update(`\n#${t}\n`);
    for (const row of s.db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}
