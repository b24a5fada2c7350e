/**
 * What the secretary needs to see beyond one month's grid: the branch's 隐患 across teams,
 * 困难职工 and 1+X of a team, one worker's history, the 金点子库. All through access.ts (a team
 * of another branch answers 404) and audited: these pages show sensitive notes on people.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { audit, currentBranch, teamFor, visibleTeams } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { cachedFigures, loadTeam } from './data';
import { findIdea, ideaRows, markIdea } from './ideas';
import { page } from './layout';
import { monthNav } from './dashboard';
import { BadQuery, monthParam, today } from './params';
import { branchHazards, hazardFilter, hazardsPage, ideasPage } from './views-branch';
import { hardshipsPage, pairsPage, workerPage } from './views-people';

const str = (x: unknown) => (typeof x === 'string' ? x : '');

export function viewRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  const notFound = (c: Context<SecEnv>) => c.html(page('未找到', c.get('session'), html`<h1>班组不存在或无权查看</h1><p><a href="/secretary/">返回总览</a></p>`), 404);
  const branchTeams = (c: Context<SecEnv>) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    return { s, branch, teams: visibleTeams(db, s.account, branch.id) };
  };

  r.get('/hazards', (c) => {
    const { s, branch, teams } = branchTeams(c);
    const f = hazardFilter((k) => c.req.query(k), teams);
    audit(db, clock(), s.account, 'view_hazards', f.team || null, branch.id);
    return c.html(page('全支部隐患台账', s, hazardsPage(branchHazards(db, teams), teams, f, today(clock())), { wide: true }));
  });

  r.get('/ideas', (c) => {
    const { s, branch, teams } = branchTeams(c);
    const team = c.req.query('team') ?? '';
    const adopted = c.req.query('adopted') ?? '';
    if (team && !teams.some((t) => t.id === team)) throw new BadQuery('所选班组不存在或无权查看。');
    if (!['', '0', '1'].includes(adopted)) throw new BadQuery('采纳筛选应为 adopted=1 或 adopted=0。');
    audit(db, clock(), s.account, 'view_ideas', team || null, branch.id);
    return c.html(page('金点子库', s, ideasPage(s, ideaRows(db, teams), teams, team, adopted), { wide: true }));
  });

  r.post('/ideas/adopt', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    const team = teamFor(db, s.account, str(form.team));
    const idea = team ? findIdea(db, team, str(form.report), str(form.idea)) : null;
    if (!team || !idea) return c.text('金点子不存在或无权操作', 404);
    const adopted = str(form.adopted) === '1';
    const now = clock();
    db.transaction(() => {
      markIdea(db, team.id, idea.reportId, idea.ideaId, adopted, s.account.id, now);
      audit(db, now, s.account, adopted ? 'adopt_idea' : 'unadopt_idea', team.id, `${idea.month} ${idea.title}`);
    })();
    return c.redirect(`/secretary/ideas${s.account.role === 'admin' ? `?branch=${team.branch_id}` : ''}`, 303);
  });

  for (const [path, title, action, view] of [
    ['hardships', '困难职工台账', 'view_hardships', hardshipsPage],
    ['pairs', '1+X 结对', 'view_pairs', pairsPage],
  ] as const) {
    r.get(`/team/:id/${path}`, (c) => {
      const s = c.get('session');
      const team = teamFor(db, s.account, c.req.param('id'));
      if (!team) return notFound(c);
      const month = monthParam(c.req.query('month'), clock());
      const d = loadTeam(db, team.id);
      audit(db, clock(), s.account, action, team.id, month);
      return c.html(page(title, s, html`${view(team, d, month, cachedFigures(db, team.id, month, d))}
${monthNav(month, `/secretary/team/${team.id}/${path}`)}<p><a href="/secretary/team/${team.id}?month=${month}">返回班组</a></p>`));
    });
  }

  r.get('/team/:id/worker/:wid', (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return notFound(c);
    const d = loadTeam(db, team.id);
    const w = d.workers.find((x) => x.id === c.req.param('wid'));
    if (!w) return c.html(page('未找到', s, html`<h1>本班组没有这名人员</h1><p><a href="/secretary/team/${team.id}">返回班组</a></p>`), 404);
    audit(db, clock(), s.account, 'view_worker', team.id, w.id);
    return c.html(page(w.name, s, html`${workerPage(team, d, w)}<p><a href="/secretary/team/${team.id}">返回班组</a></p>`));
  });
  return r;
}
