/**
 * The authorization matrix, its second half: branch-wide secretary pages, every account's own
 * password, and the admin's routes. auth-matrix-table.ts holds the rest and the whole TABLE;
 * rows here read their own outcomes from BRANCH_ROWS.
 */
import { expect } from 'vitest';
import { DEFAULT_RUBRIC, getRubric } from '../../src/server/secretary/rubric';
import { checkPassword } from '../../src/server/secretary/auth';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createSecretary } from '../../src/server/store';
import { allowed, creds, credsFor, MARK_A, pw, reportA, s, SEC_ROLES, teamA, teamB, type AccountRole, type Row } from './auth-matrix-fixtures';
import { formOf, guarded, page, own, photoA } from './auth-matrix-outcomes';

export const BRANCH_ROWS: Record<string, Row> = {
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
      const ok = allowed(BRANCH_ROWS['POST /secretary/rubric']!.expect[cell.role]);
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
      const ok = allowed(BRANCH_ROWS['POST /secretary/branch-config']!.expect[cell.role]);
      expect(mine(teamA.branch_id), "branch A's list").toBe(ok && cell.role !== 'secretaryB');
      expect(mine(teamB.branch_id), "branch B's list").toBe(ok && cell.role === 'secretaryB');
    },
  },
  'POST /secretary/teams': {
    sample: (cell) => ({ method: 'POST', path: '/secretary/teams', form: formOf(cell, { branch: teamA.branch_id, name: `新班组${cell.n}` }) }),
    expect: guarded(303, 303, 303, 403), location: /^\/secretary\/team\/[^/]+#devices$/, writes: true,
    after: (cell) => {
      const t = s.db.prepare('SELECT branch_id FROM teams WHERE name = ?').get(`新班组${cell.n}`) as { branch_id: string } | undefined;
      if (!allowed(BRANCH_ROWS['POST /secretary/teams']!.expect[cell.role])) return expect(t).toBeUndefined();
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
      expect(left.n, 'sessions left').toBe(allowed(BRANCH_ROWS['POST /secretary/accounts/:id/end-sessions']!.expect[cell.role]) ? 0 : 1);
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

