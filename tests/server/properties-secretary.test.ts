/**
 * Property-based tests (fast-check, fixed seed) on every POST route of the secretary pages:
 * sign-in, sign-out, scoring a report, the rubric, a team's configuration, enrolment codes,
 * revoking a device, adding a team, adding a branch. Random, malformed, oversized, deeply
 * nested and wrong-typed bodies (url-encoded, multipart with files, multipart with a missing
 * or wrong boundary or cut short, JSON, plain text, bytes), with every kind of CSRF token
 * and session. The expected answer is computed from the request alone, in the order the
 * server checks: size (413) → session (401) → readable form (400) → CSRF (403) → the route's
 * own rules (400 with the form and a zh-CN error, or 2xx/3xx). Every refusal must store
 * nothing (hash of every row), carry a zh-CN message and no stack trace; echoed input is
 * escaped; no answer is a 5xx. Seed: PROP_SEED; the number of cases is printed at the end.
 */
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTeamData } from '../fixtures/generate';
import type { MonthlyReport } from '../../src/domain/report';
import { hashToken, newToken } from '../../src/server/crypto';
import { createAdmin } from '../../src/server/secretary/accounts';
import { enrolDevice, seedTeam } from '../../src/server/secretary/demo-data';
import { getRubric } from '../../src/server/secretary/rubric';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { dbSnapshot, signIn, startTestServer, type TestServer } from './helpers';

const SEED = Number(process.env.PROP_SEED ?? 20261123);
const RUN = { seed: SEED, endOnFailure: true };
const GUARDED_LIMIT = 256 * 1024;
const LOGIN_LIMIT = 16 * 1024;
const XSS = '<b data-xss="1">';

let s: TestServer;
let team: TeamRow;
let reportId = '';
let ideaIds: string[] = [];
let secA = { cookie: '', csrf: '', id: '' };
let admin = { cookie: '', csrf: '', id: '' };
let cases = 0;
const counts: Record<string, number> = {};
const statuses: Record<string, Record<number, number>> = {};

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const a = createBranch(s.db, '甲矿党支部', s.clock.now);
  team = createTeam(s.db, a.id, '甲矿综采班', s.clock.now);
  seedTeam(s.db, team, generateTeamData({ seed: 3, months: 1, workers: 6, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
  const row = s.db.prepare("SELECT id, body FROM records WHERE tbl = 'reports'").get() as { id: string; body: string };
  reportId = row.id;
  ideaIds = (JSON.parse(row.body) as MonthlyReport).submissions.at(-1)!.text.ideas.map((i) => i.id);
  const pwA = createSecretary(s.db, a.id, 'sec-a', s.clock.now).password;
  const pwAdmin = createAdmin(s.db, 'root', s.clock.now).password;
  secA = { ...(await signIn(s.url, 'sec-a', pwA)), id: idOf('sec-a') };
  admin = { ...(await signIn(s.url, 'root', pwAdmin)), id: idOf('root') };
});
afterAll(async () => {
  const per = Object.entries(counts).map(([k, n]) => `${k} ${n} [${Object.entries(statuses[k] ?? {}).map(([st, m]) => `${st}×${m}`).join(' ')}]`).join(', ');
  console.log(`secretary property cases run: ${cases} (seed ${SEED}; ${per})`);
  await s?.stop();
});

const idOf = (username: string) => (s.db.prepare('SELECT id FROM secretaries WHERE username = ?').get(username) as { id: string }).id;

/** A session of its own (for sign-out), written the way openSession writes one. */
function throwawaySession(accountId: string): { cookie: string; csrf: string; hash: string } {
  const token = newToken();
  const csrf = newToken().slice(0, 32);
  s.db.prepare('INSERT INTO sessions (token_hash, secretary_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashToken(token), accountId, csrf, s.clock.now, s.clock.now + 3600_000);
  return { cookie: `xzw_sec=${token}`, csrf, hash: hashToken(token) };
}

/* ------------------------------------------------------------------ inputs */

type Value = string | { file: string; type: string; content: string };
type Field = [string, Value];
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  fc.constantFrom('', ' ', '0', '-1', '0.5', '1.25', '10', '100', '101', '1e1', 'NaN', 'Infinity', '0x10', ' 7 ', '\u0000', '\r\n', '%', '%ZZ',
    '&=&', '党员', XSS, '张三 支架工 党员', '零点班 00:00-08:00', '早班 08:00-08:00', '夜班 25:00-08:00', 'daily', 'manual', 'onTime', '__proto__', 'constructor'),
  fc.string({ unit: 'grapheme', minLength: 40, maxLength: 2500 }),
  fc.array(fc.constantFrom('张三', '李四 电工', '王五 支架工 党员', '八点班 08:00-16:00', '', '  ', 'x'.repeat(25), XSS), { maxLength: 30 }).map((l) => l.join('\n')),
);
const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 6, arbitrary: text },
  fc.record({ file: fc.constantFrom('a.txt', 'x.png', '', '../../etc/passwd'), type: fc.constantFrom('text/plain', 'image/png', ''), content: fc.string({ maxLength: 50 }) }),
);
/** Field names: the route's own (repeated or alone), look-alikes and nested-looking ones. */
const fieldsOf = (keys: string[]) => fc.array(fc.tuple(fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...keys) },
  fc.constantFrom('a[b][c][d]', 'name[]', 'id[]', 'a.b.c', '__proto__', '_CSRF', ' _csrf', ''),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 1, max: 200 }).map((d) => `${'x['.repeat(d)}${']'.repeat(d)}`),
), value), { maxLength: 14 });

