/**
 * The table of the authorization matrix: for EVERY route of the app, a sample request and
 * the outcome each role must get, with per-route checks (which branch a team or rubric
 * landed in, that a revoked device is revoked, …). auth-matrix.test.ts checks that its keys
 * are exactly the routes of the app.
 */
import { expect } from 'vitest';
import { getRubric } from '../../src/server/secretary/rubric';
import { enrolDevice } from '../../src/server/secretary/demo-data';
import { createEnrolCode, createTeam, liveEnrolCodes } from '../../src/server/store';
import { allowed, freshDuty, MARK_A, pw, reportA, s, SEC_ROLES, teamA, teamB, teamC, type Row } from './auth-matrix-fixtures';
import { loginForm } from './helpers';
import { everyone, formOf, guarded, page, phoneOnly, own, addToRosterA, rosterXlsx, workerOfA, photoA } from './auth-matrix-outcomes';
import { BRANCH_ROWS } from './auth-matrix-table-branch';

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

  /* ---- the phone's photo upload (issue 17): device bearer like /sync; ids are per team */
  'ALL /api/v1/photos/:id': { sample: () => ({ method: 'DELETE', path: '/api/v1/photos/matrix-none' }), expect: everyone(404) },
  'POST /api/v1/photos/:id': {
    sample: (cell) => ({
      method: 'POST', path: `/api/v1/photos/matrix-new-${cell.role}-${cell.n}`,
      json: { sha256: 'a'.repeat(64), bytes: 10, mime: 'image/jpeg', ownerTable: 'hazards', ownerId: 'h1', role: 'found', takenAt: 1, width: 4, height: 3 },
    }),
    expect: phoneOnly, writes: true, shows: () => ['"offset"'],
  },
  'GET /api/v1/photos/:id': {
    sample: (cell) => ({ method: 'GET', path: `/api/v1/photos/${photoA(cell, new TextEncoder().encode('x'), false)}` }),
    expect: phoneOnly, shows: () => ['"offset"'],
  },
  'PATCH /api/v1/photos/:id': {
    // The piece is the JSON text the harness sends: the photo is declared with exactly those bytes.
    sample: (cell) => ({
      method: 'PATCH', path: `/api/v1/photos/${photoA(cell, new TextEncoder().encode(JSON.stringify(`piece-${cell.n}`)), false)}`,
      json: `piece-${cell.n}`, headers: { 'Upload-Offset': '0' },
    }),
    expect: phoneOnly, writes: true, shows: () => ['"done":true'],
  },

  /* ---- secretary: open pages */
  'GET /secretary/style.css': { sample: () => ({ method: 'GET', path: '/secretary/style.css' }), expect: everyone(200) },
  'GET /secretary/landscape.css': { sample: () => ({ method: 'GET', path: '/secretary/landscape.css' }), expect: everyone(200), shows: () => ['landscape'] },
  'GET /secretary/print.js': { sample: () => ({ method: 'GET', path: '/secretary/print.js' }), expect: everyone(200), shows: () => ['window.print()'] },
  'GET /secretary/login': { sample: () => ({ method: 'GET', path: '/secretary/login' }), expect: everyone(200), shows: () => ['党支部书记登录'] },
  // As a browser posts it: with the pre-session cookie and the token of the form it was shown.
  'POST /secretary/login': {
    sample: async () => {
      const f = await loginForm(s.url);
      return { method: 'POST', path: '/secretary/login', headers: { cookie: f.cookie }, form: { _csrf: f.token, username: pw.secretaryA.user, password: pw.secretaryA.password } };
    },
    expect: everyone(303), location: '/secretary/', writes: true,
  },

  /* ---- secretary: session, home, catch-all */
  'ALL /secretary/*': { sample: () => ({ method: 'GET', path: '/secretary/no-such-page' }), expect: page(404, 404, 404, 404) },
  'GET /secretary/*': { sample: () => ({ method: 'GET', path: `/secretary/?branch=${teamA.branch_id}&month=2026-10` }), expect: page(200, 200, 200, 200), shows: own },
  'GET /secretary': { sample: () => ({ method: 'GET', path: `/secretary?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200), shows: own },
  'POST /secretary/logout': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/logout', form: formOf(cell) }),
    expect: guarded(303, 303, 303, 303), location: '/secretary/login', writes: true, fresh: true,
    after: async (cell) => {
      if (!SEC_ROLES.has(cell.role)) return;
      const res = await fetch(`${s.url}/secretary/`, { redirect: 'manual', headers: cell.creds.headers });
      expect(res.headers.get('location'), 'the signed-out cookie still opens pages').toBe('/secretary/login');
    },
  },

  /* ---- secretary: team A's pages (branch B's secretary must get exactly "not found") */
  'GET /secretary/team/:id': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}?month=2026-11&day=2026-11-02` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, MARK_A],
  },
  'GET /secretary/report/:id': { sample: () => ({ method: 'GET', path: `/secretary/report/${reportA}` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '金点子'] },
  'POST /secretary/report/:id/review': {
    sample: (cell) => ({
      method: 'POST', path: `/secretary/report/${reportA}/review`,
      form: formOf(cell, { ...Object.fromEntries(getRubric(s.db, teamA.branch_id).map((i) => [`item-${i.id}`, String(cell.n % 2)])), feedback: `反馈${cell.n}` }),
    }),
    expect: guarded(303, 404, 303, 403), location: `/secretary/report/${'{report}'}?team=${'{teamA}'}&saved=1`, writes: true,
  },
  'GET /secretary/print': { sample: () => ({ method: 'GET', path: `/secretary/print?team=${teamA.id}&month=2026-10` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name] },
  'GET /secretary/team/:id/config': { sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/config` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '花名册'] },
  'POST /secretary/team/:id/config': {
    sample: (cell) => ({ method: 'POST', path: `/secretary/team/${teamA.id}/config`, form: formOf(cell, { what: 'roster', text: `张建国 支架工 党员\n李志强${cell.n}`, confirm: 'yes', retire: 'yes' }) }),
    expect: guarded(303, 404, 303, 403), location: `/secretary/team/${'{teamA}'}/config?saved=roster`, writes: true,
  },
  // An Excel roster is read into the preview (nothing saved: the preview's form saves it).
  'POST /secretary/team/:id/config/import': {
    sample: async (cell) => ({ method: 'POST', path: `/secretary/team/${teamA.id}/config/import`, form: formOf(cell), files: { file: await rosterXlsx(cell.n) } }),
    expect: guarded(200, 404, 200, 403), shows: () => [teamA.name, '花名册预览', '表格里的人'],
  },
  'GET /secretary/team/:id/hardships': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/hardships?month=2026-10` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '困难职工台账'],
  },
  'GET /secretary/team/:id/pairs': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/pairs?month=2026-10` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '1+X 结对'],
  },
  'GET /secretary/team/:id/worker/:wid': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/worker/${workerOfA()}` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '谈心'],
  },
  'POST /secretary/team/:id/code': {
    sample: (cell) => ({ method: 'POST', path: `/secretary/team/${teamA.id}/code`, form: formOf(cell) }),
    expect: guarded(303, 404, 303, 403), location: /^\/secretary\/team\/[0-9a-f]+\/code\?new=[A-Za-z0-9_-]+$/, writes: true,
  },
  'GET /secretary/team/:id/code': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/code` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '有效的登记码'],
  },
  'POST /secretary/team/:id/code/:hash/revoke': {
    // Each cell its own live code of team A.
    sample: (cell) => {
      createEnrolCode(s.db, teamA.id, s.clock.now);
      const hash = liveEnrolCodes(s.db, teamA.id, s.clock.now)[0]!.code_hash;
      return { method: 'POST', path: `/secretary/team/${teamA.id}/code/${hash}/revoke`, form: formOf(cell) };
    },
    expect: guarded(303, 404, 303, 403), location: `/secretary/team/${'{teamA}'}/code`, writes: true,
    after: (cell, res) => {
      const hash = /\/code\/([^/]+)\/revoke/.exec(res.headers.get('x-matrix-path') ?? '')?.[1];
      const row = s.db.prepare('SELECT revoked_at FROM enrolment_codes WHERE code_hash = ?').get(hash) as { revoked_at: number | null };
      expect(row.revoked_at !== null, 'revoked').toBe(allowed(TABLE['POST /secretary/team/:id/code/:hash/revoke']!.expect[cell.role]));
    },
  },
  'GET /secretary/team/:id/people': {
    sample: () => ({ method: 'GET', path: `/secretary/team/${teamA.id}/people` }), expect: page(200, 404, 200, 200), shows: () => [teamA.name, '合并重复人员'],
  },
  // Each cell two fresh people in team A's roster, so every allowed cell has someone to merge or retire.
  'POST /secretary/team/:id/people/merge': {
    sample: (cell) => {
      const [a, b] = addToRosterA(cell.n, 2);
      return { method: 'POST', path: `/secretary/team/${teamA.id}/people/merge`, form: formOf(cell, { from: a!, to: b! }) };
    },
    expect: guarded(303, 404, 303, 403), location: `/secretary/team/${'{teamA}'}/people?saved=merge`, writes: true,
  },
  'POST /secretary/team/:id/people/retire': {
    sample: (cell) => {
      const [a] = addToRosterA(cell.n, 1);
      return { method: 'POST', path: `/secretary/team/${teamA.id}/people/retire`, form: formOf(cell, { worker: a! }) };
    },
    expect: guarded(303, 404, 303, 403), location: `/secretary/team/${'{teamA}'}/people?saved=retire`, writes: true,
  },
  'POST /secretary/device/:id/revoke': {
    // Each cell its own phone of team A, so no cell revokes the device another one uses.
    sample: (cell) => {
      const d = enrolDevice(s.db, teamA, `待停用${cell.n}`, s.clock.now);
      return { method: 'POST', path: `/secretary/device/${d.id}/revoke`, form: formOf(cell, { confirm: 'yes' }) };
    },
    expect: guarded(303, 404, 303, 403), location: `/secretary/team/${'{teamA}'}#devices`, writes: true,
    after: (cell, res) => {
      const id = /\/device\/([^/]+)\/revoke/.exec(res.headers.get('x-matrix-path') ?? '')?.[1];
      const row = s.db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(id) as { revoked_at: number | null };
      expect(row.revoked_at !== null, 'revoked').toBe(allowed(TABLE['POST /secretary/device/:id/revoke']!.expect[cell.role]));
    },
  },

  // Rename, archive, restore: each cell a fresh team of branch A, so no cell renames or hides team A itself.
  'POST /secretary/team/:id/rename': {
    sample: (cell) => {
      const t = createTeam(s.db, teamA.branch_id, `待改名${cell.n}`, s.clock.now);
      return { method: 'POST', path: `/secretary/team/${t.id}/rename`, form: formOf(cell, { name: `改名后${cell.n}` }) };
    },
    expect: guarded(303, 404, 303, 403), location: /^\/secretary\/team\/[0-9a-f]+#settings$/, writes: true,
    after: (cell) => {
      const renamed = s.db.prepare('SELECT 1 FROM teams WHERE name = ?').get(`改名后${cell.n}`) !== undefined;
      expect(renamed, 'renamed').toBe(allowed(TABLE['POST /secretary/team/:id/rename']!.expect[cell.role]));
    },
  },
  'POST /secretary/team/:id/archive': {
    sample: (cell) => {
      const t = createTeam(s.db, teamA.branch_id, `待归档${cell.n}`, s.clock.now);
      return { method: 'POST', path: `/secretary/team/${t.id}/archive`, form: formOf(cell) };
    },
    expect: guarded(303, 404, 303, 403), location: '/secretary/', writes: true,
    after: (cell) => {
      const row = s.db.prepare('SELECT archived_at FROM teams WHERE name = ?').get(`待归档${cell.n}`) as { archived_at: number | null };
      expect(row.archived_at !== null, 'archived').toBe(allowed(TABLE['POST /secretary/team/:id/archive']!.expect[cell.role]));
    },
  },
  'POST /secretary/team/:id/restore': {
    sample: (cell) => {
      const t = createTeam(s.db, teamA.branch_id, `待恢复${cell.n}`, s.clock.now);
      s.db.prepare('UPDATE teams SET archived_at = ? WHERE id = ?').run(s.clock.now, t.id);
      return { method: 'POST', path: `/secretary/team/${t.id}/restore`, form: formOf(cell) };
    },
    expect: guarded(303, 404, 303, 403), location: /^\/secretary\/team\/[0-9a-f]+$/, writes: true,
    after: (cell) => {
      const row = s.db.prepare('SELECT archived_at FROM teams WHERE name = ?').get(`待恢复${cell.n}`) as { archived_at: number | null };
      expect(row.archived_at === null, 'restored').toBe(allowed(TABLE['POST /secretary/team/:id/restore']!.expect[cell.role]));
    },
  },

  /* ---- 提醒: team A's reminders (branch B's secretary gets "not found" and sees none of them) */
  'GET /secretary/remind': {
    sample: () => ({ method: 'GET', path: `/secretary/remind?teams=${teamA.id}` }), expect: page(200, 200, 200, 200),
    shows: (role) => (role === 'secretaryB' ? [teamB.name] : [teamA.name, '已发送的提醒']),
  },
  'POST /secretary/remind': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/remind', form: formOf(cell, { team: teamA.id, text: `矩阵提醒${cell.n}` }) }),
    expect: guarded(303, 404, 303, 403), location: /^\/secretary\/remind\?sent=1(&branch=[0-9a-f]+)?$/, writes: true,
    after: (cell) => {
      const row = s.db.prepare('SELECT team_id FROM reminders WHERE text = ?').get(`矩阵提醒${cell.n}`) as { team_id: string } | undefined;
      expect(row?.team_id, 'reminded team').toBe(allowed(TABLE['POST /secretary/remind']!.expect[cell.role]) ? teamA.id : undefined);
    },
  },
  'GET /secretary/settings': {
    sample: () => ({ method: 'GET', path: `/secretary/settings?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200),
    shows: (role) => [role === 'secretaryB' ? '乙矿党支部' : '甲矿党支部', '月汇报截止日'],
  },
  'POST /secretary/settings': {
    // A day no earlier cell of this row set (10–16, never the default 5), so every allowed cell writes.
    sample: (cell) => ({ method: 'POST', path: '/secretary/settings', form: formOf(cell, { branch: teamA.branch_id, reportDueDay: String(10 + (cell.n % 7)) }) }),
    expect: guarded(303, 303, 303, 403), location: /^\/secretary\/settings\?saved=1/, writes: true,
    after: (cell) => {
      const day = (branchId: string) => (s.db.prepare("SELECT value FROM config WHERE branch_id = ? AND key = 'reportDueDay'").get(branchId) as { value: string } | undefined)?.value;
      if (!allowed(TABLE['POST /secretary/settings']!.expect[cell.role])) return;
      expect(day(cell.role === 'secretaryB' ? teamB.branch_id : teamA.branch_id), 'the branch whose due day was set').toBe(String(10 + (cell.n % 7)));
    },
  },

  ...BRANCH_ROWS,
};
