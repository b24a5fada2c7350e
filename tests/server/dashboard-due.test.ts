/**
 * The secretary's dashboard and team page by the due rule (src/domain/due.ts), at 05:08 on
 * 2 Dec: nothing of the 2nd is ✕, a team created that morning has no ✕ for earlier days,
 * a shift the team does not work is not owed; counts, sorting, the 未完成 list with its
 * 提醒 links, day links, every owed day on the team page, the week view; the xlsx rate.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { createBranch, createSecretary, createTeam, setConfig, type TeamRow } from '../../src/server/store';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let old: TeamRow;
let fresh: TeamRow;
let branchId: string;
let h: { cookie: string };
let csrf = '';
const NOW = Date.parse('2026-12-02T05:08:00+08:00');

const get = async (path: string) => (await fetch(`${s.url}${path}`, { headers: h })).text();
/** The class of a team's grid cell for a day of December. */
function cell(page: string, teamId: string, day: number): string {
  const row = new RegExp(`<tr data-team="${teamId}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
  const tds = [...row.matchAll(/<td class="(d-[a-z]+)"/g)].map((m) => m[1]);
  return tds[day - 1] ?? 'absent';
}

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-10-01T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  branchId = b.id;
  old = createTeam(s.db, b.id, '甲班', s.clock.now);
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  seedTeam(s.db, old, generateTeamData({ seed: 3, months: 2, workers: 8, endDay: '2026-12-01' }), { now: s.clock.now, today: '2026-12-01' });
  s.clock.now = Date.parse('2026-12-02T05:00:00+08:00');
  fresh = createTeam(s.db, b.id, '丙班', s.clock.now);
  s.clock.now = NOW;
  const signed = await signIn(s.url, 'sec', pw);
  h = { cookie: signed.cookie };
  csrf = signed.csrf;
});
afterAll(async () => {
  await s.stop();
});

describe('dashboard at 05:08 on 2 Dec', () => {
  it('shows today as 进行中 (not ✕), days before a new team blank, past missed days ✕', async () => {
    const page = await get('/secretary/?month=2026-12');
    expect(cell(page, old.id, 2)).toBe('d-progress');
    expect(cell(page, fresh.id, 1)).toBe('d-before');
    expect(cell(page, fresh.id, 2)).toBe('d-progress');
    expect(cell(page, fresh.id, 3)).toBe('d-future');
    expect(page).not.toMatch(new RegExp(`<tr data-team="${fresh.id}">[\\s\\S]*?✕[\\s\\S]*?</tr>`));
    // A cell links to that day of the team.
    expect(page).toContain(`/secretary/team/${old.id}?month=2026-12&amp;day=2026-12-02#day`);
  });

  it('counts and % per team count only owed days; the new team owes none yet', async () => {
    const page = await get('/secretary/?month=2026-12');
    const row = (id: string) => new RegExp(`<tr data-team="${id}">([\\s\\S]*?)</tr>`).exec(page)![1]!;
    expect(row(fresh.id)).toMatch(/data-col="done">0\/0</);
    expect(row(fresh.id)).toMatch(/data-col="rate">—</);
    expect(row(old.id)).toMatch(/data-col="done">[01]\/1</);
    // The current month's report is not red before it is due; nor the new team's November.
    const card = (id: string) => new RegExp(`data-team="${id}">\\s*<h3>[\\s\\S]*?</section>`).exec(page)![0];
    expect(card(fresh.id)).toContain('无需提交');
    expect(card(fresh.id)).not.toContain('未提交');
    expect(card(old.id)).toMatch(/<dt>月汇报<\/dt><dd><span class="badge s-notdue">未到期/);
  });

  it('sorts server-side by ?sort=', async () => {
    const order = (page: string) => [...page.matchAll(/<tr data-team="([^"]+)">/g)].map((m) => m[1]).slice(0, 2);
    // 丙 (bǐng) before 甲 (jiǎ) by name.
    expect(order(await get('/secretary/?month=2026-12&sort=name'))).toEqual([fresh.id, old.id]);
    // By rate: the team with nothing owed comes last.
    expect(order(await get('/secretary/?month=2026-12&sort=rate'))).toEqual([old.id, fresh.id]);
    expect(await get('/secretary/?month=2026-12&sort=name')).toContain('sort=name" aria-current="true"');
  });

  it('lists what is not done with its due day and 提醒 links for one team and for all', async () => {
    const page = await get('/secretary/?month=2026-12');
    const todo = /<table aria-label="未完成"[\s\S]*?<\/table>/.exec(page)![0];
    expect(todo).toContain('今日日跟班（12月2日）');
    expect(todo).toContain('12月2日前');
    expect(todo).toContain('本周周帮扶');
    expect(todo).toContain('12月6日前');
    expect(todo).toContain(`href="/secretary/remind?teams=${old.id}"`);
    expect(todo).toContain(`href="/secretary/remind?teams=${fresh.id}"`);
    expect(page).toMatch(new RegExp(`href="/secretary/remind\\?teams=(${old.id},${fresh.id}|${fresh.id},${old.id})"`));
    // The old team owes its November report by 5 Dec; the new one owes none.
    expect(todo).toMatch(new RegExp(`data-team="${old.id}">[\\s\\S]*?2026年11月月汇报[\\s\\S]*?12月5日前`));
    expect(todo).not.toMatch(new RegExp(`data-team="${fresh.id}">(?:(?!</tr>)[\\s\\S])*?月汇报`));
  });
});

