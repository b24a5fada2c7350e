/**
 * Issue 16.4/16.5 on the real server: a report revised after its score is 待复评 on the
 * dashboard, the team page and the report page, with the figures and text that changed since
 * the scored revision; every revision opens, even one the report's body no longer carries. A
 * score keeps the rubric it was made under; the rubric must total 100 with unique names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../src/domain/report';
import { generateTeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { reportState } from '../../src/server/secretary/report-state';
import { scoreBreakdown } from '../../src/server/secretary/report-doc';
import { DEFAULT_RUBRIC, scoredRubricOf } from '../../src/server/secretary/rubric';
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
const get = async (path: string) => (await fetch(`${s.url}${path}`, { headers: h })).text();
const stored = (id = report.id) => JSON.parse((s.db.prepare("SELECT body FROM records WHERE tbl = 'reports' AND id = ?").get(id) as { body: string }).body) as MonthlyReport;
const SCORE = { 'item-daily': '30', 'item-weekly': '20', 'item-onTime': '15', 'item-quality': '18', feedback: '继续保持。' };

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, b.id, '甲班', s.clock.now);
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  const device = seedTeam(s.db, team, generateTeamData({ seed: 7, months: 2, workers: 10, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
  token = newToken();
  s.db.prepare('UPDATE devices SET token_hash = ? WHERE id = ?').run(hashToken(token), device.id);
  report = stored((s.db.prepare("SELECT id FROM records WHERE tbl = 'reports'").get() as { id: string }).id);
  ({ csrf, ...h } = await signIn(s.url, 'sec', pw));
});
afterAll(async () => {
  await s.stop();
});

/** The phone resubmits: one more shift followed, one more hazard found, 回头看 rewritten. */
async function pushRevision2(): Promise<MonthlyReport> {
  const last = report.submissions.at(-1)!;
  const figures = structuredClone(last.figures);
  figures.daily.followed.value += 1;
  figures.hazards.found.value += 1;
  const sub = { ...last, at: last.at + 86_400_000, revision: 2, figures, text: { ...last.text, lookBack: '补充：新增一个跟班和一项隐患。' } };
  const revised = { ...report, rev: report.rev + 1, updatedAt: report.updatedAt + 1, lookBack: sub.text.lookBack, submissions: [...report.submissions, sub] };
  const { dirty: _d, ...body } = revised as typeof revised & { dirty?: number };
  const res = await fetch(`${s.url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ v: 1, teamId: team.id, records: [{ table: 'reports', id: report.id, rev: revised.rev, updatedAt: revised.updatedAt, deleted: false, body }] }) });
  expect(res.status).toBe(200);
  return revised;
}

describe('re-review (16.4)', () => {
  it('a revision after the score is 待复评 everywhere, with the diff against the scored revision', async () => {
    expect((await post(`/secretary/report/${report.id}/review`, SCORE)).status).toBe(303);
    expect(reportState(s.db, team.id, stored()).state).toBe('scored');
    expect(await get(`/secretary/?month=${report.month}`)).toContain('已评分');

    s.clock.now += 3_600_000;
    const revised = await pushRevision2();
    expect(reportState(s.db, team.id, stored())).toMatchObject({ state: 'rereview', scoredRevision: 1 });

    const home = await get(`/secretary/?month=${report.month}`);
    expect(home).toContain('待复评');
    expect(home).toContain('（原评 83 分）');
    expect(home).not.toContain('已评分');
    expect(await get(`/secretary/team/${team.id}?month=${report.month}`)).toContain('待复评');

    const page = await get(`/secretary/report/${report.id}?team=${team.id}`);
    expect(page).toContain('data-testid="rereview"');
    expect(page).toContain('第1次提交已评 83 分，之后又提交了第2次');
    const [r1, r2] = [report.submissions[0]!, revised.submissions[1]!];
    expect(page).toContain(`<tr><td>跟班班次</td><td class="num">${r1.figures.daily.followed.value}</td><td class="num">${r2.figures.daily.followed.value}</td></tr>`);
    expect(page).toContain(`<tr><td>发现隐患</td><td class="num">${r1.figures.hazards.found.value}</td><td class="num">${r2.figures.hazards.found.value}</td></tr>`);
    expect(page).toContain(`<td>回头看</td><td><del>${r1.text.lookBack}</del></td><td><ins>补充：新增一个跟班和一项隐患。</ins></td>`);
    expect(page).toContain(`href="/secretary/report/${report.id}?team=${team.id}&amp;rev=1"`);

    // Saving again scores revision 2: no longer 待复评.
    expect((await post(`/secretary/report/${report.id}/review`, SCORE)).status).toBe(303);
    expect(reportState(s.db, team.id, stored())).toMatchObject({ state: 'scored', scoredRevision: 2 });
  });

  it('every revision opens, read only, even one the report body no longer holds', async () => {
    const r1 = report.submissions[0]!;
    const old = await get(`/secretary/report/${report.id}?team=${team.id}&rev=1`);
    expect(old).toContain('第1次提交的内容（历史版本，只读）');
    expect(old).toContain(`<th>跟班班次</th><td class="num">${r1.figures.daily.followed.value}</td>`);
    expect(old).not.toContain('保存评分');
    expect((await fetch(`${s.url}/secretary/report/${report.id}?team=${team.id}&rev=9`, { headers: h })).status).toBe(404);

    // A body that lost revision 1 (say a conflict between two phones): the server still has it.
    s.db.prepare("UPDATE review_items SET submission = ? WHERE report_id = ?").run(JSON.stringify(r1), report.id);
    s.db.prepare("UPDATE records SET body = json_set(body, '$.submissions', json_extract(body, '$.submissions[1]')) WHERE tbl = 'reports' AND id = ?").run(report.id);
    s.db.prepare("UPDATE records SET body = json_set(body, '$.submissions', json_array(json(json_extract(body, '$.submissions')))) WHERE tbl = 'reports' AND id = ?").run(report.id);
    expect(stored().submissions.map((x) => x.revision)).toEqual([2]);
    const kept = await get(`/secretary/report/${report.id}?team=${team.id}&rev=1`);
    expect(kept).toContain(`<th>跟班班次</th><td class="num">${r1.figures.daily.followed.value}</td>`);
  });

  it('a score saved before migration 6 (no revision stored) is placed by the submission times', () => {
    s.db.prepare('UPDATE review_items SET revision = NULL, rubric = NULL WHERE report_id = ?').run(report.id);
    const reviewedAt = (s.db.prepare('SELECT reviewed_at FROM reviews WHERE report_id = ?').get(report.id) as { reviewed_at: number }).reviewed_at;
    const r = { ...stored(), submissions: [{ ...report.submissions[0]!, at: reviewedAt - 1 }, { ...stored().submissions[0]!, at: reviewedAt + 1 }] };
    expect(reportState(s.db, team.id, r)).toMatchObject({ state: 'rereview', scoredRevision: 1 });
    // Its rubric is rebuilt from the item scores it kept.
    expect(scoredRubricOf(s.db, team.id, report.id, DEFAULT_RUBRIC)).toEqual(DEFAULT_RUBRIC);
  });
});

describe('rubric versions (16.5)', () => {
  it('a changed rubric applies to new scores; an old score is re-saved and printed under its own', async () => {
    const edited = { id: ['daily', 'weekly', 'onTime', 'quality'], name: ['日跟班完成率', '周帮扶', '月汇报按时', '汇报质量'], points: ['40', '25', '10', '25'], basis: ['daily', 'weekly', 'onTime', 'manual'] };
    expect((await post('/secretary/rubric', edited)).status).toBe(303);

    const page = await get(`/secretary/report/${report.id}?team=${team.id}`);
    expect(page).toMatch(/name="item-onTime" min="0" max="15"/);
    expect(page).toContain('本汇报按评分时的考核细则评分');
    const resaved = await post(`/secretary/report/${report.id}/review`, { ...SCORE, feedback: '补充意见：隐患按期销号。' });
    expect(resaved.status, await resaved.text()).toBe(303);
    expect((s.db.prepare('SELECT feedback FROM reviews WHERE report_id = ?').get(report.id) as { feedback: string }).feedback).toBe('补充意见：隐患按期销号。');

    // What print, Word and the xlsx read: the score with the rubric it was made under.
    const breakdown = scoreBreakdown(s.db, team, stored())!;
    expect(breakdown.rubric!.find((i) => i.id === 'onTime')!.points).toBe(15);
    expect(breakdown.items.find((i) => i.id === 'onTime')).toMatchObject({ points: 15, score: 15 });
    const print = await get(`/secretary/print?team=${team.id}&month=${report.month}`);
    expect(print).toContain('月汇报按时（15分）');
    expect(print).toContain('汇报质量（20分）');
    expect(print).toContain('按评分时的考核细则计分（满分 100 分），考核细则之后已修改');

    // Scoring again under the current rubric is a choice, checked against that rubric.
    expect(await get(`/secretary/report/${report.id}?team=${team.id}&rubric=current`)).toMatch(/name="item-onTime" min="0" max="10"/);
    const refused = await post(`/secretary/report/${report.id}/review`, { ...SCORE, rubric: 'current' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('「月汇报按时」得分应在 0 到 10 之间');
    expect((await post(`/secretary/report/${report.id}/review`, { ...SCORE, 'item-onTime': '10', 'item-quality': '23', rubric: 'current' })).status).toBe(303);
    expect(await get(`/secretary/print?team=${team.id}&month=${report.month}`)).toContain('月汇报按时（10分）');
  });

  it('refuses duplicate item names and totals other than 100, in zh-CN, and keeps the rubric', async () => {
    const before = s.db.prepare('SELECT items FROM rubrics').get();
    const dup = await post('/secretary/rubric', { id: ['a', 'b', 'c'], name: ['质量', '质量', '日跟班'], points: ['30', '30', '40'], basis: ['manual', 'manual', 'daily'] });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('考核项目名称重复：「质量」');
    const short = await post('/secretary/rubric', { id: ['a', 'b'], name: ['质量', '日跟班'], points: ['30', '60'], basis: ['manual', 'daily'] });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('各项分值合计应为100分（现为90分）');
    expect(s.db.prepare('SELECT items FROM rubrics').get()).toEqual(before);
  });
});
