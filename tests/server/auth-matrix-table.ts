/**
 * The table of the authorization matrix: for EVERY route of the app, a sample request and
 * the outcome each role must get, with per-route checks (which branch a team or rubric
 * landed in, that a revoked device is revoked, …). auth-matrix.test.ts checks that its keys
 * are exactly the routes of the app.
 */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { DEFAULT_RUBRIC, getRubric } from '../../src/server/secretary/rubric';
import { enrolDevice } from '../../src/server/secretary/demo-data';
import { checkPassword } from '../../src/server/secretary/auth';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createEnrolCode, createSecretary, createTeam, liveEnrolCodes, setConfig } from '../../src/server/store';
import {
  allowed, creds, credsFor, deviceA, freshDuty, MARK_A, pw, reportA, s, SEC_ROLES, teamA, teamB, teamC,
  type AccountRole, type Cell, type Outcome, type Role, type Row,
} from './auth-matrix-fixtures';
import { loginForm } from './helpers';
import { appendPiece, dataDirOf, declarePhoto } from '../../src/server/photo-store';
import { createHash } from 'node:crypto';

const everyone = (o: Outcome): Record<Role, Outcome> => ({ none: o, deviceA: o, deviceRevoked: o, secretaryA: o, secretaryB: o, admin: o, viewerA: o });
const phoneOnly: Record<Role, Outcome> = { none: 401, deviceA: 200, deviceRevoked: 401, secretaryA: 401, secretaryB: 401, admin: 401, viewerA: 401 };
/** Secretary pages: no session → the sign-in page. `viewer` is branch A's read-only 支委会委员. */
const page = (a: Outcome, b: Outcome, admin: Outcome, viewer: Outcome): Record<Role, Outcome> =>
  ({ none: 'login', deviceA: 'login', deviceRevoked: 'login', secretaryA: a, secretaryB: b, admin, viewerA: viewer });
/** Secretary downloads and forms: no session → 401. */
const guarded = (a: Outcome, b: Outcome, admin: Outcome, viewer: Outcome): Record<Role, Outcome> =>
  ({ none: 401, deviceA: 401, deviceRevoked: 401, secretaryA: a, secretaryB: b, admin, viewerA: viewer });
