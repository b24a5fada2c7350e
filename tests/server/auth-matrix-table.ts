/**
 * The table of the authorization matrix: for EVERY route of the app, a sample request and
 * the outcome each role must get, with per-route checks (which branch a team or rubric
 * landed in, that a revoked device is revoked, …). auth-matrix.test.ts checks that its keys
 * are exactly the routes of the app.
 */
import { expect } from 'vitest';
import { DEFAULT_RUBRIC, getRubric } from '../../src/server/secretary/rubric';
import { enrolDevice } from '../../src/server/secretary/demo-data';
import { createEnrolCode, setConfig } from '../../src/server/store';
import {
  allowed, freshDuty, MARK_A, pw, reportA, s, SEC_ROLES, teamA, teamB, teamC, type Cell, type Outcome, type Role, type Row,
} from './auth-matrix-fixtures';

const everyone = (o: Outcome): Record<Role, Outcome> => ({ none: o, deviceA: o, deviceRevoked: o, secretaryA: o, secretaryB: o, admin: o });
const phoneOnly: Record<Role, Outcome> = { none: 401, deviceA: 200, deviceRevoked: 401, secretaryA: 401, secretaryB: 401, admin: 401 };
/** Secretary pages: no session → the sign-in page. */
const page = (a: Outcome, b: Outcome, admin: Outcome): Record<Role, Outcome> => ({ none: 'login', deviceA: 'login', deviceRevoked: 'login', secretaryA: a, secretaryB: b, admin });
/** Secretary downloads and forms: no session → 401. */
const guarded = (a: Outcome, b: Outcome, admin: Outcome): Record<Role, Outcome> => ({ none: 401, deviceA: 401, deviceRevoked: 401, secretaryA: a, secretaryB: b, admin });
const own = (role: Role) => (role === 'secretaryB' ? [teamB.name] : [teamA.name]);
/** Adds `count` people to team A's roster config; returns their ids. */
function addToRosterA(n: number, count: number): string[] {
  const key = `team:${teamA.id}:roster`;
  const row = s.db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(teamA.branch_id, key) as { value: string } | undefined;
  const fresh = Array.from({ length: count }, (_, i) => ({ id: `matrix-w${n}-${i}`, name: `人员${n}-${i}`, post: '', partyMember: false, retired: false }));
  setConfig(s.db, teamA.branch_id, key, [...(row ? (JSON.parse(row.value) as unknown[]) : []), ...fresh], s.clock.now);
  return fresh.map((w) => w.id);
}
const formOf = (cell: Cell, fields: Record<string, string | string[]> = {}) => ({ _csrf: cell.creds.csrf, ...fields });

export const TABLE: Record<string, Row> = {
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
    expect: guarded(303, 404, 303), location: `/secretary/report/${'{report}'}?team=${'{teamA}'}&saved=1`, writes: true,
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
  'GET /secretary/team/:id/people': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/people` }), expect: page(200, 404, 200), shows: () => [teamA.name, '合并重复人员'],
  },
  // Each cell two fresh people in team A's roster, so every allowed cell has someone to merge or retire.
  'POST /secretary/team/:id/people/merge': {
    sample: (cell) => {
      const [a, b] = addToRosterA(cell.n, 2);
      return { method: 'POST', path: `/secretary/team/${teamA.id}/people/merge`, form: formOf(cell, { from: a!, to: b! }) };
    },
    expect: guarded(303, 404, 303), location: `/secretary/team/${'{teamA}'}/people?saved=merge`, writes: true,
  },
  'POST /secretary/team/:id/people/retire': {
    sample: (cell) => {
      const [a] = addToRosterA(cell.n, 1);
      return { method: 'POST', path: `/secretary/team/${teamA.id}/people/retire`, form: formOf(cell, { worker: a! }) };
    },
    expect: guarded(303, 404, 303), location: `/secretary/team/${'{teamA}'}/people?saved=retire`, writes: true,
  },
  'POST /secretary/device/:id/revoke': {
    // Each cell its own phone of team A, so no cell revokes the device another one uses.
    sample: (cell) => {
      const d = enrolDevice(s.db, teamA, `待停用${cell.n}`, s.clock.now);
      return { method: 'POST', path: `/secretary/device/${d.id}/revoke`, form: formOf(cell, { confirm: 'yes' }) };
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