const CSRF = ['valid', 'missing', 'forged', 'other session', 'forged after valid', 'valid after forged', 'as a file', 'padded', '_csrf[]'] as const;
const csrfKind = fc.oneof({ weight: 8, arbitrary: fc.constant('valid' as const) }, fc.constantFrom(...CSRF));
const ENCODINGS = ['urlencoded', 'multipart', 'multipart, no boundary', 'multipart, wrong boundary', 'multipart, cut short', 'json', 'json, deep',
  'text/plain', 'no type', 'bytes as urlencoded', 'MULTIPART/FORM-DATA', 'oversized'] as const;
type Encoding = (typeof ENCODINGS)[number];
const encoding = fc.oneof({ weight: 4, arbitrary: fc.constant('urlencoded' as const) }, { weight: 2, arbitrary: fc.constant('multipart' as const) },
  { weight: 4, arbitrary: fc.constantFrom(...ENCODINGS) });
const SESSIONS = ['valid', 'none', 'garbage cookie', 'a device token'] as const;
const sessionKind = fc.oneof({ weight: 12, arbitrary: fc.constant('valid' as const) }, fc.constantFrom(...SESSIONS));

interface Input {
  session: (typeof SESSIONS)[number];
  csrf: (typeof CSRF)[number];
  encoding: Encoding;
  fields: Field[];
  /** Cut, depth, padding: what the encoding needs. */
  n: number;
}
/** Fields: noise over the route's own names, or a plausible form of the route with a little noise of other names. */
const input = (keys: string[], plausible: fc.Arbitrary<Field[]> = fc.constant([])): fc.Arbitrary<Input> => fc.record({
  session: sessionKind, csrf: csrfKind, encoding, n: fc.nat({ max: 60_000 }),
  fields: fc.oneof(fieldsOf(keys), fc.tuple(plausible, fc.array(fc.tuple(fc.string({ maxLength: 6 }).filter((k) => !keys.includes(k) && k !== '_csrf'), value), { maxLength: 2 }))
    .map(([a, b]) => [...a, ...b])),
});

/* ------------------------------------------------------------------ encoding and the server's view of it */

function withCsrf(fields: Field[], kind: Input['csrf'], own: string, other: string): Field[] {
  const f = [...fields];
  const forged = 'forged-token-0123456789abcdef';
  switch (kind) {
    case 'valid': return [['_csrf', own], ...f];
    case 'missing': return f.filter(([k]) => k !== '_csrf');
    case 'forged': return [['_csrf', forged], ...f];
    case 'other session': return [['_csrf', other], ...f];
    case 'forged after valid': return [['_csrf', own], ...f, ['_csrf', forged]];
    case 'valid after forged': return [['_csrf', forged], ...f.filter(([k]) => k !== '_csrf'), ['_csrf', own]];
    case 'as a file': return [['_csrf', { file: 'csrf.txt', type: 'text/plain', content: own }], ...f];
    case 'padded': return [['_csrf', ` ${own}`], ...f];
    case '_csrf[]': return [['_csrf[]', own], ...f];
  }
}

