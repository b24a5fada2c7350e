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
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let team: TeamRow;
let token: string;
let report: MonthlyReport;
let h: { cookie: string };
let csrf: string;

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
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  const device = seedTeam(s.db, team, generateTeamData({ seed: 7, months: 2, workers: 10, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
  token = newToken();
  s.db.prepare('UPDATE devices SET token_hash = ? WHERE id = ?').run(hashToken(token), device.id);
  report = JSON.parse((s.db.prepare("SELECT body FROM records WHERE tbl = 'reports'").get() as { body: string }).body) as MonthlyReport;
  ({ csrf, ...h } = await signIn(s.url, 'sec', pw));
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
    expect(home).toMatch(/aria-label="考核得分"[\s\S]*<td class="num">89.5<\/td>/); // scores over months, per team
  });

  it('refuses adopting an idea that is not in the report', async () => {
    const res = await post(`/secretary/report/${report.id}/review`, { 'item-daily': '1', 'item-weekly': '1', 'item-onTime': '1', 'item-quality': '1', adopted: 'not-an-idea' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('采纳的金点子不属于本汇报');
  });
});

describe('a revised report', () => {
  it('shows every submission and the figures that changed', async () => {
    const last = report.submissions[0]!;
    const figures = structuredClone(last.figures);
    figures.daily.talks.count.value += 3;
    const revised = { ...report, rev: report.rev + 1, updatedAt: report.updatedAt + 1,
      submissions: [...report.submissions, { ...last, at: last.at + 86_400_000, revision: 2, figures }] };
    const { dirty: _d, ...body } = revised as typeof revised & { dirty?: number };
    const res = await fetch(`${s.url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ v: 1, teamId: team.id, records: [{ table: 'reports', id: report.id, rev: revised.rev, updatedAt: revised.updatedAt, deleted: false, body }] }) });
    expect(res.status).toBe(200);
    const page = await (await fetch(`${s.url}/secretary/report/${report.id}`, { headers: h })).text();
    expect(page).toContain('已修订：共提交 2 次');
    const row = new RegExp(`<td>谈心次数</td><td class="num">${last.figures.daily.talks.count.value}</td><td class="num">${figures.daily.talks.count.value}</td>`);
    expect(page).toMatch(row);
    expect(page).not.toContain('<td>跟班班次</td>'); // unchanged figures are not listed
  });
});

describe('rubric', () => {
  it('is editable, validated (total = 100) and used for the next suggestion', async () => {
    const bad = await post('/secretary/rubric', { id: ['a', 'b'], name: ['日跟班', '质量'], points: ['80', '30'], basis: ['daily', 'manual'] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('各项分值合计应为100分（现为110分）');
    const ok = await post('/secretary/rubric', { id: ['a', 'b', 'c'], name: ['日跟班', '质量', ''], points: ['60', '40', ''], basis: ['daily', 'manual', 'manual'] });
    expect(ok.status).toBe(303);
    // This report was scored above: its score keeps the rubric it was made under (16.5); a new
    // score, chosen with rubric=current, uses the edited one.
    const kept = await (await fetch(`${s.url}/secretary/report/${report.id}`, { headers: h })).text();
    expect(kept).toContain('name="item-onTime"');
    const page = await (await fetch(`${s.url}/secretary/report/${report.id}?rubric=current`, { headers: h })).text();
    expect(page).toContain('name="item-a"');
    expect(page).not.toContain('name="item-onTime"');
  });
});

describe('configuration pushed to phones', () => {
  it('roster and shifts per team arrive on the next pull; a removed line is retired if a record uses it, deleted if not', async () => {
    const start = (await pull()).cursor;
    const form = await (await fetch(`${s.url}/secretary/team/${team.id}/config`, { headers: h })).text();
    const phoneWorkers = (s.db.prepare("SELECT body FROM records WHERE tbl = 'workers' AND team_id = ?").all(team.id) as { body: string }[])
      .map((r) => JSON.parse(r.body) as { id: string; name: string });
    const kept = phoneWorkers[0]!;
    expect(form).toContain(kept.name); // the form starts from the phone's roster
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: `${kept.name} 支架工\n张三 采煤机司机 党员\n李四 支架工`, confirm: 'yes', retire: 'yes' })).status).toBe(303);
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: `${kept.name} 支架工\n张三 采煤机司机 党员`, confirm: 'yes', retire: 'yes' })).status).toBe(303);
    const badShift = await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '早班 8点到16点' });
    expect(badShift.status).toBe(400);
    const badPage = await badShift.text();
    expect(badPage).toContain('第1行：格式应为「名称 08:00-16:00」');
    expect(badPage).toContain('早班 8点到16点'); // the input is kept
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '夜班 23:00-07:00\n早班 07:00-15:00\n中班 15:00-23:00' })).status).toBe(303);
    const got = await pull(start);
    const roster = got.config.find((c) => c.key === `team:${team.id}:roster`)!.value as { id: string; name: string; retired: boolean; partyMember: boolean }[];
    const live = roster.filter((r) => !r.retired);
    expect(live.map((r) => [r.name, r.partyMember])).toEqual([[kept.name, false], ['张三', true]]);
    expect(live[0]!.id).toBe(kept.id); // same id as on the phone: its old records stay linked
    expect(roster.find((r) => r.name === '李四')).toBeUndefined(); // added, then removed before any record named him
    // The phone's other workers: kept as retired exactly when a stored record names them.
    const named = new Set((s.db.prepare("SELECT tbl, body FROM records WHERE team_id = ? AND tbl IN ('duties', 'helpRecords', 'pairs', 'hardships')").all(team.id) as { tbl: string; body: string }[])
      .flatMap((r) => JSON.stringify(JSON.parse(r.body)).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? []));
    const removed = phoneWorkers.filter((w) => w.id !== kept.id);
    expect(removed.some((w) => named.has(w.id))).toBe(true); // the fixture's workers have records
    expect(roster.filter((r) => r.retired).map((r) => r.id).sort()).toEqual(removed.filter((w) => named.has(w.id)).map((w) => w.id).sort());
    const shifts = got.config.find((c) => c.key === `team:${team.id}:shifts`)!.value as { name: string; start: string; retired: boolean }[];
    expect(shifts.filter((x) => !x.retired).map((x) => `${x.name}${x.start}`)).toEqual(['夜班23:00', '早班07:00', '中班15:00']);
    expect(shifts.filter((x) => x.retired).map((x) => x.name)).toEqual(['零点班', '八点班', '四点班']);
  });
});

describe('enrolment and devices from the web', () => {
  it('makes a code shown as text and QR that a phone can redeem, lists the device, revokes it', async () => {
    const made = await post(`/secretary/team/${team.id}/code`, {});
    expect(made.status).toBe(303);
    const htmlText = await (await fetch(`${s.url}${made.headers.get('location')!}`, { headers: h })).text();
    const code = /data-testid="enrol-code">([2-9A-Z]{8})</.exec(htmlText)![1]!;
    const qr = /<img class="qr" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(htmlText)![1]!;
    expect(Buffer.from(qr, 'base64').toString()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(htmlText).toContain(`/enrol?code=${code}`);
    const enrol = await fetch(`${s.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, code, nonce: 'nonce-web-0123456789', deviceName: '新手机' }) });
    expect(enrol.status).toBe(200);
    const { token: newTokenValue, deviceId } = (await enrol.json()) as { token: string; deviceId: string };
    const teamPage = await (await fetch(`${s.url}/secretary/team/${team.id}`, { headers: h })).text();
    expect(teamPage).toContain('新手机');
    // 停用 first asks, saying what happens to the phone's unsent records; nothing is revoked yet.
    const ask = await post(`/secretary/device/${deviceId}/revoke`, {});
    expect(ask.status).toBe(200);
    const askText = await ask.text();
    expect(askText).toContain('尚未发送的记录将无法再送达服务器，但仍保存在那部手机上');
    expect(askText).toContain('name="confirm" value="yes"');
    expect((s.db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(deviceId) as { revoked_at: number | null }).revoked_at).toBeNull();
    expect((await post(`/secretary/device/${deviceId}/revoke`, { confirm: 'yes' })).status).toBe(303);
    const pulled = await fetch(`${s.url}/api/v1/sync/pull?v=1&since=0`, { headers: { Authorization: `Bearer ${newTokenValue}` } });
    expect(pulled.status).toBe(401);
    expect(((await pulled.json()) as { error: string }).error).toBe('revoked');
    expect((await pull()).v).toBe(1); // the team's other phone keeps working
  });

  it('adds a team from the dashboard form, refusing an empty name in zh-CN', async () => {
    const bad = await post('/secretary/teams', { name: '  ' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请填写班组名称');
    const ok = await post('/secretary/teams', { name: '掘进二队丙班' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/secretary\/team\/[0-9a-f]+#devices$/);
    expect(await (await fetch(`${s.url}/secretary/`, { headers: h })).text()).toContain('掘进二队丙班');
  });
});
