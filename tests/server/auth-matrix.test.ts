/**
 * Authorization matrix: EVERY route of the app (enumerated from `createApp(...).routes`)
 * × EVERY role, as one table. Real server, real SQLite, real data: branch A with a team
 * whose phone enrolled and pushed two months of records and a submitted report, branch B
 * with its own team, phone and secretary, an admin, a revoked phone, and a team C whose
 * codes the open enrolment route redeems.
 *
 * Every cell checks: the status (and where a 303 goes); the security headers; that the
 * answer names nothing the role may not see (branch B's secretary never sees a name, id or
 * note of branch A, and so on); that a refused request stores nothing (hash of every row of
 * every table before and after); that an allowed write does store; plus per-route checks
 * (which branch a team or rubric landed in, that a revoked device is revoked, …).
 * A route added to the app without a row here fails the first test.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTeamData, type TeamData } from '../fixtures/generate';
import { newDuty } from '../../src/domain/checklist';
import type { SyncRecord, SyncTableName } from '../../src/domain/sync-protocol';
import { createApp } from '../../src/server/app';
import { createAdmin } from '../../src/server/secretary/accounts';
import { demoReport, enrolDevice, toSync } from '../../src/server/secretary/demo-data';
import { DEFAULT_RUBRIC, getRubric } from '../../src/server/secretary/rubric';
import { createBranch, createEnrolCode, createSecretary, createTeam, revokeDevice, type TeamRow } from '../../src/server/store';
import { dbSnapshot, enrol, postJson, signIn, startTestServer, testId, type TestServer } from './helpers';

const ROLES = ['none', 'deviceA', 'deviceRevoked', 'secretaryA', 'secretaryB', 'admin'] as const;
type Role = (typeof ROLES)[number];
/** 'login' = 303 to the sign-in page (a refusal); 303 = any other redirect (allowed). */
type Outcome = 200 | 303 | 'login' | 401 | 403 | 404;
const allowed = (o: Outcome) => o === 200 || o === 303;

interface Req { method: string; path: string; form?: Record<string, string | string[]>; json?: unknown; headers?: Record<string, string> }
interface Creds { headers: Record<string, string>; csrf: string }
interface Cell { role: Role; n: number; creds: Creds }
interface Row {
  sample: (cell: Cell) => Req | Promise<Req>;
  expect: Record<Role, Outcome>;
  /** An allowed request must change the database. */
  writes?: boolean;
  /** Where an allowed 303 must go (default: anywhere but the sign-in page). */
  location?: string | RegExp;
  /** Text an allowed answer must contain, per role. */
  shows?: (role: Role) => string[];
  /** Secretary roles get a session of their own for this cell (sign-out ends it). */
  fresh?: boolean;
  after?: (cell: Cell, res: Answer) => void | Promise<void>;
}
interface Answer { status: number; location: string | null; type: string; text: string; headers: Headers }

let s: TestServer;
let teamA: TeamRow;
let teamB: TeamRow;
let teamC: TeamRow;
let reportA = '';
let deviceA = { token: '', id: '' };
let revokedToken = '';
const pw: Record<'secretaryA' | 'secretaryB' | 'admin', { user: string; password: string }> = {} as never;
const creds: Partial<Record<Role, Creds>> = {};
const MARK_A = '甲矿机密记录';
const MARK_B = '乙矿机密记录';
let markersA: string[] = [];
let markersB: string[] = [];
let cells = 0;
let counter = 0;

const SEC_ROLES = new Set<Role>(['secretaryA', 'secretaryB', 'admin']);
const USERS = { secretaryA: 'sec-a', secretaryB: 'sec-b', admin: 'root' } as const;

/** Two months of a team as its phone holds them, one duty carrying `marker`, and October's report. */
function teamRecords(seed: number, marker: string): SyncRecord[] {
  const d: TeamData = generateTeamData({ seed, months: 2, workers: 10, endDay: '2026-11-02' });
  d.duties.at(-1)!.organisationNote = marker;
  const tables: [SyncTableName, keyof TeamData][] = [['workers', 'workers'], ['riskTypes', 'riskTypes'], ['duties', 'duties'],
    ['hazards', 'hazards'], ['weeklyScreenings', 'weeklyScreenings'], ['helpRecords', 'helpRecords'], ['pairs', 'pairs'], ['hardships', 'hardships']];
  const out = [toSync('teams', d.team)];
  for (const [table, key] of tables) for (const r of d[key] as { id: string; rev: number; updatedAt: number; deleted: boolean }[]) out.push(toSync(table, r));
  out.push(toSync('reports', demoReport('2026-10', d, Date.parse('2026-11-02T18:00:00+08:00'))));
  return out;
}

