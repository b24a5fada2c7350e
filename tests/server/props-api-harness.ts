/**
 * The harness of the phone-facing property tests (properties.test.ts, properties-deep-nesting.test.ts):
 * a server with an own, another team's and a revoked phone; requests on raw sockets; a
 * snapshot of every table; the invariants of a refused and of an answered request; the count
 * of cases run.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import { createEnrolCode, revokeDevice } from '../../src/server/store';
import { enrol, makeTeam, startTestServer, type TestServer } from './helpers';

export const SEED = Number(process.env.PROP_SEED ?? 20261122);
export const RUN = { seed: SEED, endOnFailure: true };
export let s: TestServer;
let agent: Agent;
export let own = { token: '', teamId: '' };
export let other = { token: '', teamId: '' };
export let revoked = '';
export let usedCode = '';
let cases = 0;
const counts: Record<string, number> = {};

/** Counts one case of `kind` for the summary. */
export function count(kind: string): void {
  cases++;
  counts[kind] = (counts[kind] ?? 0) + 1;
}
/** The line printed at the end: how many cases ran, per kind. */
export function summary(): string {
  const per = Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ');
  return `property cases run: ${cases} (seed ${SEED}; ${per})`;
}

/** Starts the server and its phones before the file's tests; stops them after. */
export function useApiServer(): void {
  beforeAll(async () => {
    s = await startTestServer();
    agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const t = makeTeam(s);
    usedCode = t.code;
    const a = await enrol(s, t.code, 'prop-own-0123456789abcdef');
    own = { token: a.token, teamId: a.teamId };
    const t2 = makeTeam(s, '掘进二队');
    const b = await enrol(s, t2.code, 'prop-other-0123456789abcdef');
    other = { token: b.token, teamId: b.teamId };
    const r = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'prop-revoked-0123456789ab');
    revokeDevice(s.db, r.deviceId, s.clock.now);
    revoked = r.token;
  });
  afterAll(async () => {
    agent.destroy();
    await s.stop();
  });
}

/* ------------------------------------------------------------------ requests */

export interface Answer {
  status: number;
  type: string;
  text: string;
}

export function send(method: string, path: string, headers: Record<string, string>, body?: Uint8Array, declaredLength?: number): Promise<Answer> {
  return new Promise((ok, fail) => {
    const h: Record<string, string> = { ...headers };
    if (body) h['Content-Length'] = String(declaredLength ?? body.length);
    // A client that lies about Content-Length ruins its own connection: that one gets its own socket.
    const lying = body !== undefined && declaredLength !== undefined && declaredLength > body.length;
    const req = request(`${s.url}${path}`, { method, headers: h, agent: lying ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') });
        if (lying) req.destroy();
      });
      res.on('error', fail);
    });
    // The server may answer 413 and close before the whole body is written: the answer counts.
    req.on('error', (e) => setTimeout(() => fail(e), 50));
    if (lying) {
      req.write(body);
      return; // a lying Content-Length: the server must answer from the header alone
    }
    req.end(body);
  });
}

/** Row count of every table, plus what a write without a new row would change. */
export function snapshot(): string {
  const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const parts = tables.map((t) => `${t}=${(s.db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n}`);
  parts.push(JSON.stringify(s.db.prepare('SELECT (SELECT value FROM seq_counter) AS seq, (SELECT TOTAL(rev) FROM records) AS revs, (SELECT COUNT(*) FROM enrolment_codes WHERE used_at IS NOT NULL) AS used, (SELECT COUNT(*) FROM devices WHERE revoked_at IS NOT NULL) AS revoked, (SELECT group_concat(token_hash) FROM devices) AS tokens').get()));
  return parts.join(' ');
}

const LEAKS = [/\n\s+at /, /node:internal/, /node_modules/, /\.tsx?:\d+/, /\.m?js:\d+/];

export function expectJsonError(a: Answer, where: string): void {
  expect(a.type, where).toMatch(/^application\/json/);
  const body = JSON.parse(a.text) as { error?: unknown; message?: unknown };
  expect(typeof body.error, where).toBe('string');
  expect(typeof body.message, where).toBe('string');
  expect((body.message as string).length, where).toBeGreaterThan(0);
  for (const leak of [...LEAKS, process.cwd(), s.root]) {
    if (typeof leak === 'string') expect(a.text.includes(leak), `${where}: body names a path`).toBe(false);
    else expect(a.text, where).not.toMatch(leak);
  }
}

/** The invariants of a refused request. */
export async function refused(kind: string, a: Answer, before: string, where: string): Promise<void> {
  count(kind);
  // A refused enrolment counts against the address: keep the limiter's window from filling.
  s.clock.now += 30_000;
  expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBeLessThan(500);
  expectJsonError(a, where);
  expect(snapshot(), `${where}: stored something`).toBe(before);
  expect((await send('GET', '/api/v1/health', {})).status, `${where}: server gone`).toBe(200);
}

export async function answeredOk(kind: string, a: Answer, before: string | null, where: string): Promise<void> {
  count(kind);
  s.clock.now += 30_000;
  expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBe(200);
  expect(a.type).toMatch(/^application\/json/);
  JSON.parse(a.text);
  if (before !== null) expect(snapshot(), `${where}: a read stored something`).toBe(before);
  expect((await send('GET', '/api/v1/health', {})).status, `${where}: server gone`).toBe(200);
}
