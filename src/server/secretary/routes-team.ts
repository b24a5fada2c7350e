/** 总览, 班组页, 审阅评分 and the A4 print page. */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { monthLabel } from '../../domain/calendar';
import { audit, currentBranch, reportTeam, teamFor, visibleTeams } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { dayGrid, legend, monthNav, scoreTable, teamCard, teamMonth } from './dashboard';
import { cachedFigures, dayStates, loadTeam, monthRange, reviewOf, teamSeq } from './data';
import { canEdit, page, when } from './layout';
import { dayQuery, monthParam, today } from './params';
import { printView } from './print';
import { reportDoc } from './report-doc';
import { parseReview, readReviewForm, reviewPage, saveReview } from './review';
import { takeDraft } from './drafts';
import { getRubric, itemScoresOf, scoreHistory, suggest } from './rubric';
import { dayDetail, dutiesTable, hazardLedger, peopleLedger, reportsList, weeklySection } from './team';
import { devicesSection } from './enrol';
import { teamForm } from './routes-admin';
import { teamSettings } from './routes-teams';
import { storedName } from './teams';
import { chartSvg, lastMonths } from './chart';
import type { MonthlyReport } from '../../domain/report';
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
    const rows = all.filter((t) => !t.archived_at).map((t) => teamMonth(db, t, month, today(now)));
    const branches = s.account.role === 'admin' ? db.prepare('SELECT id, name FROM branches ORDER BY created_at').all() as { id: string; name: string }[] : [];
    const q = s.account.role === 'admin' ? `&branch=${branch.id}` : '';
    return c.html(page(`${branch.name} 总览`, s, html`<h1>${branch.name} · ${monthLabel(month)}</h1>
${branches.length > 1 ? html`<p class="actions">${branches.map((b) => html`<a class="button ${b.id === branch.id ? '' : 'secondary'}" href="/secretary/?branch=${b.id}&month=${month}">${b.name}</a>`)}</p>` : ''}
${monthNav(month, `/secretary/${q ? `?${q.slice(1)}` : ''}`)}
<h2>日跟班完成情况</h2>${legend()}
${rows.length === 0 ? html`<p class="muted">本支部还没有班组。</p>` : dayGrid(month, rows, '')}
<h2>各班组</h2><div class="cards">${rows.map((row) => teamCard(row, month, now))}</div>
<h2>考核得分（近6个月）</h2>${scoreTable(db, rows.map((r) => r.team), month)}
${teamForm(s, branch)}
${archived.length ? html`<h2>已归档班组</h2><ul data-testid="archived-teams">${archived.map((t) => html`<li><a href="/secretary/team/${t.id}">${t.name}</a> <span class="muted">归档于 ${when(t.archived_at)}</span></li>`)}</ul>` : ''}`, { wide: true }));
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
<a class="button secondary" href="/secretary/team/${team.id}/config">${canEdit(s) ? '班组配置' : '查看班组配置'}</a></p>
${day ? dayDetail(d, day) : ''}${day ? dayPhotos(db, team.id, d, day) : ''}
<h2>日跟班</h2>${dutiesTable(d, month, team.id)}
<h2>周帮扶</h2>${weeklySection(d, month)}
<h2>人员台账</h2>${peopleLedger(d, month)}
<h2>隐患台账</h2>${hazardLedger(d, month)}${hazardPhotosTable(hazardPhotoPairs(db, team.id, d, month))}
<h2>月汇报</h2>${reportsList(db, team.id, d)}
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
  const reviewArgs = (teamId: string, report: MonthlyReport) => {
    const d = loadTeam(db, teamId, monthRange(report.month));
    const f = cachedFigures(db, teamId, report.month, d);
    const states = dayStates(report.month, d.duties, d.hazards, today(clock()));
    const rubric = getRubric(db, (db.prepare('SELECT branch_id FROM teams WHERE id = ?').get(teamId) as { branch_id: string }).branch_id);
    const suggested = Object.fromEntries(rubric.map((i) => [i.id, suggest(i, f, states, report)]));
    return { review: reviewOf(db, teamId, report.id), rubric, suggested, savedItems: itemScoresOf(db, teamId, report.id) };
  };

  r.get('/report/:id', (c) => {
    const s = c.get('session');
    const team = reportTeam(db, s.account, c.req.param('id'), c.req.query('team'));
    const report = team ? loadReport(team.id, c.req.param('id')) : null;
    if (!team || !report) return c.html(page('未找到', s, html`<h1>汇报不存在或尚未提交</h1><p><a href="/secretary/">返回总览</a></p>`), 404);
    audit(db, clock(), s.account, 'view_report', team.id, report.month);
    const args = reviewArgs(team.id, report);
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
    const args = reviewArgs(team.id, report);
    const ideaIds = new Set(report.submissions.at(-1)!.text.ideas.map((i) => i.id));
    const parsed = parseReview(await c.req.parseBody({ all: true }), args.rubric, ideaIds);
    if (!parsed.ok) return c.html(page('审阅评分', s, reviewPage({ s, team, report, ...args, form: parsed.form, errors: parsed.errors })), 400);
    const score = saveReview(db, team, report, s.account.id, parsed, clock());
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
