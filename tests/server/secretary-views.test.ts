/**
 * Issue 16.10, what the secretary needs to see: overdue hazards marked and listed across teams
 * (filters, 销号率), 困难职工 and 1+X pages agreeing with the report's figures, a worker's
 * history across months, the 金点子库 with 已采纳 stored and audited; another branch sees none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newHazard } from '../../src/domain/hazard';
import { recordMeta } from '../../src/domain/weekly-meta';
import { computeMonthFigures } from '../../src/domain/report-figures';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { createBranch, createSecretary, createTeam, setReview, type TeamRow } from '../../src/server/store';
import { adoptedIds } from '../../src/server/secretary/ideas';
import { generateTeamData, type TeamData } from '../fixtures/generate';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let a: TeamRow;
let a2: TeamRow;
let d: TeamData;
let secA: { cookie: string; csrf: string };
let secB: { cookie: string; csrf: string };
const NOW = Date.parse('2026-11-30T10:00:00+08:00');

const get = (path: string, who = secA) => fetch(`${s.url}${path}`, { headers: { cookie: who.cookie } });
const text = async (path: string, who = secA) => (await get(path, who)).text();
const audits = (action: string) => s.db.prepare('SELECT team_id, detail FROM audit_log WHERE action = ?').all(action) as { team_id: string | null; detail: string }[];

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = NOW;
  const branchA = createBranch(s.db, '综采一队党支部', NOW);
  const branchB = createBranch(s.db, '掘进二队党支部', NOW);
  a = createTeam(s.db, branchA.id, '甲班', NOW);
  a2 = createTeam(s.db, branchA.id, '乙班', NOW);
  createTeam(s.db, branchB.id, '丙班', NOW);
  d = generateTeamData({ seed: 7, months: 3, workers: 12, endDay: '2026-11-29' });
  const late = newHazard({ id: 'hz-late', createdAt: NOW - 90 * 86_400_000 }, { day: '2026-09-01', shiftName: '八点班', dutyId: null },
    { description: '回风巷锚杆托盘松动', responsible: '王班长', deadline: '2026-09-09' });
  d.hazards.push(late);
  // 帮扶金 800 in November, as in the report of issue 16.10.
  d.hardships.push({ ...recordMeta('hs-fund', NOW), workerId: d.workers[1]!.id, kind: '子女上学', help: 'fund', amountYuan: 800, day: '2026-11-12', note: '发放助学帮扶金', followUp: '' });
  seedTeam(s.db, a, d, { now: NOW, today: '2026-11-30', reportMonths: 2 });
  const other = generateTeamData({ seed: 8, months: 1, workers: 6, endDay: '2026-11-29' });
  seedTeam(s.db, a2, other, { now: NOW, today: '2026-11-30' });
  secA = await signIn(s.url, 'sec-a', ownPassword(s.db, createSecretary(s.db, branchA.id, 'sec-a', NOW), NOW));
  secB = await signIn(s.url, 'sec-b', ownPassword(s.db, createSecretary(s.db, branchB.id, 'sec-b', NOW), NOW));
});
afterAll(async () => {
  await s.stop();
});

describe('overdue hazards and the branch hazard list', () => {
  it('marks an open hazard past its 期限 in red with the days overdue, on the team page and the branch list', async () => {
    const team = await text(`/secretary/team/${a.id}?month=2026-11`);
    expect(team).toMatch(/回风巷锚杆托盘松动.*?未销号 <span class="stale" data-testid="overdue">逾期 82 天<\/span>/s);
    const list = await text('/secretary/hazards');
    expect(list).toContain('回风巷锚杆托盘松动');
    expect(list).toContain('逾期 82 天');
    expect(list).toContain('乙班'); // every team of the branch
  });

  it('filters by team, status and overdue, and gives the closure rate of the selection', async () => {
    const all = d.hazards.filter((h) => !h.deleted);
    const closed = all.filter((h) => h.status === 'closed').length;
    const mine = await text(`/secretary/hazards?team=${a.id}`);
    expect(mine).toContain(`共 ${all.length} 条，已销号 ${closed} 条，销号率 <b>${Math.round((closed / all.length) * 100)}%</b>`);
    expect(mine).not.toMatch(/<td><a href="\/secretary\/team\/[^"]+">乙班<\/a><\/td>/);
    const overdue = await text(`/secretary/hazards?team=${a.id}&overdue=1`);
    const rows = overdue.match(/<tr><td><a href/g) ?? [];
    expect(rows.length).toBe(all.filter((h) => h.status === 'open' && h.deadline !== null && h.deadline < '2026-11-30').length);
    expect(overdue).toContain('回风巷锚杆托盘松动');
    const closedOnly = await text(`/secretary/hazards?team=${a.id}&status=closed`);
    expect(closedOnly).not.toContain('回风巷锚杆托盘松动');
    expect((closedOnly.match(/<tr><td><a href/g) ?? []).length).toBe(closed);
  });

  it('answers a bad filter with a zh-CN 400 page and a team of another branch like a missing one', async () => {
    const bad = await get('/secretary/hazards?status=maybe');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('状态「maybe」无效');
    const foreign = await get(`/secretary/hazards?team=${a.id}`, secB);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).not.toContain('回风巷');
    expect(await text('/secretary/hazards', secB)).not.toContain('回风巷');
  });
});

describe('困难职工, 1+X and a worker', () => {
  it('lists the records behind the report figures 困难职工帮扶 and 1+X结对 of the month', async () => {
    const f = computeMonthFigures('2026-11', { ...d, team: { shifts: d.team.shifts } });
    const hardships = await text(`/secretary/team/${a.id}/hardships?month=2026-11`);
    expect(f.weekly.hardship.fundsYuan).toBe(800);
    expect(hardships).toContain(`帮扶 <b>${f.weekly.hardship.people.value}</b> 人，走访 <b>${f.weekly.hardship.visits.value}</b> 次，帮扶金 <b>${f.weekly.hardship.fundsYuan}</b> 元`);
    const inMonth = d.hardships.filter((h) => !h.deleted && h.day >= '2026-11-01' && h.day <= '2026-11-30');
    expect(inMonth.length).toBeGreaterThan(0);
    expect((hardships.match(/<tr><td>2026-11-/g) ?? []).length).toBe(inMonth.length);
    const pairs = await text(`/secretary/team/${a.id}/pairs?month=2026-11`);
    expect(pairs).toContain(`在结对 <b>${f.weekly.pairs.active.value}</b> 组`);
    const mentor = d.workers.find((w) => w.id === d.pairs[0]!.mentorId)!;
    expect(pairs).toContain(`/secretary/team/${a.id}/worker/${mentor.id}">${mentor.name}</a>`);
    expect(audits('view_hardships').map((x) => x.team_id)).toContain(a.id);
  });

  it("shows one worker's screenings, talks and help across months", async () => {
    const helped = d.helpRecords.find((r) => !r.deleted)!;
    const w = d.workers.find((x) => x.id === helped.workerId)!;
    const page = await text(`/secretary/team/${a.id}/worker/${w.id}`);
    const weak = d.duties.filter((x) => !x.deleted).reduce((n, x) => n + x.weak.entries.filter((e) => e.workerId === w.id).length, 0);
    const talks = d.duties.filter((x) => !x.deleted && x.talks.workerIds.includes(w.id)).length;
    const help = d.helpRecords.filter((r) => !r.deleted && r.workerId === w.id).length;
    expect(page).toContain(`薄弱人员排查 ${weak} 次，谈心 ${talks} 次，周帮扶 ${help} 次。`);
    expect(page).toContain(helped.situation);
    const months = [...page.matchAll(/<h2>(\d{4}-\d\d)<\/h2>/g)].map((m) => m[1]);
    expect(months.length).toBeGreaterThan(1);
    expect(months).toEqual([...months].sort().reverse());
    expect((await get(`/secretary/team/${a.id}/worker/no-such`)).status).toBe(404);
    expect((await get(`/secretary/team/${a.id}/worker/${w.id}`, secB)).status).toBe(404);
    expect((await get(`/secretary/team/${a.id}/hardships`, secB)).status).toBe(404);
    expect((await get(`/secretary/team/${a.id}/pairs`, secB)).status).toBe(404);
  });
});

describe('金点子库', () => {
  it('lists the ideas of every team and month; adopting one is stored, audited and shown', async () => {
    const before = await text('/secretary/ideas');
    const rows = [...before.matchAll(/name="report" value="([^"]+)"><input type="hidden" name="idea" value="([^"]+)">\s*<input type="hidden" name="adopted" value="(\d)"/g)];
    const months = [...before.matchAll(/<tr><td>(\d{4}-\d\d)<\/td><td>甲班<\/td>/g)].map((m) => m[1]);
    expect(new Set(months)).toEqual(new Set(['2026-10', '2026-09']));
    const target = rows.find((r) => r[3] === '1')!;
    const res = await fetch(`${s.url}/secretary/ideas/adopt`, {
      method: 'POST', redirect: 'manual', headers: { cookie: secA.cookie },
      body: new URLSearchParams({ _csrf: secA.csrf, team: a.id, report: target[1]!, idea: target[2]!, adopted: '1' }),
    });
    expect(res.status).toBe(303);
    const stored = s.db.prepare('SELECT adopted, secretary_id FROM idea_adoptions WHERE report_id = ? AND idea_id = ?').get(target[1], target[2]) as { adopted: number };
    expect(stored.adopted).toBe(1);
    expect(audits('adopt_idea')).toHaveLength(1);
    const after = await text('/secretary/ideas?adopted=1');
    expect(after).toMatch(new RegExp(`name="idea" value="${target[2]}">\\s*<input type="hidden" name="adopted" value="0"`));
    // Print, Word/xlsx (same source) and the review form agree with the library.
    const month = /<tr><td>(\d{4}-\d\d)<\/td><td>甲班<\/td><td><b>([^<]+)<\/b>/.exec(after)!;
    expect(await text(`/secretary/print?team=${a.id}&month=${month[1]}`)).toContain(`${month[2]}（已采纳）`);
    expect(await text(`/secretary/report/${target[1]}?team=${a.id}`)).toMatch(new RegExp(`name="adopted" value="${target[2]}" checked`));
    // Another branch can neither see nor mark it.
    expect(await text('/secretary/ideas', secB)).not.toContain(target[2]!);
    const foreign = await fetch(`${s.url}/secretary/ideas/adopt`, {
      method: 'POST', redirect: 'manual', headers: { cookie: secB.cookie },
      body: new URLSearchParams({ _csrf: secB.csrf, team: a.id, report: target[1]!, idea: target[2]!, adopted: '0' }),
    });
    expect(foreign.status).toBe(404);
    expect((s.db.prepare('SELECT adopted FROM idea_adoptions WHERE idea_id = ?').get(target[2]) as { adopted: number }).adopted).toBe(1);
  });

  it('on a reviewed report, a library mark is written into the review the phone pulls; a later review decides again', async () => {
    const [report] = s.db.prepare("SELECT id, body FROM records WHERE team_id = ? AND tbl = 'reports' ORDER BY id").all(a.id) as { id: string; body: string }[];
    const ideas = (JSON.parse(report!.body) as { submissions: { text: { ideas: { id: string }[] } }[] }).submissions.at(-1)!.text.ideas.map((i) => i.id);
    setReview(s.db, a.id, { reportId: report!.id, score: 80, feedback: '', adoptedIdeaIds: [ideas[0]!], reviewedAt: NOW }, null);
    const seq = (s.db.prepare('SELECT seq FROM reviews WHERE report_id = ?').get(report!.id) as { seq: number }).seq;
    s.clock.now = NOW + 60_000;
    const res = await fetch(`${s.url}/secretary/ideas/adopt`, {
      method: 'POST', redirect: 'manual', headers: { cookie: secA.cookie },
      body: new URLSearchParams({ _csrf: secA.csrf, team: a.id, report: report!.id, idea: ideas[1]!, adopted: '1' }),
    });
    expect(res.status).toBe(303);
    const row = s.db.prepare('SELECT adopted_idea_ids, seq FROM reviews WHERE report_id = ?').get(report!.id) as { adopted_idea_ids: string; seq: number };
    expect(new Set(JSON.parse(row.adopted_idea_ids) as string[])).toEqual(new Set([ideas[0], ideas[1]]));
    expect(row.seq).toBeGreaterThan(seq);
    setReview(s.db, a.id, { reportId: report!.id, score: 80, feedback: '', adoptedIdeaIds: [], reviewedAt: NOW + 120_000 }, null);
    expect([...adoptedIds(s.db, a.id, report!.id)]).toEqual([]);
    s.clock.now = NOW;
  });
});

