/**
 * The harness of the secretary property tests (properties-secretary.test.ts,
 * properties-secretary-regressions.test.ts): a server with a branch, a team with a month of
 * records and a submitted report, a secretary and an admin signed in; one case of a route
 * sent and checked in the order the server checks (size → session → readable form → CSRF →
 * the route's own rules); the count of cases and answers per route.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateTeamData } from '../fixtures/generate';
import type { MonthlyReport } from '../../src/domain/report';
import { hashToken, newToken } from '../../src/server/crypto';
import { createAdmin } from '../../src/server/secretary/accounts';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { dbSnapshot, loginForm, ownPassword, signIn, startTestServer, type TestServer } from './helpers';
import { encode, last, serverView, withCsrf, XSS, type Field, type Input, type Parsed } from './props-secretary-inputs';

export const SEED = Number(process.env.PROP_SEED ?? 20261123);
const RUN = { seed: SEED, endOnFailure: true };
export const GUARDED_LIMIT = 256 * 1024;
export const LOGIN_LIMIT = 16 * 1024;

export let s: TestServer;
export let team: TeamRow;
export let reportId = '';
export let ideaIds: string[] = [];
export let secA = { cookie: '', csrf: '', id: '' };
export let admin = { cookie: '', csrf: '', id: '' };
/** A browser on the sign-in page: its pre-session cookie and the token of its form. */
export let loginPage = { cookie: '', csrf: '' };
/** The account whose password the password property changes, and its password now. */
export const pwAccount = { cookie: '', csrf: '', id: '', current: '' };
let cases = 0;
const counts: Record<string, number> = {};
const statuses: Record<string, Record<number, number>> = {};

