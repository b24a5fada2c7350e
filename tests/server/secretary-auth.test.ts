/**
 * Authorization matrix of /secretary: no session, a phone's token, the secretary of
 * another branch, a forged form, a signed-out cookie. Real server, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { generateTeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { createBranch, createEnrolCode, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { createApp } from '../../src/server/app';
import { ownPassword, postLogin, signIn, signInFirstTime, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let teamA: TeamRow;
let teamB: TeamRow;
let pwA: string;
let pwB: string;
let token: string;
let reportB: string;
let pwAdmin: string;

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const a = createBranch(s.db, '综采一队党支部', s.clock.now);
  const b = createBranch(s.db, '掘进二队党支部', s.clock.now);
  teamA = createTeam(s.db, a.id, '甲班', s.clock.now);
  teamB = createTeam(s.db, b.id, '乙班绝密', s.clock.now);
  pwA = ownPassword(s.db, createSecretary(s.db, a.id, 'sec-a', s.clock.now), s.clock.now);
  pwB = ownPassword(s.db, createSecretary(s.db, b.id, 'sec-b', s.clock.now), s.clock.now);
  const admin = createSecretary(s.db, a.id, 'root', s.clock.now);
  s.db.prepare("UPDATE secretaries SET role = 'admin' WHERE id = ?").run(admin.id);
  pwAdmin = ownPassword(s.db, admin, s.clock.now);
  const opts = { now: s.clock.now, today: '2026-11-03', reportMonths: 1 };
  seedTeam(s.db, teamA, generateTeamData({ seed: 1, months: 2, workers: 10, endDay: '2026-11-02' }), opts);
  seedTeam(s.db, teamB, generateTeamData({ seed: 2, months: 2, workers: 10, endDay: '2026-11-02' }), opts);
  const res = await fetch(`${s.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, code: createEnrolCode(s.db, teamA.id, s.clock.now).code, nonce: 'nonce-0123456789abcdef' }) });
  token = ((await res.json()) as { token: string }).token;
  reportB = (s.db.prepare("SELECT id FROM records WHERE tbl = 'reports' AND team_id = ?").get(teamB.id) as { id: string }).id;
});
afterAll(async () => {
  await s.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.url}${path}`, { redirect: 'manual', headers });
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams(form) });

describe('without a session', () => {
  it('pages redirect to sign-in, downloads and posts get 401', async () => {
    const page = await get('/secretary/');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/secretary/login');
    expect((await get(`/secretary/team/${teamA.id}`)).status).toBe(303);
    expect((await get('/secretary/export/branch.xlsx?month=2026-10')).status).toBe(401);
    expect((await get(`/secretary/export/report.docx?team=${teamA.id}&month=2026-10`)).status).toBe(401);
    expect((await post(`/secretary/report/${reportB}/review`, { 'item-daily': '1' })).status).toBe(401);
    expect((await get('/secretary/login')).status).toBe(200);
  });

  it("a phone's device token opens nothing", async () => {
    const auth = { Authorization: `Bearer ${token}` };
    expect((await get('/api/v1/sync/pull?v=1&since=0', auth)).status).toBe(200);
    expect((await get('/secretary/', auth)).status).toBe(303);
    expect((await get('/secretary/export/branch.xlsx', auth)).status).toBe(401);
    expect((await get(`/secretary/export/entries.csv?from=2026-10-01&to=2026-10-31&team=${teamA.id}`, auth)).status).toBe(401);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict cookie scoped to /secretary, never the password', async () => {
    const res = await postLogin(s.url, 'sec-a', pwA);
    expect(res.status).toBe(303);
    const c = res.headers.getSetCookie().find((x) => x.startsWith('xzw_sec='))!;
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Strict/);
    expect(c).toMatch(/Path=\/secretary/);
    expect(c).not.toMatch(/Secure/); // plain HTTP in tests; TLS adds it
    const stored = s.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    const value = c.split(';')[0]!.split('=')[1]!;
    expect(stored.some((r) => r.token_hash === value)).toBe(false);
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    const app = createApp({ distDir: s.root, db: s.db, tls: true, clock: () => s.clock.now });
    const form = await app.request('https://xzw.example/secretary/login');
    const pre = form.headers.get('set-cookie')!;
    expect(pre).toMatch(/^xzw_pre=.*HttpOnly.*; Secure/);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await app.request('https://xzw.example/secretary/login', {
      method: 'POST', headers: { cookie: pre.split(';')[0]! }, body: new URLSearchParams({ _csrf: token, username: 'sec-a', password: pwA }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((x) => x.startsWith('xzw_sec='))).toMatch(/; Secure/);
  });

  it('refuses a wrong password in zh-CN, records it in the audit log, and lets the right one in', async () => {
    const bad = await postLogin(s.url, 'sec-b', 'wrong-password');
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('账号或密码不正确');
    const row = s.db.prepare("SELECT a.detail, x.username FROM audit_log a JOIN secretaries x ON x.id = a.secretary_id WHERE a.action = 'login_failed' ORDER BY a.id DESC").get() as
      { detail: string; username: string };
    expect(row.username).toBe('sec-b');
    expect(row.detail).toContain('来自 ');
    expect((await postLogin(s.url, 'sec-b', pwB)).status).toBe(303);
  });
});

describe('secretary of branch A', () => {
  it('sees her team and not the team of branch B, anywhere', async () => {
    const { cookie, csrf } = await signIn(s.url, 'sec-a', pwA);
    const h = { cookie };
    const home = await (await get('/secretary/', h)).text();
    expect(home).toContain('甲班');
    expect(home).not.toContain('乙班绝密');
    expect((await get(`/secretary/team/${teamA.id}`, h)).status).toBe(200);
    for (const path of [
      `/secretary/team/${teamB.id}`, `/secretary/team/${teamB.id}/config`, `/secretary/report/${reportB}`,
      `/secretary/print?team=${teamB.id}&month=2026-10`, `/secretary/export/report.docx?team=${teamB.id}&month=2026-10`,
      `/secretary/export/entries.csv?from=2026-10-01&to=2026-10-31&team=${teamB.id}`,
    ]) {
      const res = await get(path, h);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('乙班绝密');
    }
    const score = await post(`/secretary/report/${reportB}/review`, { _csrf: csrf, 'item-daily': '10', 'item-weekly': '10', 'item-onTime': '10', 'item-quality': '10' }, h);
    expect(score.status).toBe(404);
    expect((await post(`/secretary/team/${teamB.id}/code`, { _csrf: csrf }, h)).status).toBe(404);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM reviews').get()).toEqual({ n: 0 });
    // Asking for branch B's month export still gives her own branch only.
    const xlsx = await get(`/secretary/export/branch.xlsx?month=2026-10&branch=${teamB.branch_id}`, h);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '甲班']);
  });

  it('refuses a form without the session CSRF token and writes nothing', async () => {
    const { cookie } = await signIn(s.url, 'sec-a', pwA);
    const reportA = (s.db.prepare("SELECT id FROM records WHERE tbl = 'reports' AND team_id = ?").get(teamA.id) as { id: string }).id;
    const res = await post(`/secretary/report/${reportA}/review`, { _csrf: 'forged', 'item-daily': '10', 'item-weekly': '10', 'item-onTime': '10', 'item-quality': '10' }, { cookie });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('表单已过期');
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM reviews').get()).toEqual({ n: 0 });
  });

  it('signs out: the old cookie opens nothing', async () => {
    const { cookie, csrf } = await signIn(s.url, 'sec-a', pwA);
    expect((await post('/secretary/logout', { _csrf: csrf }, { cookie })).status).toBe(303);
    expect((await get('/secretary/', { cookie })).status).toBe(303);
  });
});

describe('audit log', () => {
  it('records who viewed and exported which team; only the admin reads it', async () => {
    const { cookie } = await signIn(s.url, 'sec-a', pwA);
    await get(`/secretary/team/${teamA.id}?month=2026-10&day=2026-10-12`, { cookie });
    await get(`/secretary/export/report.docx?team=${teamA.id}&month=2026-10`, { cookie });
    const rows = s.db.prepare(`SELECT a.action, a.team_id, s.username FROM audit_log a JOIN secretaries s ON s.id = a.secretary_id
      WHERE a.team_id = ? ORDER BY a.id`).all(teamA.id) as { action: string; team_id: string; username: string }[];
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['view_day', 'export_docx']));
    expect(rows.every((r) => r.username === 'sec-a')).toBe(true);
    expect((await get('/secretary/audit', { cookie })).status).toBe(403);
    const root = await signIn(s.url, 'root', pwAdmin);
    const audit = await get('/secretary/audit', { cookie: root.cookie });
    expect(audit.status).toBe(200);
    const text = await audit.text();
    expect(text).toContain('查看当日记录');
    expect(text).toContain('sec-a');
    // The admin sees every branch.
    expect((await get(`/secretary/team/${teamB.id}`, { cookie: root.cookie })).status).toBe(200);
  });
});

describe('admin', () => {
  it('adds a branch with its secretary (password shown once); a secretary cannot', async () => {
    const sec = await signIn(s.url, 'sec-a', pwA);
    expect((await post('/secretary/branches', { _csrf: sec.csrf, name: '机运队党支部', username: 'sec-c' }, { cookie: sec.cookie })).status).toBe(403);
    const root = await signIn(s.url, 'root', pwAdmin);
    const dup = await post('/secretary/branches', { _csrf: root.csrf, name: '机运队党支部', username: 'sec-a' }, { cookie: root.cookie });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('该账号已存在');
    const ok = await post('/secretary/branches', { _csrf: root.csrf, name: '机运队党支部', username: 'sec-c' }, { cookie: root.cookie });
    expect(ok.status).toBe(200);
    const pw = /data-testid="new-password">([^<]+)</.exec(await ok.text())![1]!;
    const c = await signInFirstTime(s.url, 'sec-c', pw, 'Jiyundui-shuji-pass');
    const home = await (await get('/secretary/', { cookie: c.cookie })).text();
    expect(home).toContain('机运队党支部');
    expect(home).not.toContain(teamA.id);
    expect(home).toContain('本支部还没有班组');
  });

  it('createAdmin makes an account that signs in with the admin role', async () => {
    const { createAdmin } = await import('../../src/server/secretary/accounts');
    const a = createAdmin(s.db, 'root2', s.clock.now);
    const root = await signInFirstTime(s.url, 'root2', a.password, 'Guanliyuan-first-pw');
    expect((await get('/secretary/audit', { cookie: root.cookie })).status).toBe(200);
  });
});