const blob = (v: Exclude<Value, string>) => new Blob([v.content], { type: v.type });

async function encode(enc: Encoding, fields: Field[], n: number, limit: number): Promise<{ type: string | null; bytes: Uint8Array }> {
  const form = () => {
    const fd = new FormData();
    for (const [k, v] of fields) {
      if (typeof v === 'string') fd.append(k, v);
      else fd.append(k, blob(v), v.file);
    }
    return fd;
  };
  const multipart = async () => {
    const req = new Request('http://x/', { method: 'POST', body: form() });
    return { type: req.headers.get('content-type')!, bytes: new Uint8Array(await req.arrayBuffer()) };
  };
  const urlencoded = (extra = '') => {
    const p = new URLSearchParams();
    for (const [k, v] of fields) p.append(k, typeof v === 'string' ? v : v.content);
    return { type: 'application/x-www-form-urlencoded', bytes: new TextEncoder().encode(p.toString() + extra) };
  };
  switch (enc) {
    case 'urlencoded': return urlencoded();
    case 'oversized': return urlencoded(`&pad=${'x'.repeat(limit + 1 + (n % 5000))}`);
    case 'multipart': return multipart();
    case 'MULTIPART/FORM-DATA': {
      const m = await multipart();
      return { type: m.type.replace('multipart/form-data', 'MULTIPART/FORM-DATA'), bytes: m.bytes };
    }
    case 'multipart, no boundary': return { ...(await multipart()), type: 'multipart/form-data' };
    case 'multipart, wrong boundary': return { ...(await multipart()), type: 'multipart/form-data; boundary=----not-the-one' };
    case 'multipart, cut short': {
      const m = await multipart();
      return { type: m.type, bytes: m.bytes.subarray(0, n % Math.max(1, m.bytes.length)) };
    }
    case 'json': return { type: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(Object.fromEntries(fields))) };
    case 'json, deep': return { type: 'application/json', bytes: new TextEncoder().encode(`${'{"_csrf":'.repeat(1 + n)}1${'}'.repeat(1 + n)}`) };
    case 'text/plain': return { type: 'text/plain', bytes: urlencoded().bytes };
    case 'no type': return { type: null, bytes: urlencoded().bytes };
    case 'bytes as urlencoded': return { type: 'application/x-www-form-urlencoded', bytes: Uint8Array.from({ length: n % 400 }, (_, i) => (i * 131 + n) % 256) };
  }
}

type Parsed = { ok: true; entries: [string, string | File][] } | { ok: false };

/** What hono's parseBody reads from these bytes: only the two form types, parsed by the same undici. */
async function serverView(type: string | null, bytes: Uint8Array): Promise<Parsed> {
  const media = type?.split(';')[0]!.trim().toLowerCase();
  if (media !== 'multipart/form-data' && media !== 'application/x-www-form-urlencoded') return { ok: true, entries: [] };
  try {
    const fd = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': type!.replace(/^[^;]+/, (m) => m.toLowerCase()) } }).formData();
    return { ok: true, entries: [...fd.entries()] };
  } catch {
    return { ok: false };
  }
}

/** One field as a route reads it: the value if sent exactly once as text, else null. */
function one(p: Parsed & { ok: true }, key: string): string | null {
  const xs = p.entries.filter(([k]) => k === key).map(([, v]) => v);
  return xs.length === 1 && typeof xs[0] === 'string' ? xs[0] : null;
}
/** parseBody() without `all`: the last value wins. */
function last(p: Parsed & { ok: true }, key: string): string | File | undefined {
  return p.entries.filter(([k]) => k === key).at(-1)?.[1];
}

/* ------------------------------------------------------------------ the harness */

