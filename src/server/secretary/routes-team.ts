/** 总览, 班组页, 审阅评分 and the A4 print page. */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { monthLabel } from '../../domain/calendar';
import { audit, currentBranch, reportTeam, teamFor, visibleTeams } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { dayGrid, legend, monthNav, scoreTable, teamCard, teamMonth } from './dashboard';
import { cachedFigures, loadTeam, monthRange, reportState, teamSeq } from './data';
import { dayStates, dueTeam } from './due-states';
import { sortLinker, sortParam, sortRows, todoItems, todoList } from './dashboard-todo';
import { dueDaysTable, weekView } from './team-due';
import { canEdit, page, when } from './layout';
import { dayQuery, monthParam, today, weekQuery } from './params';
import { printView } from './print';
import { reportDoc } from './report-doc';
import { parseReview, readReviewForm, revisionPage, reviewPage, saveReview } from './review';
import { allSubmissions, submissionOf } from './revisions';
import { takeDraft } from './drafts';
import { getRubric, itemScoresOf, sameRubric, scoreHistory, scoredRubricOf, suggest } from './rubric';
import { branchHazardLists } from './hazard-ledger';
import { dayDetail, dutiesTable, hazardLedger, peopleLedger, reportsList, weeklySection } from './team';
import { devicesSection } from './enrol';
import { teamForm } from './routes-admin';
import { teamSettings } from './routes-teams';
import { storedName } from './teams';
import { chartScale, chartSvg, lastMonths } from './chart';
import { adoptedIds } from './ideas';
import { reportDueBy, type MonthlyReport } from '../../domain/report';
import type { TeamRow } from '../store';
import { remindersTable, remindLink } from './routes-remind';
import { branchReportDueDay, teamReportDueDay } from './branch-settings';
import { dayPhotos, hazardPhotoPairs, hazardPhotosTable } from './photos';


/** 总览 at /secretary/ (and /secretary): mounted routes cannot end in a slash, index.ts routes it here. */
export function dashboard(deps: AuthDeps): (c: Context<SecEnv>) => Response | Promise<Response> {
  const { db, clock } = deps;
  return (c) => {
    const s = c.get('session');
    const now = clock();
    const month = monthParam(c.req.query('month'), now);
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    const all = visibleTeams(db, s.account, branch.id);
    const archived = all.filter((t) => t.archived_at);
    const day0 = today(now);
    const sort = sortParam(c.req.query('sort'));
    const rows = sortRows(all.filter((t) => !t.archived_at).map((t) => teamMonth(db, t, month, day0, now)), sort);
    const scale = chartScale(rows.map((r) => r.chart));
    const isCurrent = month === monthParam(undefined, now);
    const q = s.account.role === 'admin' ? `&branch=${branch.id}` : '';
    const base = new URLSearchParams({ month, ...(q ? { branch: branch.id } : {}) });
    const branches = s.account.role === 'admin' ? db.prepare('SELECT id, name FROM branches ORDER BY created_at').all() as { id: string; name: string }[] : [];
    const dueDay = branchReportDueDay(db, branch.id);
    const due = reportDueBy(month, dueDay);
    return c.html(page(`${branch.name} 总览`, s, html`<h1>${branch.name} · ${monthLabel(month)}</h1>
<p class="muted" data-testid="report-due-day">月汇报截止：${Number(due.slice(5, 7))}月${Number(due.slice(8))}日（次月${dueDay}日） <a class="noprint" href="/secretary/settings${q ? `?${q.slice(1)}` : ''}">修改</a></p>
${branches.length > 1 ? html`<p class="actions">${branches.map((b) => html`<a class="button ${b.id === branch.id ? '' : 'secondary'}" href="/secretary/?branch=${b.id}&month=${month}">${b.name}</a>`)}</p>` : ''}
${monthNav(month, `/secretary/${q ? `?${q.slice(1)}` : ''}`)}
<p class="actions noprint"><a class="button secondary" href="/secretary/exports?branch=${branch.id}&month=${month}">导出${monthLabel(month)}（Excel / CSV / Word）</a></p>
<h2>日跟班完成情况</h2>${legend()}
${rows.length === 0 ? html`<p class="muted">本支部还没有班组。</p>` : dayGrid(month, rows, '', sortLinker(base, sort))}
${isCurrent && rows.length ? html`<h2>未完成</h2>${todoList(todoItems(rows, day0, month))}` : ''}
<h2>各班组</h2><div class="cards">${rows.map((row) => teamCard(row, month, now, scale))}</div>
<h2>考核得分（近6个月）</h2>${scoreTable(db, rows.map((r) => r.team), month)}
${teamForm(s, branch)}
${archived.length ? html`<h2>已归档班组</h2><ul data-testid="archived-teams">${archived.map((t) => html`<li><a href="/secretary/team/${t.id}">${t.name}</a> <span class="muted">归档于 ${when(t.archived_at)}</span></li>`)}</ul>` : ''}`, { wide: true, landscape: true }));
  };
}