async function pushAll(token: string, teamId: string, records: SyncRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: records.slice(i, i + 500) }, token);
    const body = (await res.json()) as { rejected: unknown[] };
    if (res.status !== 200 || body.rejected.length) throw new Error(`push ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
}

function freshDuty(): SyncRecord {
  const d = newDuty({ id: testId(), createdAt: s.clock.now }, '2026-11-02', { id: 's1', name: '八点班' }, 10);
  return toSync('duties', { ...d, dirty: 0 } as typeof d);
}

async function credsFor(role: Role, fresh = false): Promise<Creds> {
  if (role === 'none') return { headers: {}, csrf: creds.secretaryA?.csrf ?? '' };
  if (role === 'deviceA') return { headers: { Authorization: `Bearer ${deviceA.token}` }, csrf: creds.secretaryA?.csrf ?? '' };
  if (role === 'deviceRevoked') return { headers: { Authorization: `Bearer ${revokedToken}` }, csrf: creds.secretaryA?.csrf ?? '' };
  if (!fresh && creds[role]) return creds[role];
  const { cookie, csrf } = await signIn(s.url, pw[role].user, pw[role].password);
  return { headers: { cookie }, csrf };
}

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  mkdirSync(join(s.root, 'dist'), { recursive: true });
  writeFileSync(join(s.root, 'dist', 'index.html'), '<!doctype html><title>班组小政委</title>');
  const a = createBranch(s.db, '甲矿党支部', s.clock.now);
  const b = createBranch(s.db, '乙矿党支部', s.clock.now);
  const c = createBranch(s.db, '丙矿党支部', s.clock.now);
  teamA = createTeam(s.db, a.id, '甲矿综采班', s.clock.now);
  teamB = createTeam(s.db, b.id, '乙矿掘进班', s.clock.now);
  teamC = createTeam(s.db, c.id, '丙矿机运班', s.clock.now);
  pw.secretaryA = { user: USERS.secretaryA, password: createSecretary(s.db, a.id, USERS.secretaryA, s.clock.now).password };
  pw.secretaryB = { user: USERS.secretaryB, password: createSecretary(s.db, b.id, USERS.secretaryB, s.clock.now).password };
  pw.admin = { user: USERS.admin, password: createAdmin(s.db, USERS.admin, s.clock.now).password };

  const enA = await enrol(s, createEnrolCode(s.db, teamA.id, s.clock.now).code, 'matrix-device-a-0123456789');
  deviceA = { token: enA.token, id: enA.deviceId };
  const recsA = teamRecords(1, MARK_A);
  await pushAll(deviceA.token, teamA.id, recsA);
  reportA = recsA.find((r) => r.table === 'reports')!.id;
  const enB = await enrol(s, createEnrolCode(s.db, teamB.id, s.clock.now).code, 'matrix-device-b-0123456789');
  const recsB = teamRecords(2, MARK_B);
  await pushAll(enB.token, teamB.id, recsB);
  // A second phone of team A, whose records device A pulls; then a third, revoked.
  const en2 = await enrol(s, createEnrolCode(s.db, teamA.id, s.clock.now).code, 'matrix-device-2-0123456789');
  const duty2 = freshDuty();
  await pushAll(en2.token, teamA.id, [{ ...duty2, body: { ...duty2.body, organisationNote: `${MARK_A}（班长）` } }]);
  const enR = await enrol(s, createEnrolCode(s.db, teamA.id, s.clock.now).code, 'matrix-device-r-0123456789');
  await pushAll(enR.token, teamA.id, [freshDuty()]);
  revokeDevice(s.db, enR.deviceId, s.clock.now);
  revokedToken = enR.token;

  markersA = [teamA.id, teamA.name, a.id, a.name, MARK_A, reportA, deviceA.id];
  markersB = [teamB.id, teamB.name, b.id, b.name, MARK_B, recsB.find((r) => r.table === 'reports')!.id, enB.deviceId];
  for (const role of ['secretaryA', 'secretaryB', 'admin'] as const) creds[role] = await credsFor(role);
});
afterAll(async () => {
  console.log(`auth matrix: ${Object.keys(TABLE).length} routes × ${ROLES.length} roles = ${cells} cells checked`);
  await s?.stop();
});

/* ------------------------------------------------------------------ the table */

const everyone = (o: Outcome): Record<Role, Outcome> => ({ none: o, deviceA: o, deviceRevoked: o, secretaryA: o, secretaryB: o, admin: o });
const phoneOnly: Record<Role, Outcome> = { none: 401, deviceA: 200, deviceRevoked: 401, secretaryA: 401, secretaryB: 401, admin: 401 };
/** Secretary pages: no session → the sign-in page. */
const page = (a: Outcome, b: Outcome, admin: Outcome): Record<Role, Outcome> => ({ none: 'login', deviceA: 'login', deviceRevoked: 'login', secretaryA: a, secretaryB: b, admin });
/** Secretary downloads and forms: no session → 401. */
const guarded = (a: Outcome, b: Outcome, admin: Outcome): Record<Role, Outcome> => ({ none: 401, deviceA: 401, deviceRevoked: 401, secretaryA: a, secretaryB: b, admin });
const own = (role: Role) => (role === 'secretaryB' ? [teamB.name] : [teamA.name]);
const formOf = (cell: Cell, fields: Record<string, string | string[]> = {}) => ({ _csrf: cell.creds.csrf, ...fields });

const TABLE: Record<string, Row> = {
  /* ---- the app shell and its middleware */
  'ALL /*': { sample: () => ({ method: 'DELETE', path: '/' }), expect: everyone(404) },
  'GET /*': { sample: () => ({ method: 'GET', path: '/', headers: { Accept: 'text/html' } }), expect: everyone(200), shows: () => ['班组小政委'] },

  /* ---- the phone API */
  'ALL /api/v1/*': { sample: () => ({ method: 'GET', path: '/api/v1/no-such-route' }), expect: everyone(404) },
  'ALL /api/*': { sample: () => ({ method: 'GET', path: '/api/v2/sync/pull?v=2&since=0' }), expect: everyone(404) },
  'GET /api/v1/health': { sample: () => ({ method: 'GET', path: '/api/v1/health' }), expect: everyone(200) },
  // Open by design: the one-time code is the credential (here a code of team C, each cell its own).
  'POST /api/v1/enrol': {
    sample: (cell) => ({ method: 'POST', path: '/api/v1/enrol', json: { v: 1, code: createEnrolCode(s.db, teamC.id, s.clock.now).code, nonce: `matrix-enrol-${cell.n}-0123456789` } }),
    expect: everyone(200), writes: true, shows: () => [teamC.name],
  },
  'POST /api/v1/sync/push': {
    sample: () => ({ method: 'POST', path: '/api/v1/sync/push', json: { v: 1, teamId: teamA.id, records: [freshDuty()] } }),
    expect: phoneOnly, writes: true, shows: () => ['"acks"'],
  },
  'GET /api/v1/sync/pull': { sample: () => ({ method: 'GET', path: '/api/v1/sync/pull?v=1&since=0' }), expect: phoneOnly, shows: () => [MARK_A] },
  'POST /api/v1/sync/pull': { sample: () => ({ method: 'POST', path: '/api/v1/sync/pull', json: { v: 1, since: 0 } }), expect: phoneOnly, shows: () => [MARK_A] },

  /* ---- secretary: open pages */
  'GET /secretary/style.css': { sample: () => ({ method: 'GET', path: '/secretary/style.css' }), expect: everyone(200) },
  'GET /secretary/login': { sample: () => ({ method: 'GET', path: '/secretary/login' }), expect: everyone(200), shows: () => ['党支部书记登录'] },
  'POST /secretary/login': {
    sample: () => ({ method: 'POST', path: '/secretary/login', form: { username: pw.secretaryA.user, password: pw.secretaryA.password } }),
    expect: everyone(303), location: '/secretary/', writes: true,
  },

  /* ---- secretary: session, home, catch-all */
  'ALL /secretary/*': { sample: () => ({ method: 'GET', path: '/secretary/no-such-page' }), expect: page(404, 404, 404) },
  'GET /secretary/*': { sample: () => ({ method: 'GET', path: `/secretary/?branch=${teamA.branch_id}&month=2026-10` }), expect: page(200, 200, 200), shows: own },
  'GET /secretary': { sample: () => ({ method: 'GET', path: `/secretary?branch=${teamA.branch_id}` }), expect: page(200, 200, 200), shows: own },
  'POST /secretary/logout': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/logout', form: formOf(cell) }),
    expect: guarded(303, 303, 303), location: '/secretary/login', writes: true, fresh: true,
    after: async (cell) => {
      if (!SEC_ROLES.has(cell.role)) return;
      const res = await fetch(`${s.url}/secretary/`, { redirect: 'manual', headers: cell.creds.headers });
      expect(res.headers.get('location'), 'the signed-out cookie still opens pages').toBe('/secretary/login');
    },
  },

  /* ---- secretary: team A's pages (branch B's secretary must get exactly "not found") */
  'GET /secretary/team/:id': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}?month=2026-11&day=2026-11-02` }), expect: page(200, 404, 200), shows: () => [teamA.name, MARK_A],
  },
  'GET /secretary/report/:id': { sample: () => ({ method: 'GET', path: `/secretary/report/${reportA}` }), expect: page(200, 404, 200), shows: () => [teamA.name, '金点子'] },
  'POST /secretary/report/:id/review': {
    sample: (cell) => ({
      method: 'POST', path: `/secretary/report/${reportA}/review`,
      form: formOf(cell, { ...Object.fromEntries(getRubric(s.db, teamA.branch_id).map((i) => [`item-${i.id}`, String(cell.n % 2)])), feedback: `反馈${cell.n}` }),
    }),
    expect: guarded(303, 404, 303), location: `/secretary/report/${'{report}'}?saved=1`, writes: true,
  },
  'GET /secretary/print': { sample: () => ({ method: 'GET', path: `/secretary/print?team=${teamA.id}&month=2026-10` }), expect: page(200, 404, 200), shows: () => [teamA.name] },
  'GET /secretary/team/:id/config': { sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/config` }), expect: page(200, 404, 200), shows: () => [teamA.name, '花名册'] },
  'POST /secretary/team/:id/config': {
    sample: (cell) => ({ method: 'POST', path: `/secretary/team/${teamA.id}/config`, form: formOf(cell, { what: 'roster', text: `张建国 支架工 党员\n李志强${cell.n}` }) }),
    expect: guarded(303, 404, 303), location: `/secretary/team/${'{teamA}'}/config?saved=roster`, writes: true,
  },
  'POST /secretary/team/:id/code': {
    sample: (cell) => ({ method: 'POST', path: `/secretary/team/${teamA.id}/code`, form: formOf(cell) }),
    expect: guarded(200, 404, 200), writes: true, shows: () => [teamA.name, 'data-testid="enrol-code"'],
  },
  'POST /secretary/device/:id/revoke': {
    // Each cell its own phone of team A, so no cell revokes the device another one uses.
    sample: (cell) => {
      const d = enrolDevice(s.db, teamA, `待停用${cell.n}`, s.clock.now);
      return { method: 'POST', path: `/secretary/device/${d.id}/revoke`, form: formOf(cell) };
    },
    expect: guarded(303, 404, 303), location: `/secretary/team/${'{teamA}'}#devices`, writes: true,
    after: (cell, res) => {
      const id = /\/device\/([^/]+)\/revoke/.exec(res.headers.get('x-matrix-path') ?? '')?.[1];
      const row = s.db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(id) as { revoked_at: number | null };
      expect(row.revoked_at !== null, 'revoked').toBe(allowed(TABLE['POST /secretary/device/:id/revoke']!.expect[cell.role]));
    },
  },

  /* ---- secretary: branch-wide pages; asking for branch A gives branch B's secretary her own */
  'GET /secretary/exports': { sample: () => ({ method: 'GET', path: `/secretary/exports?branch=${teamA.branch_id}` }), expect: page(200, 200, 200), shows: own },
  'GET /secretary/export/branch.xlsx': {
    sample: () => ({ method: 'GET', path: `/secretary/export/branch.xlsx?month=2026-10&branch=${teamA.branch_id}` }), expect: guarded(200, 200, 200), shows: own,
  },
  'GET /secretary/export/report.docx': {
    sample: () => ({ method: 'GET', path: `/secretary/export/report.docx?team=${teamA.id}&month=2026-10` }), expect: guarded(200, 404, 200),
  },
  'GET /secretary/export/entries.csv': {
    sample: () => ({ method: 'GET', path: `/secretary/export/entries.csv?from=2026-09-01&to=2026-11-30&team=${teamA.id}` }), expect: guarded(200, 404, 200), shows: () => [teamA.name, MARK_A],
  },
  'GET /secretary/rubric': {
    sample: () => ({ method: 'GET', path: `/secretary/rubric?branch=${teamA.branch_id}` }), expect: page(200, 200, 200),
    shows: (role) => [role === 'secretaryB' ? '乙矿党支部' : '甲矿党支部'],
  },
  'POST /secretary/rubric': {
    sample: (cell) => ({
      method: 'POST', path: '/secretary/rubric',
      form: formOf(cell, {
        branch: teamA.branch_id, id: DEFAULT_RUBRIC.map((i) => i.id), name: DEFAULT_RUBRIC.map((i) => `${i.name}${cell.role}${cell.n}`.slice(0, 20)),
        points: DEFAULT_RUBRIC.map((i) => String(i.points)), basis: DEFAULT_RUBRIC.map((i) => i.basis),
      }),
    }),
    expect: guarded(303, 303, 303), location: /^\/secretary\/rubric\?saved=1/, writes: true,
    after: (cell) => {
      const mine = (branchId: string) => getRubric(s.db, branchId).some((i) => i.name.includes(`${cell.role}${cell.n}`));
      const ok = allowed(TABLE['POST /secretary/rubric']!.expect[cell.role]);
      expect(mine(teamA.branch_id), "branch A's rubric").toBe(ok && cell.role !== 'secretaryB');
      expect(mine(teamB.branch_id), "branch B's rubric").toBe(ok && cell.role === 'secretaryB');
    },
  },
  'POST /secretary/teams': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/teams', form: formOf(cell, { branch: teamA.branch_id, name: `新班组${cell.n}` }) }),
    expect: guarded(303, 303, 303), location: /^\/secretary\/team\/[^/]+#devices$/, writes: true,
    after: (cell) => {
      const t = s.db.prepare('SELECT branch_id FROM teams WHERE name = ?').get(`新班组${cell.n}`) as { branch_id: string } | undefined;
      if (!allowed(TABLE['POST /secretary/teams']!.expect[cell.role])) return expect(t).toBeUndefined();
      expect(t?.branch_id, 'the branch the team was added to').toBe(cell.role === 'secretaryB' ? teamB.branch_id : teamA.branch_id);
    },
  },

  /* ---- admin only */
  'GET /secretary/audit': { sample: () => ({ method: 'GET', path: '/secretary/audit' }), expect: page(403, 403, 200), shows: () => ['审计日志'] },
  'GET /secretary/branches': { sample: () => ({ method: 'GET', path: '/secretary/branches' }), expect: page(403, 403, 200), shows: () => ['甲矿党支部', '乙矿党支部'] },
  'POST /secretary/branches': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/branches', form: formOf(cell, { name: `新支部${cell.n}`, username: `new-sec-${cell.n}` }) }),
    expect: guarded(403, 403, 200), writes: true, shows: () => ['data-testid="new-password"'],
  },
};