interface Expectation { status: number | number[]; writes?: boolean | 'maybe' }
interface Route {
  name: string;
  limit?: number;
  guarded?: boolean;
  account?: () => { cookie: string; csrf: string };
  path: (ctx: Ctx) => string;
  prepare?: (inp: Input) => Ctx;
  /** The route's own rules, once size, session, form and CSRF have passed. */
  decide: (p: Parsed & { ok: true }, ctx: Ctx) => Expectation;
  after?: (a: Answer, p: Parsed, ctx: Ctx, want: Expectation) => void;
  /** Placeholders (item ids, idea ids) resolved at run time. */
  resolve?: (f: Field) => Field;
}
type Ctx = Record<string, string>;
interface Answer { status: number; location: string | null; text: string }

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
  else if (r.guarded !== false && inp.session !== 'valid') want = { status: 401 };
  else if (!parsed.ok) want = { status: 400 };
  else if (r.guarded !== false && last(parsed, '_csrf') !== acct.csrf) want = { status: 403 };
  else want = r.decide(parsed, ctx);

  const path = r.path(ctx);
  const where = `${r.name} ${path} session=${inp.session} csrf=${inp.csrf} ${inp.encoding} (${body.bytes.length} bytes) fields=${JSON.stringify(inp.fields).slice(0, 400)}`;
  const before = dbSnapshot(s);
  const res = await fetch(`${s.url}${path}`, { method: 'POST', headers, body: body.bytes as Uint8Array<ArrayBuffer>, redirect: 'manual' });
  const a: Answer = { status: res.status, location: res.headers.get('location'), text: await res.text() };
  const after = dbSnapshot(s);
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

const property = (r: Route, arb: fc.Arbitrary<Input>, numRuns: number) =>
  fc.assert(fc.asyncProperty(arb, (inp) => exercise(r, inp)), { ...RUN, numRuns });

/* ------------------------------------------------------------------ the routes */

const nameOk = (x: string | null, max = 40) => x !== null && x.trim() !== '' && x.trim().length <= max;
const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;
const stored = <T>(sql: string, ...args: unknown[]) => s.db.prepare(sql).get(...args) as T;