/** Starts the server and signs the secretary and the admin in before the file's tests; stops it after. */
export function useSecretaryServer(): void {
  beforeAll(async () => {
    s = await startTestServer();
    s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
    const a = createBranch(s.db, '甲矿党支部', s.clock.now);
    team = createTeam(s.db, a.id, '甲矿综采班', s.clock.now);
    seedTeam(s.db, team, generateTeamData({ seed: 3, months: 1, workers: 6, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
    const row = s.db.prepare("SELECT id, body FROM records WHERE tbl = 'reports'").get() as { id: string; body: string };
    reportId = row.id;
    ideaIds = (JSON.parse(row.body) as MonthlyReport).submissions.at(-1)!.text.ideas.map((i) => i.id);
    const pwA = ownPassword(s.db, createSecretary(s.db, a.id, 'sec-a', s.clock.now), s.clock.now);
    const pwAdmin = ownPassword(s.db, createAdmin(s.db, 'root', s.clock.now), s.clock.now);
    secA = { ...(await signIn(s.url, 'sec-a', pwA)), id: idOf('sec-a') };
    admin = { ...(await signIn(s.url, 'root', pwAdmin)), id: idOf('root') };
    const form = await loginForm(s.url);
    loginPage = { cookie: form.cookie, csrf: form.token };
    pwAccount.current = ownPassword(s.db, createSecretary(s.db, a.id, 'sec-pw', s.clock.now), s.clock.now);
    Object.assign(pwAccount, await signIn(s.url, 'sec-pw', pwAccount.current), { id: idOf('sec-pw') });
  });
  afterAll(async () => {
    await s?.stop();
  });
}

/** The line printed at the end: how many cases ran, per route and answer. */
export function summary(): string {
  const per = Object.entries(counts).map(([k, n]) => `${k} ${n} [${Object.entries(statuses[k] ?? {}).map(([st, m]) => `${st}×${m}`).join(' ')}]`).join(', ');
  return `secretary property cases run: ${cases} (seed ${SEED}; ${per})`;
}

const idOf = (username: string) => (s.db.prepare('SELECT id FROM secretaries WHERE username = ?').get(username) as { id: string }).id;

/** A session of its own (for sign-out), written the way openSession writes one. */
export function throwawaySession(accountId: string): { cookie: string; csrf: string; hash: string } {
  const token = newToken();
  const csrf = newToken().slice(0, 32);
  s.db.prepare('INSERT INTO sessions (token_hash, secretary_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashToken(token), accountId, csrf, s.clock.now, s.clock.now + 3600_000);
  return { cookie: `xzw_sec=${token}`, csrf, hash: hashToken(token) };
}

/* ------------------------------------------------------------------ the harness */

export interface Expectation { status: number | number[]; writes?: boolean | 'maybe' }
export interface Route {
  name: string;
  limit?: number;
  guarded?: boolean;
  /**
   * The sign-in form: no session needed, but the form is read first and must carry the token of
   * its pre-session cookie (`account`); a missing cookie or token is 403 after a readable form.
   */
  preSession?: boolean;
  /** Tables a refusal may still write (the audit log of failed sign-ins); checked in `after`. */
  refusalWrites?: string[];
  account?: () => { cookie: string; csrf: string };
  path: (ctx: Ctx) => string;
  prepare?: (inp: Input) => Ctx;
  /** The route's own rules, once size, session, form and CSRF have passed. */
  decide: (p: Parsed & { ok: true }, ctx: Ctx) => Expectation;
  after?: (a: Answer, p: Parsed, ctx: Ctx, want: Expectation) => void;
  /** Placeholders (item ids, idea ids) resolved at run time. */
  resolve?: (f: Field) => Field;
}
export type Ctx = Record<string, string>;
export interface Answer { status: number; location: string | null; text: string }

const LEAKS = [/\n\s+at /, /node:internal/, /node_modules/, /\.tsx?:\d+/, /Internal Server Error/, /TypeError|RangeError|SyntaxError/];
const CJK = /[\u4e00-\u9fff]/;

async function exercise(r: Route, inp: Input): Promise<void> {
  cases++;
  counts[r.name] = (counts[r.name] ?? 0) + 1;
  s.clock.now += 1000;
  const ctx = r.prepare?.(inp) ?? {};
  const acct = ctx.cookie ? { cookie: ctx.cookie, csrf: ctx.csrf! } : (r.account ?? (() => secA))();
  const other = acct === admin ? secA.csrf : admin.csrf;
  const fields = withCsrf(inp.fields.map((f) => r.resolve?.(f) ?? f), inp.csrf, acct.csrf, other);
  const limit = r.limit ?? GUARDED_LIMIT;
  const body = await encode(inp.encoding, fields, inp.n, limit);
  const parsed = await serverView(body.type, body.bytes);
  const cookie = { valid: acct.cookie, none: '', 'garbage cookie': 'xzw_sec=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'a device token': '' }[inp.session];
  const headers: Record<string, string> = {};
  if (body.type !== null) headers['Content-Type'] = body.type;
  if (cookie) headers.cookie = cookie;
  if (inp.session === 'a device token') headers.Authorization = `Bearer ${'A'.repeat(43)}`;

  let want: Expectation;
  if (body.bytes.length > limit) want = { status: 413 };
  else if (r.preSession) {
    if (!parsed.ok) want = { status: 400 };
    else if (inp.session !== 'valid' || last(parsed, '_csrf') !== acct.csrf) want = { status: 403 };
    else want = r.decide(parsed, ctx);
  } else if (r.guarded !== false && inp.session !== 'valid') want = { status: 401 };
  else if (!parsed.ok) want = { status: 400 };
  else if (r.guarded !== false && last(parsed, '_csrf') !== acct.csrf) want = { status: 403 };
  else want = r.decide(parsed, ctx);

  const path = r.path(ctx);
  const where = `${r.name} ${path} session=${inp.session} csrf=${inp.csrf} ${inp.encoding} (${body.bytes.length} bytes) fields=${JSON.stringify(inp.fields).slice(0, 400)}`;
  const before = dbSnapshot(s, r.refusalWrites);
  const res = await fetch(`${s.url}${path}`, { method: 'POST', headers, body: body.bytes as Uint8Array<ArrayBuffer>, redirect: 'manual' });
  const a: Answer = { status: res.status, location: res.headers.get('location'), text: await res.text() };
  const after = dbSnapshot(s, r.refusalWrites);
  (statuses[r.name] ??= {})[a.status] = (statuses[r.name]?.[a.status] ?? 0) + 1;
  const shown = `${where}\n→ ${a.status} ${a.location ?? ''} ${a.text.slice(0, 400)}`;

  expect(a.status, shown).toBeLessThan(500);
  const allowedStatuses = Array.isArray(want.status) ? want.status : [want.status];
  expect(allowedStatuses, shown).toContain(a.status);
  for (const leak of LEAKS) expect(a.text, shown).not.toMatch(leak);
  expect(a.text.includes(XSS), `${shown}\nechoes unescaped input`).toBe(false);
  if (a.status >= 400) {
    expect(after, `${shown}\na refused request stored something`).toBe(before);
    expect(a.text, `${shown}\nno zh-CN message`).toMatch(CJK);
    if (a.status === 400 && a.text.startsWith('<!doctype')) expect(a.text, shown).toMatch(/role="alert"><ul><li>[^<]*[\u4e00-\u9fff]/);
  } else if (want.writes === true) {
    expect(after, `${shown}\nan accepted request stored nothing`).not.toBe(before);
  } else if (want.writes === false) {
    expect(after, shown).toBe(before);
  }
  r.after?.(a, parsed, ctx, want);
}

export const property = (r: Route, arb: fc.Arbitrary<Input>, numRuns: number) =>
  fc.assert(fc.asyncProperty(arb, (inp) => exercise(r, inp)), { ...RUN, numRuns });
