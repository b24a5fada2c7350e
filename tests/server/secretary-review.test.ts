/**
 * 考核 and configuration reach the phone through the existing pull: a score, feedback and
 * an adopted 金点子 written on the web come back to the team's device; bad input is
 * refused in zh-CN without writing; a retired roster line stays on the phone as retired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/domain/sync-protocol';
import type { MonthlyReport } from '../../src/domain/report';
import { generateTeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { hashToken, newToken } from '../../src/server/crypto';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { startTestServer, type TestServer } from './helpers';

let s: TestServer;
let team: TeamRow;
let token: string;
let report: MonthlyReport;
let h: { cookie: string };
let csrf: string;

async function signIn(username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${s.url}/secretary/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${s.url}/secretary/`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}
const post = (path: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  return fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: h, body });
};
const pull = async (since = 0): Promise<PullResponse> =>
  (await (await fetch(`${s.url}/api/v1/sync/pull?v=1&since=${since}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as PullResponse;

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, b.id, '甲班', s.clock.now);
  const pw = createSecretary(s.db, b.id, 'sec', s.clock.now).password;
  const device = seedTeam(s.db, team, generateTeamData({ seed: 7, months: 2, workers: 10, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
  token = newToken();
  s.db.prepare('UPDATE devices SET token_hash = ? WHERE id = ?').run(hashToken(token), device.id);
  report = JSON.parse((s.db.prepare("SELECT body FROM records WHERE tbl = 'reports'").get() as { body: string }).body) as MonthlyReport;
  ({ csrf, ...h } = await signIn('sec', pw));
});
afterAll(async () => {
  await s.stop();
});

describe('scoring a report', () => {
  it('suggests item scores from the rubric and the figures', async () => {
    const page = await (await fetch(`${s.url}/secretary/report/${report.id}`, { headers: h })).text();
    expect(page).toContain('月度工作汇报');
    expect(page).toContain(report.ideas[0]!.title);
    expect(page).toMatch(/name="item-onTime"[^>]*value="15"/); // submitted on 2026-11-02, before the 5th
    expect(page).toMatch(/name="item-quality"[^>]*value=""/); // manual: the secretary decides
  });

  it('refuses out-of-range scores in zh-CN, keeps the input, writes nothing', async () => {
    const res = await post(`/secretary/report/${report.id}/review`, { 'item-daily': '55', 'item-weekly': '20', 'item-onTime': '15', 'item-quality': '', feedback: '写了一半的意见' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('「日跟班完成率」得分应在 0 到 40 之间');
    expect(page).toContain('「汇报质量」请填写得分');
    expect(page).toContain('写了一半的意见');
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM reviews').get()).toEqual({ n: 0 });
  });

  it('reaches the phone on its next pull: score, feedback, adopted idea', async () => {
    const before = await pull();
    expect(before.reviews).toEqual([]);
    const idea = report.ideas[1]!.id;
    const res = await post(`/secretary/report/${report.id}/review`, {
      'item-daily': '36.5', 'item-weekly': '20', 'item-onTime': '15', 'item-quality': '18', feedback: '  隐患销号要及时。 ', adopted: [idea],
    });
    expect(res.status).toBe(303);
    const after = await pull(before.cursor);
    expect(after.reviews).toEqual([{ reportId: report.id, score: 89.5, feedback: '隐患销号要及时。', adoptedIdeaIds: [idea], reviewedAt: s.clock.now }]);
    const teamPage = await (await fetch(`${s.url}/secretary/team/${team.id}`, { headers: h })).text();
    expect(teamPage).toContain('89.5'); // 考核得分 over months
    const home = await (await fetch(`${s.url}/secretary/?month=${report.month}`, { headers: h })).text();
    expect(home).toContain('已评分');
  });

  it('refuses adopting an idea that is not in the report', async () => {
    const res = await post(`/secretary/report/${report.id}/review`, { 'item-daily': '1', 'item-weekly': '1', 'item-onTime': '1', 'item-quality': '1', adopted: 'not-an-idea' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('采纳的金点子不属于本汇报');
  });
});

describe('rubric', () => {
  it('is editable, validated (total ≤ 100) and used for the next suggestion', async () => {
    const bad = await post('/secretary/rubric', { id: ['a', 'b'], name: ['日跟班', '质量'], points: ['80', '30'], basis: ['daily', 'manual'] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('各项分值合计不能超过100');
    const ok = await post('/secretary/rubric', { id: ['a', 'b', 'c'], name: ['日跟班', '质量', ''], points: ['60', '40', ''], basis: ['daily', 'manual', 'manual'] });
    expect(ok.status).toBe(303);
    const page = await (await fetch(`${s.url}/secretary/report/${report.id}`, { headers: h })).text();
    expect(page).toContain('name="item-a"');
    expect(page).not.toContain('name="item-onTime"');
  });
});

describe('configuration pushed to phones', () => {
  it('roster and shifts per team arrive on the next pull; a removed line is retired, not deleted', async () => {
    const start = (await pull()).cursor;
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: '张三 采煤机司机 党员\n李四 支架工' })).status).toBe(303);
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: '张三 采煤机司机 党员' })).status).toBe(303);
    const badShift = await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '早班 8点到16点' });
    expect(badShift.status).toBe(400);
    expect(await badShift.text()).toContain('第1行：格式应为「名称 08:00-16:00」');
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '夜班 23:00-07:00\n早班 07:00-15:00\n中班 15:00-23:00' })).status).toBe(303);
    const got = await pull(start);
    const roster = got.config.find((c) => c.key === `team:${team.id}:roster`)!.value as { name: string; retired: boolean; partyMember: boolean }[];
    expect(roster.map((r) => [r.name, r.retired, r.partyMember])).toEqual([['张三', false, true], ['李四', true, false]]);
    const shifts = got.config.find((c) => c.key === `team:${team.id}:shifts`)!.value as { name: string; start: string }[];
    expect(shifts.map((x) => `${x.name}${x.start}`)).toEqual(['夜班23:00', '早班07:00', '中班15:00']);
  });
});