describe('team page', () => {
  it('lists every owed day, done or not, and no day before the team', async () => {
    const oldPage = await get(`/secretary/team/${old.id}?month=2026-12`);
    const due = /<table aria-label="应完成的日跟班"[\s\S]*?<\/table>/.exec(oldPage)![0];
    expect(due).toContain('12月1日');
    expect(due).toContain('12月2日');
    expect(due).toContain('进行中');
    const freshPage = await get(`/secretary/team/${fresh.id}?month=2026-12`);
    const fdue = /<table aria-label="应完成的日跟班"[\s\S]*?<\/table>/.exec(freshPage)![0];
    expect(fdue).not.toContain('12月1日');
    expect(fdue).toContain('12月2日');
  });

  it('has a week view of the days × shifts, and a branch rota makes shifts off it 不当班', async () => {
    let page = await get(`/secretary/team/${old.id}?month=2026-12&week=2026-W49`);
    let week = /<table aria-label="一周视图"[\s\S]*?<\/table>/.exec(page)![0];
    expect(week).toContain('11月30日');
    expect(week).toContain('12月6日');
    expect(week).not.toContain('不当班');
    setConfig(s.db, branchId, `team:${old.id}:rota`, { kind: 'fixed', shiftId: 's2', by: 'branch', at: NOW }, NOW);
    page = await get(`/secretary/team/${old.id}?month=2026-12&week=2026-W49`);
    week = /<table aria-label="一周视图"[\s\S]*?<\/table>/.exec(page)![0];
    expect(week).toContain('不当班');
    expect(page).toContain('倒班：固定八点班（支部设置）');
    // At 05:08 the 八点班 of the 2nd has not begun: the day is not yet owed at all.
    const dash = await get('/secretary/?month=2026-12');
    expect(cell(dash, old.id, 2)).toBe('d-future');
    s.db.prepare('DELETE FROM config WHERE key = ?').run(`team:${old.id}:rota`);
  });
});

describe('rota pushed by the branch', () => {
  const post = (form: Record<string, string>) => fetch(`${s.url}/secretary/team/${old.id}/config`, {
    method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams({ _csrf: csrf, what: 'rota', ...form }),
  });
  it('is saved from the team config page for the phones to pull, refused in zh-CN when incomplete', async () => {
    expect(await get(`/secretary/team/${old.id}/config`)).toContain('保存倒班');
    const bad = await post({ current: 's2' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请选择倒班方式');
    const res = await post({ preset: 'weekly-back', current: 's2' });
    expect(res.status).toBe(303);
    const row = s.db.prepare('SELECT value FROM config WHERE key = ?').get(`team:${old.id}:rota`) as { value: string };
    expect(JSON.parse(row.value)).toEqual({ kind: 'cycle', order: ['s2', 's1', 's3'], days: 7, anchor: '2026-11-30', by: 'branch', at: NOW });
    expect(await get(`/secretary/team/${old.id}?month=2026-12`)).toContain('倒班：八点班→零点班→四点班，每周轮换（支部设置）');
    s.db.prepare('DELETE FROM config WHERE key = ?').run(`team:${old.id}:rota`);
  });
});

describe('xlsx', () => {
  it('日跟班完成率 counts only owed days, never today', async () => {
    const res = await fetch(`${s.url}/secretary/export/branch.xlsx?month=2026-12`, { headers: h });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const rows = new Map<string, number>();
    sheet.eachRow((r, i) => { if (i > 1) rows.set(String(r.getCell(1).value), Number(r.getCell(5).value)); });
    // 甲班 did 1 Dec in full: 100 %, not 50 % with today's unfinished shift counted as missed.
    expect(rows.get('甲班')).toBe(1);
    expect(rows.get('丙班')).toBe(0);
  });
});
