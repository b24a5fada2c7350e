/**
 * Teams managed by the branch (routes-teams.ts, teams.ts): rename shows everywhere, a
 * duplicate name in one branch is refused in zh-CN, old duplicates are told apart, an
 * archived team leaves the dashboard but stays in the exports of months it worked, and its
 * phones can still send.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBranch, createEnrolCode, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { duty, enrol, postJson, signIn, startTestServer, testId, type TestServer, ownPassword } from './helpers';

let s: TestServer;
let branchId: string;
let h: { cookie: string };
let csrf: string;

beforeAll(async () => {
  s = await startTestServer();
  branchId = createBranch(s.db, '支部', s.clock.now).id;
  const password = ownPassword(s.db, createSecretary(s.db, branchId, 'sec-teams', s.clock.now), s.clock.now);
  const signed = await signIn(s.url, 'sec-teams', password);
  h = { cookie: signed.cookie };
  csrf = signed.csrf;
});
afterAll(async () => {
  await s.stop();
});

const get = async (path: string) => (await fetch(`${s.url}${path}`, { headers: h })).text();
const post = (path: string, form: Record<string, string> = {}) =>
  fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams({ _csrf: csrf, ...form }) });
async function sheetNames(month: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await fetch(`${s.url}/secretary/export/branch.xlsx?month=${month}`, { headers: h })).arrayBuffer());
  return wb.worksheets.map((w) => w.name);
}

describe('teams', () => {
  let a: TeamRow;
  it('renames a team: the new name is on the dashboard, the team page and the export; the audit says from what to what', async () => {
    a = createTeam(s.db, branchId, '综采一队甲班', s.clock.now);
    const res = await post(`/secretary/team/${a.id}/rename`, { name: '  综采一队丁班 ' });
    expect(res.status).toBe(303);
    expect(await get('/secretary/')).toContain('综采一队丁班');
    expect(await get(`/secretary/team/${a.id}`)).toMatch(/<h1>综采一队丁班/);
    expect(await sheetNames('2026-11')).toContain('综采一队丁班');
    const row = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'rename_team' AND team_id = ?").get(a.id) as { detail: string };
    expect(row.detail).toBe('综采一队甲班 → 综采一队丁班');
  });

  it('sets the 区队 a team shows: stored, audited, in the next pull of its phones; an over-long one refused in zh-CN', async () => {
    const t = createTeam(s.db, branchId, '掘进三队甲班', s.clock.now);
    const phone = await enrol(s, createEnrolCode(s.db, t.id, s.clock.now).code, 'nonce-district-0123456789');
    const res = await post(`/secretary/team/${t.id}/rename`, { name: '掘进三队甲班', district: ' 掘进三队 ' });
    expect(res.status).toBe(303);
    expect((s.db.prepare('SELECT district FROM teams WHERE id = ?').get(t.id) as { district: string }).district).toBe('掘进三队');
    const row = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'rename_team' AND team_id = ?").get(t.id) as { detail: string };
    expect(row.detail).toBe('区队：（未设置） → 掘进三队');
    const pulled = await fetch(`${s.url}/api/v1/sync/pull?v=1&since=0`, { headers: { Authorization: `Bearer ${phone.token}` } });
    expect(((await pulled.json()) as { team?: { district?: string } }).team?.district).toBe('掘进三队');
    const long = await post(`/secretary/team/${t.id}/rename`, { name: '掘进三队甲班', district: '区'.repeat(200) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('区队名称请控制在');
    expect((s.db.prepare('SELECT district FROM teams WHERE id = ?').get(t.id) as { district: string }).district).toBe('掘进三队');
  });

  it('refuses a name another team of the branch has, in zh-CN, when adding and when renaming', async () => {
    const b = createTeam(s.db, branchId, '掘进二队乙班', s.clock.now);
    const add = await post('/secretary/teams', { branch: branchId, name: '综采一队丁班' });
    expect(add.status).toBe(400);
    expect(await add.text()).toContain('本支部已有名为「综采一队丁班」的班组');
    const rename = await post(`/secretary/team/${b.id}/rename`, { name: '综采一队丁班' });
    expect(rename.status).toBe(400);
    expect(await rename.text()).toContain('本支部已有名为「综采一队丁班」的班组');
    expect((s.db.prepare('SELECT name FROM teams WHERE id = ?').get(b.id) as { name: string }).name).toBe('掘进二队乙班');
    // Another branch may use the name.
    const other = createBranch(s.db, '别的支部', s.clock.now);
    expect(createTeam(s.db, other.id, '综采一队丁班', s.clock.now).name).toBe('综采一队丁班');
    expect((await post(`/secretary/team/${b.id}/rename`, { name: '' })).status).toBe(400);
  });

  it('tells apart duplicates made before the rule, in order of creation', async () => {
    const x = createTeam(s.db, branchId, '机电队', s.clock.now + 1);
    const y = createTeam(s.db, branchId, '机电队', s.clock.now + 2);
    const dash = await get('/secretary/');
    expect(dash).toContain(`href="/secretary/team/${x.id}"`);
    expect(dash).toMatch(/机电队（1）[^]*机电队（2）/);
    expect(await get(`/secretary/team/${y.id}`)).toMatch(/<h1>机电队（2）/);
    expect(await sheetNames('2026-11')).toEqual(expect.arrayContaining(['机电队（1）', '机电队（2）']));
  });

  it('archives a team: off the dashboard, in the export of a month it worked but not of one it did not; its phone still sends; restore brings it back', async () => {
    const t = createTeam(s.db, branchId, '通风队', s.clock.now);
    const phone = await enrol(s, createEnrolCode(s.db, t.id, s.clock.now).code, 'nonce-archive-0123456789');
    const pushed = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: t.id, records: [duty(testId(), 1, '归档前')] }, phone.token);
    expect(pushed.status).toBe(200); // its duty is dated 2026-11-01

    expect((await post(`/secretary/team/${t.id}/archive`)).status).toBe(303);
    const dash = await get('/secretary/?month=2026-11');
    expect(dash).toMatch(/data-testid="archived-teams">[^]*通风队/);
    expect(dash.slice(0, dash.indexOf('data-testid="archived-teams"'))).not.toContain('通风队');
    expect(await sheetNames('2026-11')).toContain('通风队');
    expect(await sheetNames('2026-09')).not.toContain('通风队');

    const after = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: t.id, records: [duty(testId(), 1, '归档后')] }, phone.token);
    expect(after.status).toBe(200);
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM records WHERE team_id = ?').get(t.id) as { n: number }).n).toBe(2);

    expect((await post(`/secretary/team/${t.id}/restore`)).status).toBe(303);
    const back = await get('/secretary/');
    expect(back).toContain('通风队');
    expect(back).not.toContain('data-testid="archived-teams"');
    const actions = s.db.prepare('SELECT action FROM audit_log WHERE team_id = ? ORDER BY id').all(t.id).map((r) => (r as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['archive_team', 'restore_team']));
  });
});