export function teamRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  r.get('/', dashboard(deps));

  r.get('/team/:id', (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return c.html(page('未找到', s, html`<h1>班组不存在或无权查看</h1><p><a href="/secretary/">返回总览</a></p>`), 404);
    const now = clock();
    const month = monthParam(c.req.query('month'), now);
    const day = dayQuery(c.req.query('day'));
    const week = weekQuery(c.req.query('week'));
    const months = lastMonths(month);
    const d = loadTeam(db, team.id);
    audit(db, now, s.account, day ? 'view_day' : 'view_team', team.id, day ?? month);
    const seq = teamSeq(db, team.id);
    const chart = months.map((m) => {
      const f = cachedFigures(db, team.id, m, d, seq);
      return { month: m, talks: f.daily.talks.count.value, helped: f.weekly.peopleHelped.value, closed: f.hazards.closed.value };
    });
    const scores = scoreHistory(db, team.id);
    return c.html(page(team.name, s, html`<h1>${team.name}${d.team ? html` <span class="muted">${d.team.district} · 小政委 ${d.team.instructorName}</span>` : ''}</h1>
${monthNav(month, `/secretary/team/${team.id}`)}
<p class="actions noprint"><a class="button secondary" href="/secretary/print?team=${team.id}&month=${month}">打印月报（A4）</a>
<a class="button secondary" href="/secretary/export/report.docx?team=${team.id}&month=${month}">导出 Word</a>
<a class="button secondary" href="/secretary/team/${team.id}/config">${canEdit(s) ? '班组配置' : '查看班组配置'}</a>
${canEdit(s) ? remindLink([team.id]) : ''}</p>
${day ? dayDetail(d, day) : ''}${day ? dayPhotos(db, team.id, d, day) : ''}
<h2>日跟班</h2>${dueDaysTable(db, team, d, month, now)}
${weekView(db, team, d, month, week, now)}
<h3>全部日跟班记录</h3>${dutiesTable(d, month, team.id)}
<h2>周帮扶</h2>${weeklySection(d, month)}
<h2>人员台账</h2><p class="actions noprint"><a class="button secondary" href="/secretary/team/${team.id}/hardships?month=${month}">困难职工台账</a> <a class="button secondary" href="/secretary/team/${team.id}/pairs?month=${month}">1+X 结对</a></p>${peopleLedger(d, month, team.id)}
<h2>隐患台账</h2>${hazardLedger(d, month, branchHazardLists(db, team.branch_id), today(now))}${hazardPhotosTable(hazardPhotoPairs(db, team.id, d, month))}
<h2>月汇报</h2>${reportsList(db, team.id, d)}
<h2 id="reminders">提醒</h2>${remindersTable(db, team.id)}
<h2>考核得分</h2>${scores.length ? html`<table><thead><tr><th>月份</th><th class="num">得分</th></tr></thead><tbody>${scores.map((x) => html`<tr><td>${x.month}</td><td class="num">${x.score}</td></tr>`)}</tbody></table>` : html`<p class="muted">尚无评分。</p>`}
<h2>近6个月</h2><div class="card">${chartSvg(chart, `${team.name} 近6个月`)}</div>
${devicesSection(db, s, team, now)}
${teamSettings(s, team, storedName(db, team.id))}`));
  });

  const loadReport = (teamId: string, reportId: string): MonthlyReport | null => {
    const row = db.prepare("SELECT body FROM records WHERE tbl = 'reports' AND id = ? AND team_id = ?").get(reportId, teamId) as { body: string } | undefined;
    const r = row ? (JSON.parse(row.body) as MonthlyReport) : null;
    return r && !r.deleted && r.submissions.length > 0 ? r : null;
  };
  /**
   * The form's rubric: a saved score keeps the rubric it was made under (re-saving its feedback
   * is checked against that one); `current` scores again under the rubric as edited since.
   */
  const reviewArgs = (teamId: string, report: MonthlyReport, useCurrent: boolean) => {
    const d = loadTeam(db, teamId, monthRange(report.month));
    const f = cachedFigures(db, teamId, report.month, d);
    const row = db.prepare('SELECT * FROM teams WHERE id = ?').get(teamId) as TeamRow;
    const states = dayStates(report.month, d, dueTeam(db, row, d), clock());
    const current = getRubric(db, row.branch_id);
    const scoredUnder = scoredRubricOf(db, teamId, report.id, current);
    const rubric = scoredUnder && !useCurrent ? scoredUnder : current;
    const choice = { scoredUnderOld: !!scoredUnder && !sameRubric(scoredUnder, current), usingCurrent: !!scoredUnder && useCurrent && !sameRubric(scoredUnder, current) };
    const suggested = Object.fromEntries(rubric.map((i) => [i.id, suggest(i, f, states, report, teamReportDueDay(db, teamId))]));
    const rs = reportState(db, teamId, report);
    return {
      review: rs.review, scoredRevision: rs.scoredRevision, subs: allSubmissions(db, teamId, report), rubric, choice, suggested,
      savedItems: itemScoresOf(db, teamId, report.id), adopted: adoptedIds(db, teamId, report.id),
    };
  };

  r.get('/report/:id', (c) => {
    const s = c.get('session');
    const team = reportTeam(db, s.account, c.req.param('id'), c.req.query('team'));
    const report = team ? loadReport(team.id, c.req.param('id')) : null;
    if (!team || !report) return c.html(page('未找到', s, html`<h1>汇报不存在或尚未提交</h1><p><a href="/secretary/">返回总览</a></p>`), 404);
    audit(db, clock(), s.account, 'view_report', team.id, report.month);
    const args = reviewArgs(team.id, report, c.req.query('rubric') === 'current');
    const rev = c.req.query('rev');
    if (rev !== undefined && Number(rev) !== report.submissions.at(-1)!.revision) {
      const shown = submissionOf(args.subs, Number(rev));
      if (!shown) return c.html(page('未找到', s, html`<h1>没有第 ${rev} 次提交</h1><p><a href="/secretary/report/${report.id}?team=${team.id}">返回汇报</a></p>`), 404);
      return c.html(page('历史版本', s, revisionPage(team, report, args.subs, shown, args.scoredRevision)));
    }
    const draft = takeDraft(c, deps, s.account.id);
    const form = draft ? readReviewForm(draft, args.rubric) : undefined;
    const photos = hazardPhotosTable(hazardPhotoPairs(db, team.id, loadTeam(db, team.id, monthRange(report.month)), report.month));
    return c.html(page('审阅评分', s, html`${reviewPage({ s, team, report, ...args, saved: c.req.query('saved') === '1', ...(form ? { form, restored: true } : {}) })}${photos}`));
  });

  r.post('/report/:id/review', async (c) => {
    const s = c.get('session');
    const team = reportTeam(db, s.account, c.req.param('id'), c.req.query('team'));
    const report = team ? loadReport(team.id, c.req.param('id')) : null;
    if (!team || !report) return c.html(page('未找到', s, html`<h1>汇报不存在或尚未提交</h1>`), 404);
    const body = await c.req.parseBody({ all: true });
    const args = reviewArgs(team.id, report, body.rubric === 'current');
    const ideaIds = new Set(report.submissions.at(-1)!.text.ideas.map((i) => i.id));
    const parsed = parseReview(body, args.rubric, ideaIds);
    if (!parsed.ok) return c.html(page('审阅评分', s, reviewPage({ s, team, report, ...args, form: parsed.form, errors: parsed.errors })), 400);
    const score = saveReview(db, team, report, s.account.id, parsed, clock(), args.rubric);
    audit(db, clock(), s.account, 'score_report', team.id, `${report.month} ${score}`);
    return c.redirect(`/secretary/report/${report.id}?team=${team.id}&saved=1`, 303);
  });

  r.get('/print', (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.query('team') ?? '');
    if (!team) return c.html(page('未找到', s, html`<h1>班组不存在或无权查看</h1>`), 404);
    const month = monthParam(c.req.query('month'), clock());
    audit(db, clock(), s.account, 'print_report', team.id, month);
    const doc = reportDoc(db, team, month);
    const photos = hazardPhotosTable(hazardPhotoPairs(db, team.id, loadTeam(db, team.id, monthRange(month)), month));
    return c.html(page(`${doc.title} ${team.name}`, s, html`${printView(doc, `/secretary/team/${team.id}?month=${month}`)}${photos}`, { print: true }));
  });
  return r;
}