describe('secretary POST routes: bad input is a clean 4xx that stores nothing', () => {
  it('POST /secretary/teams', async () => {
    await property({
      name: 'teams', path: () => '/secretary/teams',
      decide: (p) => (nameOk(one(p, 'name')) ? { status: 303, writes: true } : { status: 400 }),
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const t = stored<{ branch_id: string; name: string }>('SELECT branch_id, name FROM teams WHERE id = ?', /team\/([^#]+)/.exec(a.location!)![1]);
        expect(t, 'the new team').toEqual({ branch_id: team.branch_id, name: one(p, 'name')!.trim() });
      },
    }, input(['name', 'branch'], fc.tuple(text, fc.constantFrom('', 'no-such-branch')).map(([n, b]): Field[] => [['name', n], ['branch', b]])), 120);
  }, 30_000);

  it('POST /secretary/branches (admin; a secretary is refused)', async () => {
    const taken = (u: string) => stored<{ n: number }>('SELECT COUNT(*) AS n FROM secretaries WHERE username = ?', u).n > 0;
    const extra = fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), text),
      fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9_.-]{3,12}$/) }, fc.constantFrom('sec-a', 'root', 'SEC-A', ' sec-b ', 'ab', 'a b c', 'x'.repeat(33), XSS)))
      .map(([name, username]): Field[] => [['name', name], ['username', username]]);
    await property({
      name: 'branches', path: () => '/secretary/branches', account: () => admin,
      decide: (p) => {
        const u = one(p, 'username')?.trim() ?? '';
        return nameOk(one(p, 'name')) && USERNAME_RE.test(u) && !taken(u) ? { status: 200, writes: true } : { status: 400 };
      },
    }, input(['name', 'username'], extra), 100);
    await property({ name: 'branches as secretary', path: () => '/secretary/branches', decide: () => ({ status: 403 }) }, input(['name', 'username']), 40);
  }, 30_000);

  it('POST /secretary/report/:id/review', async () => {
    // `item-#k` is the k-th item of the rubric as it is now; `#idea-k` the report's k-th idea.
    const resolve = ([k, v]: Field): Field => {
      const rubric = getRubric(s.db, team.branch_id);
      const key = k.replace(/^item-#(\d)$/, (_, i: string) => `item-${rubric[Number(i) % rubric.length]!.id}`);
      const val = typeof v === 'string' ? v.replace(/^#idea-(\d)$/, (_, i: string) => ideaIds[Number(i) % ideaIds.length] ?? '') : v;
      return [key, val];
    };
    const score = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 15 }).map(String) }, fc.integer({ min: -2, max: 45 }).map(String),
      fc.double({ min: -1, max: 50, noNaN: true }).map(String), text);
    const full = fc.tuple(fc.array(score, { minLength: 4, maxLength: 4 }), fc.array(fc.constantFrom('#idea-0', '#idea-1', 'not-an-idea'), { maxLength: 2 }))
      .chain(([xs, ideas]) => fc.option(text, { nil: undefined }).map((fb): Field[] => [...xs.map((x, i): Field => [`item-#${i}`, x]), ...ideas.map((x): Field => ['adopted', x]),
        ...(fb === undefined ? [] : [['feedback', fb] as Field])]));
    await property({
      name: 'review', path: (ctx) => ctx.path!, resolve,
      prepare: (inp) => ({ path: inp.n % 10 ? `/secretary/report/${reportId}/review` : `/secretary/report/no-such-${inp.n}/review` }),
      decide: (p, ctx) => {
        if (!ctx.path!.includes(reportId)) return { status: 404 };
        const rubric = getRubric(s.db, team.branch_id);
        const scoresOk = rubric.every((i) => {
          const raw = one(p, `item-${i.id}`)?.trim() ?? '';
          const n = Number(raw);
          return raw !== '' && Number.isFinite(n) && n >= 0 && n <= i.points && Number.isInteger(n * 2);
        });
        const fb = p.entries.filter(([k]) => k === 'feedback');
        const feedbackOk = fb.length !== 1 || typeof fb[0]![1] !== 'string' || fb[0]![1].length <= 2000;
        const adoptedOk = p.entries.filter(([k]) => k === 'adopted').every(([, v]) => typeof v === 'string' && ideaIds.includes(v));
        return scoresOk && feedbackOk && adoptedOk ? { status: 303, writes: true } : { status: 400 };
      },
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const sum = getRubric(s.db, team.branch_id).reduce((t, i) => t + Number(one(p, `item-${i.id}`)!.trim()), 0);
        expect(stored<{ score: number }>('SELECT score FROM reviews WHERE report_id = ?', reportId).score).toBeCloseTo(sum, 9);
      },
    }, input(['feedback', 'adopted', 'item-#0', 'item-#1', 'item-#2', 'item-#3'], full), 130);
  }, 30_000);

  it('POST /secretary/rubric', async () => {
    const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: good }, bad);
    // Ids from a small pool too: a repeated id must be refused, never stored.
    const row = fc.tuple(often(fc.oneof(fc.constantFrom('daily', 'weekly', 'quality', 'item-0', 'item-1'), fc.stringMatching(/^[a-z0-9-]{1,8}$/)), text), often(fc.string({ minLength: 1, maxLength: 8 }), text),
      often(fc.integer({ min: 1, max: 25 }).map(String), fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), text)),
      often(fc.constantFrom('daily', 'weekly', 'onTime', 'manual'), text));
    const rows = fc.array(row, { maxLength: 14 }).map((xs) => xs.flatMap(([id, name, points, basis]): Field[] => [['id', id], ['name', name], ['points', points], ['basis', basis]]));
    await property({
      name: 'rubric', path: () => '/secretary/rubric',
      decide: () => ({ status: [303, 400], writes: 'maybe' }),
      after: (a) => {
        if (a.status !== 303) return;
        // Whatever was accepted is a rubric the scoring form can use.
        const items = getRubric(s.db, team.branch_id);
        expect(items.length).toBeGreaterThanOrEqual(1);
        expect(items.length).toBeLessThanOrEqual(12);
        expect(new Set(items.map((i) => i.id)).size, 'unique ids').toBe(items.length);
        expect(items.reduce((t, i) => t + i.points, 0)).toBeLessThanOrEqual(100);
        for (const i of items) {
          expect(Number.isInteger(i.points) && i.points >= 1 && i.points <= 100, JSON.stringify(i)).toBe(true);
          expect(i.name.trim().length >= 1 && i.name.length <= 20 && /^[a-z0-9-]{1,20}$/.test(i.id), JSON.stringify(i)).toBe(true);
          expect(['daily', 'weekly', 'onTime', 'manual']).toContain(i.basis);
        }
      },
    }, input(['id', 'name', 'points', 'basis', 'branch'], rows), 130);
  }, 30_000);

  it('POST /secretary/team/:id/config', async () => {
    const KNOWN = ['roster', 'shifts', 'riskTypes', 'checklist'];
    const what = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN) }, text), text).map(([w, x]): Field[] => [['what', w], ['text', x]]);
    await property({
      name: 'config', path: (ctx) => ctx.path!,
      prepare: (inp) => ({ path: inp.n % 10 ? `/secretary/team/${team.id}/config` : `/secretary/team/no-such-${inp.n}/config` }),
      decide: (p, ctx) => {
        if (!ctx.path!.includes(team.id)) return { status: 404 };
        const w = last(p, 'what');
        return typeof w === 'string' && KNOWN.includes(w) ? { status: [303, 400], writes: 'maybe' } : { status: 400 };
      },
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const w = last(p, 'what') as string;
        const key = w === 'roster' || w === 'shifts' ? `team:${team.id}:${w}` : w;
        const items = JSON.parse(stored<{ value: string }>('SELECT value FROM config WHERE branch_id = ? AND key = ?', team.branch_id, key).value) as { id: string; name: string; retired: boolean }[];
        const live = items.filter((i) => !i.retired);
        expect(new Set(live.map((i) => i.name)).size, 'names unique').toBe(live.length);
        expect(new Set(items.map((i) => i.id)).size, 'ids unique').toBe(items.length);
        expect(live.every((i) => i.name.trim() !== '' && !i.name.includes('\n')), JSON.stringify(live)).toBe(true);
      },
    }, input(['what', 'text'], what), 130);
  }, 30_000);

  it('POST /secretary/team/:id/code', async () => {
    await property({
      name: 'code', path: (ctx) => ctx.path!,
      prepare: (inp) => ({ path: inp.n % 10 ? `/secretary/team/${team.id}/code` : `/secretary/team/no-such-${inp.n}/code` }),
      decide: (_, ctx) => (ctx.path!.includes(team.id) ? { status: 200, writes: true } : { status: 404 }),
      after: (a) => {
        if (a.status !== 200) return;
        const code = /data-testid="enrol-code">([^<]+)</.exec(a.text)![1]!;
        expect(stored<{ team_id: string }>('SELECT team_id FROM enrolment_codes WHERE code = ?', code).team_id).toBe(team.id);
      },
    }, input(['x']), 100);
  }, 30_000);

  it('POST /secretary/device/:id/revoke', async () => {
    await property({
      name: 'revoke', path: (ctx) => `/secretary/device/${ctx.device}/revoke`,
      prepare: (inp) => ({ device: inp.n % 10 ? enrolDevice(s.db, team, '手机', s.clock.now).id : `no-such-${inp.n}` }),
      decide: (_, ctx) => (stored<{ n: number }>('SELECT COUNT(*) AS n FROM devices WHERE id = ?', ctx.device).n ? { status: 303, writes: true } : { status: 404 }),
      after: (a, _p, ctx) => {
        const d = stored<{ revoked_at: number | null } | undefined>('SELECT revoked_at FROM devices WHERE id = ?', ctx.device);
        if (d) expect(d.revoked_at !== null, 'revoked').toBe(a.status === 303);
      },
    }, input(['x']), 100);
  }, 30_000);

  it('POST /secretary/logout', async () => {
    await property({
      name: 'logout', path: () => '/secretary/logout',
      prepare: () => {
        const t = throwawaySession(secA.id);
        return { cookie: t.cookie, csrf: t.csrf, hash: t.hash };
      },
      decide: () => ({ status: 303, writes: true }),
      after: (a, _p, ctx) => {
        const left = stored<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?', ctx.hash).n;
        expect(left, 'session kept exactly when sign-out was refused').toBe(a.status === 303 ? 0 : 1);
        if (a.status === 303) expect(a.location).toBe('/secretary/login');
      },
    }, input(['x']), 100);
  }, 30_000);

  // Last: wrong passwords count against the account names (sec-a among them).
  it('POST /secretary/login', async () => {
    const extra = fc.tuple(fc.oneof(fc.constantFrom('sec-a', 'root', 'SEC-A', ' sec-a ', XSS), text), text).map(([u, p]): Field[] => [['username', u], ['password', p]]);
    await property({
      name: 'login', path: () => '/secretary/login', guarded: false, limit: LOGIN_LIMIT,
      prepare: () => {
        s.clock.now += 60_000;
        return {};
      },
      decide: () => ({ status: [401, 429] }),
    }, input(['username', 'password'], extra), 100);
  }, 30_000);
});