const own = (role: Role) => (role === 'secretaryB' ? [teamB.name] : [teamA.name]);
/** Adds `count` people to team A's roster config; returns their ids. */
function addToRosterA(n: number, count: number): string[] {
  const key = `team:${teamA.id}:roster`;
  const row = s.db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(teamA.branch_id, key) as { value: string } | undefined;
  const fresh = Array.from({ length: count }, (_, i) => ({ id: `matrix-w${n}-${i}`, name: `人员${n}-${i}`, post: '', partyMember: false, retired: false }));
  setConfig(s.db, teamA.branch_id, key, [...(row ? (JSON.parse(row.value) as unknown[]) : []), ...fresh], s.clock.now);
  return fresh.map((w) => w.id);
}
/** A small .xlsx roster, as a secretary's spreadsheet holds it. */
async function rosterXlsx(n: number): Promise<File> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '工种', '党员']);
  ws.addRow([`表格里的人${n}`, '支架工', '是']);
  return new File([await wb.xlsx.writeBuffer()], 'roster.xlsx');
}
/** A worker of team A as its phone sent it. */
const workerOfA = () => (s.db.prepare("SELECT id FROM records WHERE team_id = ? AND tbl = 'workers' AND deleted = 0 ORDER BY id LIMIT 1").get(teamA.id) as { id: string }).id;
/** A photo of team A declared by device A (its bytes sent too when `complete`); returns its id. */
function photoA(cell: Cell, bytes: Uint8Array, complete: boolean): string {
  const id = `matrix-photo-${cell.role}-${cell.n}`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decl = { sha256, bytes: bytes.length, mime: 'image/jpeg' as const, ownerTable: 'duties' as const, ownerId: 'matrix-duty', role: 'meeting' as const, takenAt: Date.UTC(2026, 9, 5), width: 4, height: 3 };
  declarePhoto(s.db, dataDirOf(s.db), teamA.id, deviceA.id, id, decl, s.clock.now);
  if (complete) appendPiece(s.db, dataDirOf(s.db), teamA.id, id, 0, bytes, s.clock.now);
  return id;
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

  /* ---- secretary: branch-wide pages; asking for branch A gives branch B's secretary her own */
  'GET /secretary/exports': { sample: () => ({ method: 'GET', path: `/secretary/exports?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200), shows: own },
  'GET /secretary/export/branch.xlsx': {
    sample: () => ({ method: 'GET', path: `/secretary/export/branch.xlsx?month=2026-10&branch=${teamA.branch_id}` }), expect: guarded(200, 200, 200, 200), shows: own,
  },
  'GET /secretary/export/report.docx': {
    sample: () => ({ method: 'GET', path: `/secretary/export/report.docx?team=${teamA.id}&month=2026-10` }), expect: guarded(200, 404, 200, 200),
  },
  'GET /secretary/photo/:team/:id': {
    // Opened in a tab like a page: without a session, the sign-in page.
    sample: (cell) => ({ method: 'GET', path: `/secretary/photo/${teamA.id}/${photoA(cell, new TextEncoder().encode(`${MARK_A}-${cell.n}`), true)}` }),
    expect: page(200, 404, 200, 200), shows: () => [MARK_A],
  },
  'GET /secretary/export/photos.zip': {
    sample: () => ({ method: 'GET', path: `/secretary/export/photos.zip?team=${teamA.id}&month=2026-10` }), expect: guarded(200, 404, 200, 200),
  },
  'GET /secretary/export/entries.csv': {
    sample: () => ({ method: 'GET', path: `/secretary/export/entries.csv?from=2026-09-01&to=2026-11-30&team=${teamA.id}` }), expect: guarded(200, 404, 200, 200), shows: () => [teamA.name, MARK_A],
  },
  'GET /secretary/rubric': {
    sample: () => ({ method: 'GET', path: `/secretary/rubric?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200),
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
    expect: guarded(303, 303, 303, 403), location: /^\/secretary\/rubric\?saved=1/, writes: true,
    after: (cell) => {
      const mine = (branchId: string) => getRubric(s.db, branchId).some((i) => i.name.includes(`${cell.role}${cell.n}`));
      const ok = allowed(TABLE['POST /secretary/rubric']!.expect[cell.role]);
      expect(mine(teamA.branch_id), "branch A's rubric").toBe(ok && cell.role !== 'secretaryB');
      expect(mine(teamB.branch_id), "branch B's rubric").toBe(ok && cell.role === 'secretaryB');
    },
  },
  'GET /secretary/hazards': {
    sample: () => ({ method: 'GET', path: `/secretary/hazards?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200), shows: (role) => [...own(role), '销号率'],
  },
  'GET /secretary/ideas': {
    sample: () => ({ method: 'GET', path: `/secretary/ideas?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200), shows: (role) => [...own(role), '金点子库'],
  },
  'POST /secretary/ideas/adopt': {
    sample: (cell) => {
      const r = JSON.parse((s.db.prepare("SELECT body FROM records WHERE tbl = 'reports' AND id = ? AND team_id = ?").get(reportA, teamA.id) as { body: string }).body) as { submissions: { text: { ideas: { id: string }[] } }[] };
      const idea = r.submissions.at(-1)!.text.ideas[0]!.id;
      return { method: 'POST', path: '/secretary/ideas/adopt', form: formOf(cell, { team: teamA.id, report: reportA, idea, adopted: cell.n % 2 ? '1' : '0' }) };
    },
    expect: guarded(303, 404, 303, 403), location: /^\/secretary\/ideas/, writes: true,
  },
  'GET /secretary/branch-config': {
    sample: () => ({ method: 'GET', path: `/secretary/branch-config?branch=${teamA.branch_id}` }), expect: page(200, 200, 200, 200),
    shows: (role) => [role === 'secretaryB' ? '乙矿党支部' : '甲矿党支部', '日跟班检查项'],
  },
  'POST /secretary/branch-config': {
    sample: (cell) => ({ method: 'POST', path: `/secretary/branch-config?branch=${teamA.branch_id}`, form: formOf(cell, { what: 'checklist', text: `班前会${cell.role}${cell.n}\n安全确认` }) }),
    expect: guarded(303, 303, 303, 403), location: /^\/secretary\/branch-config\?saved=checklist/, writes: true,
    after: (cell) => {
      const mine = (branchId: string) => {
        const row = s.db.prepare("SELECT value FROM config WHERE branch_id = ? AND key = 'checklist'").get(branchId) as { value: string } | undefined;
        return row !== undefined && row.value.includes(`班前会${cell.role}${cell.n}`);
      };
      const ok = allowed(TABLE['POST /secretary/branch-config']!.expect[cell.role]);
      expect(mine(teamA.branch_id), "branch A's list").toBe(ok && cell.role !== 'secretaryB');
      expect(mine(teamB.branch_id), "branch B's list").toBe(ok && cell.role === 'secretaryB');
    },
  },
  'POST /secretary/teams': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/teams', form: formOf(cell, { branch: teamA.branch_id, name: `新班组${cell.n}` }) }),
    expect: guarded(303, 303, 303, 403), location: /^\/secretary\/team\/[^/]+#devices$/, writes: true,
    after: (cell) => {
      const t = s.db.prepare('SELECT branch_id FROM teams WHERE name = ?').get(`新班组${cell.n}`) as { branch_id: string } | undefined;
      if (!allowed(TABLE['POST /secretary/teams']!.expect[cell.role])) return expect(t).toBeUndefined();
      expect(t?.branch_id, 'the branch the team was added to').toBe(cell.role === 'secretaryB' ? teamB.branch_id : teamA.branch_id);
    },
  },

  /* ---- every account: its own password (the change is undone after, so later cells still sign in) */
  'GET /secretary/password': { sample: () => ({ method: 'GET', path: '/secretary/password' }), expect: page(200, 200, 200, 200), shows: () => ['修改密码', 'name="repeat"'] },
  'POST /secretary/password': {
    sample: (cell) => {
      const own = SEC_ROLES.has(cell.role) ? pw[cell.role as AccountRole].password : 'x';
      const next = `矩阵新密码-${cell.role}-${cell.n}`;
      return { method: 'POST', path: '/secretary/password', form: formOf(cell, { current: own, new: next, repeat: next }) };
    },
    expect: guarded(303, 303, 303, 303), location: '/secretary/password?saved=1', writes: true, fresh: true,
    after: async (cell) => {
      if (!SEC_ROLES.has(cell.role)) return;
      const a = pw[cell.role as AccountRole];
      expect(checkPassword(s.db, a.user, `矩阵新密码-${cell.role}-${cell.n}`)?.id, 'the new password works').toBe(a.id);
      setOwnPassword(s.db, a.id, a.password, s.clock.now);
      creds[cell.role] = await credsFor(cell.role, true); // the change ended the account's other sessions
    },
  },

  /* ---- admin only */
  'POST /secretary/accounts/:id/end-sessions': {
    // Each cell its own account of branch A with one live session.
    sample: (cell) => {
      const target = createSecretary(s.db, teamA.branch_id, `ended-${cell.n}`, s.clock.now);
      s.db.prepare('INSERT INTO sessions (token_hash, secretary_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(`matrix-session-${cell.n}`, target.id, 'x', s.clock.now, s.clock.now + 3600_000);
      return { method: 'POST', path: `/secretary/accounts/${target.id}/end-sessions`, form: formOf(cell) };
    },
    expect: guarded(403, 403, 303, 403), location: '/secretary/branches?ended=1#accounts', writes: true,
    after: (cell) => {
      const left = s.db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?").get(`matrix-session-${cell.n}`) as { n: number };
      expect(left.n, 'sessions left').toBe(allowed(TABLE['POST /secretary/accounts/:id/end-sessions']!.expect[cell.role]) ? 0 : 1);
    },
  },
  'GET /secretary/audit': { sample: () => ({ method: 'GET', path: '/secretary/audit' }), expect: page(403, 403, 200, 403), shows: () => ['审计日志'] },
  'GET /secretary/audit.csv': {
    sample: () => ({ method: 'GET', path: `/secretary/audit.csv?team=${teamA.id}&from=2000-01-01` }), expect: page(403, 403, 200, 403), shows: () => ['时间（北京时间）', teamA.name],
  },
  'GET /secretary/branches': { sample: () => ({ method: 'GET', path: '/secretary/branches' }), expect: page(403, 403, 200, 403), shows: () => ['甲矿党支部', '乙矿党支部'] },
  'POST /secretary/branches': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/branches', form: formOf(cell, { name: `新支部${cell.n}`, username: `new-sec-${cell.n}` }) }),
    expect: guarded(403, 403, 200, 403), writes: true, shows: () => ['data-testid="new-password"'],
  },
};