/* ------------------------------------------------------------------ running a cell */

/** The answer as text: spreadsheets are opened (sheet names and every cell), other binaries are left out. */
async function read(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const parts: string[] = [];
    wb.eachSheet((ws) => {
      parts.push(ws.name);
      ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.text))));
    });
    return parts.join('\n');
  }
  if (type.includes('wordprocessingml')) return `(docx ${(await res.arrayBuffer()).byteLength} bytes)`;
  return res.text();
}

async function send(req: Req, c: Creds): Promise<Answer> {
  const headers: Record<string, string> = { ...c.headers, ...req.headers };
  let body: string | undefined;
  if (req.form) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
    body = p.toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${s.url}${req.path}`, { method: req.method, headers, body, redirect: 'manual' });
  const text = await read(res);
  const out = new Headers(res.headers);
  out.set('x-matrix-path', req.path);
  return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') ?? '', text, headers: out };
}

/** What each role must never be shown. */
function forbidden(role: Role): string[] {
  switch (role) {
    case 'admin': return [];
    case 'secretaryA': case 'deviceA': return markersB;
    case 'secretaryB': return markersA;
    default: return [...markersA, ...markersB];
  }
}

const LEAKS = [/\n\s+at /, /node:internal/, /node_modules/, /\.tsx?:\d+/, /Internal Server Error/];

async function runCell(key: string, row: Row, role: Role): Promise<void> {
  const n = ++counter;
  s.clock.now += 1000;
  const c = await credsFor(role, row.fresh === true);
  const cell: Cell = { role, n, creds: c };
  const req = await row.sample(cell);
  const want = row.expect[role];
  const where = `${key} as ${role}: ${req.method} ${req.path}`;
  const before = dbSnapshot(s);
  const res = await send(req, c);
  const after = dbSnapshot(s);
  const shown = `${where}\n→ ${res.status} ${res.location ?? ''} ${res.text.slice(0, 300)}`;

  if (want === 'login') {
    expect(res.status, shown).toBe(303);
    expect(res.location, shown).toBe('/secretary/login');
  } else {
    expect(res.status, shown).toBe(want);
  }
  if (want === 303) {
    const loc = row.location ?? /^(?!\/secretary\/login$)/;
    const expected = typeof loc === 'string' ? loc.replace('{report}', reportA).replace('{teamA}', teamA.id) : loc;
    if (typeof expected === 'string') expect(res.location, shown).toBe(expected);
    else expect(res.location ?? '', shown).toMatch(expected);
  }
  // Every answer carries the security headers of app.ts.
  expect(res.headers.get('content-security-policy'), shown).toMatch(/default-src 'self'/);
  expect(res.headers.get('x-content-type-options'), shown).toBe('nosniff');
  // Nothing of what the role may not see (body, file name, redirect), and no trace of the server's insides.
  const seen = [res.text, decodeURIComponent(res.headers.get('content-disposition') ?? ''), res.location ?? ''].join('\n');
  for (const m of forbidden(role)) expect(seen.includes(m), `${shown}\nleaks ${m}`).toBe(false);
  for (const leak of LEAKS) expect(res.text, shown).not.toMatch(leak);

  if (!allowed(want)) {
    expect(after, `${where}: a refused request stored something`).toBe(before);
  } else {
    if (row.writes) expect(after, `${where}: an allowed write stored nothing`).not.toBe(before);
    for (const text of row.shows?.(role) ?? []) expect(res.text, `${shown}\nshould show ${text}`).toContain(text);
    // A signed-in secretary's answers are never kept by a browser or proxy cache.
    if (SEC_ROLES.has(role) && key.startsWith('GET /secretary') && !['GET /secretary/style.css', 'GET /secretary/login'].includes(key)) {
      expect(res.headers.get('cache-control'), shown).toBe('no-store');
    }
  }
  await row.after?.(cell, res);
  cells++;
}

/* ------------------------------------------------------------------ tests */

describe('authorization matrix', () => {
  it('has a row for every route of the app, and no row for a route that is gone', () => {
    const app = createApp({ distDir: join(s.root, 'dist'), db: s.db, tls: false, clock: () => s.clock.now });
    const routes = [...new Set(app.routes.map((r) => `${r.method} ${r.path}`))].sort();
    expect(routes.length).toBeGreaterThan(20);
    expect(Object.keys(TABLE).sort()).toEqual(routes);
  });

  for (const [key, row] of Object.entries(TABLE)) {
    describe(key, () => {
      for (const role of ROLES) {
        it(`${role} → ${row.expect[role]}`, () => runCell(key, row, role));
      }
    });
  }
});