/*
 * Regressions: what the properties above found, each with its exact input.
 */
describe('regressions', () => {
  /*
   * src/server/secretary/index.ts and auth.ts: a multipart body without a (or with a wrong)
   * boundary made undici's formData() throw inside parseBody → 500 "Internal Server Error",
   * on the open sign-in form and on every form behind a session. Now 400 with a zh-CN text.
   */
  it('multipart without a boundary: 400, not 500 (sign-in and a signed-in form)', async () => {
    const before = dbSnapshot(s);
    const login = await fetch(`${s.url}/secretary/login`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'username=sec-a' });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('提交的内容无法读取');
    const rubric = await fetch(`${s.url}/secretary/rubric`, {
      method: 'POST', headers: { cookie: secA.cookie, 'Content-Type': 'multipart/form-data; boundary=x' }, body: `_csrf=${secA.csrf}`,
    });
    expect(rubric.status).toBe(400);
    expect(await rubric.text()).toContain('提交的内容无法读取');
    expect(dbSnapshot(s)).toBe(before);
  });

  /* src/server/secretary/index.ts: the sign-in form had no body limit (the rest of /secretary had 256 KB). */
  it('an oversized sign-in form is refused with 413 before it is read', async () => {
    const res = await fetch(`${s.url}/secretary/login`, { method: 'POST', body: new URLSearchParams({ username: 'x', password: 'y'.repeat(LOGIN_LIMIT) }) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('提交的内容过大');
  });

  /*
   * src/server/secretary/index.ts: the 413 of a form over 256 KB said "Connection: keep-alive",
   * but the unread body ends the connection: the client's next form on it failed ("socket hang
   * up" / "other side closed"). Input: POST /secretary/rubric with 300 000 bytes, then 10 bytes,
   * on one keep-alive socket. Now the 413 says "Connection: close" (as /api/v1 does).
   */
  it('a 413 closes the connection it announces, so the next form gets an answer', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (path: string, size: number) => new Promise<string>((ok) => {
      const req = request(`${s.url}${path}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': size } }, (res) => {
        res.resume();
        res.on('end', () => ok(`${res.statusCode} ${res.headers.connection}`));
      });
      req.on('error', (e) => ok(`error ${e.message}`));
      req.end(Buffer.alloc(size, 0x61));
    });
    try {
      expect(await post('/secretary/rubric', 300_000)).toBe('413 close');
      expect(await post('/secretary/rubric', 10)).toBe('401 keep-alive');
      expect(await post('/secretary/login', 20_000)).toBe('413 close');
      expect(await post('/secretary/login', 10)).toBe('401 keep-alive');
    } finally {
      agent.destroy();
    }
  });

  /* src/server/secretary/routes-manage.ts: a forged `what` gave a 400 page that showed no error at all. */
  it('an unknown configuration item is named on the page it gets back', async () => {
    const res = await fetch(`${s.url}/secretary/team/${team.id}/config`, {
      method: 'POST', headers: { cookie: secA.cookie }, body: new URLSearchParams({ _csrf: secA.csrf, what: 'secrets', text: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert"><ul><li>未知的配置项/);
  });

  /*
   * src/server/secretary/rubric-page.ts, rubric.ts: an empty row of the rubric form had the id
   * item-<row>, which a kept item may already have after a row above it was removed: the saved
   * rubric had two items with one id, the scoring form two fields of one name, and every score
   * was refused ("请填写得分") for good. Steps: fill rows 5 and 6 (item-4, item-5), clear row 1,
   * then fill row 6 again (offered as item-5).
   */
  it('the rubric form never offers an id twice; a posted duplicate is refused', async () => {
    const rubricForm = async () => {
      const page = await (await fetch(`${s.url}/secretary/rubric`, { headers: { cookie: secA.cookie } })).text();
      const col = (re: RegExp) => [...page.matchAll(re)].map((m) => m[1]!);
      const ids = col(/name="id" value="([^"]*)"/g);
      const names = col(/name="name" aria-label="[^"]*" value="([^"]*)"/g);
      const points = col(/name="points" aria-label="[^"]*" value="([^"]*)"/g);
      const basis = col(/<select name="basis"[^>]*>(.*?)<\/select>/gs).map((x) => /<option value="(\w+)" selected/.exec(x)?.[1] ?? 'manual');
      return ids.map((id, i) => ({ id, name: names[i]!, points: points[i]!, basis: basis[i]! }));
    };
    const save = async (rows: { id: string; name: string; points: string; basis: string }[]) => {
      const p = new URLSearchParams({ _csrf: secA.csrf });
      for (const r of rows) for (const k of ['id', 'name', 'points', 'basis'] as const) p.append(k, r[k]);
      return fetch(`${s.url}/secretary/rubric`, { method: 'POST', body: p, headers: { cookie: secA.cookie }, redirect: 'manual' });
    };
    const base = [{ id: 'daily', name: '日跟班', points: '30', basis: 'daily' }, { id: 'weekly', name: '周帮扶', points: '25', basis: 'weekly' },
      { id: 'quality', name: '汇报质量', points: '20', basis: 'manual' }];
    expect((await save(base)).status).toBe(303);
    let rows = await rubricForm();
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    Object.assign(rows[3]!, { name: '新一', points: '5' });
    Object.assign(rows[4]!, { name: '新二', points: '5' });
    expect((await save(rows)).status).toBe(303);
    rows = await rubricForm();
    Object.assign(rows[0]!, { name: '', points: '' });
    expect((await save(rows)).status).toBe(303);
    rows = await rubricForm();
    expect(new Set(rows.map((r) => r.id)).size, rows.map((r) => r.id).join(' ')).toBe(rows.length);
    Object.assign(rows[4]!, { name: '新三', points: '5' });
    expect((await save(rows)).status).toBe(303);
    const items = getRubric(s.db, team.branch_id);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);

    // The scoring form of that rubric can be saved.
    const review = await (await fetch(`${s.url}/secretary/report/${reportId}`, { headers: { cookie: secA.cookie } })).text();
    const p = new URLSearchParams({ _csrf: secA.csrf });
    for (const m of review.matchAll(/name="(item-[^"]+)"/g)) p.append(m[1]!, '1');
    const scored = await fetch(`${s.url}/secretary/report/${reportId}/review`, { method: 'POST', body: p, headers: { cookie: secA.cookie }, redirect: 'manual' });
    expect(scored.status, await scored.text()).toBe(303);

    // A stale or forged form with a repeated id: refused, nothing stored, and the form offered again has unique ids.
    const before = dbSnapshot(s);
    const dup = await save([...base.slice(0, 2), { id: 'daily', name: '重复', points: '5', basis: 'manual' }]);
    expect(dup.status).toBe(400);
    const again = await dup.text();
    expect(again).toContain('考核项目编号重复');
    const ids = [...again.matchAll(/name="id" value="([^"]*)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dbSnapshot(s)).toBe(before);
  });
});
