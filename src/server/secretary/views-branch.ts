/**
 * Branch-wide views: the 隐患台账 of every team (filter by team, status, overdue; 销号率) and
 * the 金点子库 (every team, every month, 已采纳 marked from here).
 */
import { html } from 'hono/html';
import { closureRate, overdueDays } from '../../domain/hazard-overdue';
import type { DayKey, Hazard } from '../../domain/types';
import { validateRecordBody } from '../../domain/record-schemas';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';
import type { Session } from './auth';
import type { IdeaRow } from './ideas';
import { canEdit, csrf, type Html } from './layout';
import { BadQuery } from './params';

export interface HazardFilter { team: string; status: '' | 'open' | 'closed'; overdue: boolean }

export function hazardFilter(q: (k: string) => string | undefined, teams: readonly TeamRow[]): HazardFilter {
  const team = q('team') ?? '';
  const status = q('status') ?? '';
  const overdue = q('overdue') ?? '';
  if (team !== '' && !teams.some((t) => t.id === team)) throw new BadQuery('所选班组不存在或无权查看。');
  if (status !== '' && status !== 'open' && status !== 'closed') throw new BadQuery(`状态「${status.slice(0, 20)}」无效，应为 open（未销号）或 closed（已销号）。`);
  if (overdue !== '' && overdue !== '1') throw new BadQuery('逾期筛选应为 overdue=1。');
  return { team, status, overdue: overdue === '1' };
}

export function branchHazards(db: Sqlite, teams: readonly TeamRow[]): { team: TeamRow; h: Hazard }[] {
  const out: { team: TeamRow; h: Hazard }[] = [];
  for (const team of teams) {
    for (const { body } of db.prepare("SELECT body FROM records WHERE team_id = ? AND tbl = 'hazards'").all(team.id) as { body: string }[]) {
      const h = JSON.parse(body) as Hazard;
      if (validateRecordBody('hazards', h).ok && !h.deleted) out.push({ team, h });
    }
  }
  return out;
}

/** 逾期 N 天 in red for an open hazard past its deadline, else nothing. */
export function overdueMark(h: Hazard, today: DayKey): Html {
  const n = overdueDays(h, today);
  return n > 0 ? html` <span class="stale" data-testid="overdue">逾期 ${n} 天</span>` : html``;
}

export function hazardsPage(all: { team: TeamRow; h: Hazard }[], teams: readonly TeamRow[], f: HazardFilter, today: DayKey): Html {
  const inTeam = all.filter((x) => !f.team || x.team.id === f.team);
  const rows = inTeam.filter((x) => (!f.status || x.h.status === f.status) && (!f.overdue || overdueDays(x.h, today) > 0))
    .sort((a, b) => overdueDays(b.h, today) - overdueDays(a.h, today) || a.h.foundDay.localeCompare(b.h.foundDay));
  const rate = closureRate(inTeam.map((x) => x.h));
  const late = inTeam.filter((x) => overdueDays(x.h, today) > 0).length;
  return html`<h1>全支部隐患台账</h1>
<form method="get" action="/secretary/hazards" class="actions">
<label>班组 <select name="team"><option value="">全部班组</option>${teams.map((t) => html`<option value="${t.id}" ${f.team === t.id ? 'selected' : ''}>${t.name}</option>`)}</select></label>
<label>状态 <select name="status"><option value="">全部</option><option value="open" ${f.status === 'open' ? 'selected' : ''}>未销号</option><option value="closed" ${f.status === 'closed' ? 'selected' : ''}>已销号</option></select></label>
<label><input type="checkbox" name="overdue" value="1" ${f.overdue ? 'checked' : ''}> 只看逾期</label>
<button class="secondary">筛选</button></form>
<p data-testid="hazard-summary">共 ${inTeam.length} 条，已销号 ${inTeam.filter((x) => x.h.status === 'closed').length} 条，销号率 <b>${rate === null ? '—' : `${rate}%`}</b>，逾期未销号 <b class="${late ? 'stale' : ''}">${late}</b> 条（截至 ${today}）。</p>
${rows.length === 0 ? html`<p class="muted">没有符合条件的隐患。</p>` : html`<div class="scroll"><table data-testid="branch-hazards"><thead><tr><th>班组</th><th>发现日期</th><th>内容</th><th>责任人</th><th>整改期限</th><th>状态</th></tr></thead><tbody>
${rows.map(({ team, h }) => html`<tr><td><a href="/secretary/team/${team.id}">${team.name}</a></td><td>${h.foundDay}</td><td>${h.description}</td><td>${h.responsible}</td>
<td>${h.deadline ?? '—'}</td><td>${h.status === 'open' ? '未销号' : `已销号 ${h.closedDay ?? ''}`}${overdueMark(h, today)}</td></tr>`)}
</tbody></table></div>`}`;
}

export function ideasPage(s: Session, rows: IdeaRow[], teams: readonly TeamRow[], team: string, adopted: string): Html {
  const shown = rows.filter((r) => (!team || r.team.id === team) && (adopted === '' || r.adopted === (adopted === '1')));
  return html`<h1>金点子库</h1>
<form method="get" action="/secretary/ideas" class="actions">
<label>班组 <select name="team"><option value="">全部班组</option>${teams.map((t) => html`<option value="${t.id}" ${team === t.id ? 'selected' : ''}>${t.name}</option>`)}</select></label>
<label>采纳 <select name="adopted"><option value="">全部</option><option value="1" ${adopted === '1' ? 'selected' : ''}>已采纳</option><option value="0" ${adopted === '0' ? 'selected' : ''}>未采纳</option></select></label>
<button class="secondary">筛选</button></form>
<p>共 ${shown.length} 条，已采纳 ${shown.filter((r) => r.adopted).length} 条。</p>
${shown.length === 0 ? html`<p class="muted">还没有提交的金点子。</p>` : html`<div class="scroll"><table data-testid="ideas"><thead><tr><th>月份</th><th>班组</th><th>金点子</th><th>预期效果</th><th>采纳</th></tr></thead><tbody>
${shown.map((r) => html`<tr><td>${r.month}</td><td>${r.team.name}</td><td><b>${r.title}</b><br>${r.content}</td><td>${r.expectedEffect}</td>
<td>${r.adopted ? '已采纳' : '未采纳'}${canEdit(s) ? html`<form method="post" action="/secretary/ideas/adopt" class="inline">${csrf(s)}
<input type="hidden" name="team" value="${r.team.id}"><input type="hidden" name="report" value="${r.reportId}"><input type="hidden" name="idea" value="${r.ideaId}">
<input type="hidden" name="adopted" value="${r.adopted ? '0' : '1'}"> <button class="secondary" aria-label="${r.adopted ? '取消采纳' : '采纳'}：${r.title}">${r.adopted ? '取消采纳' : '采纳'}</button></form>` : ''}</td></tr>`)}
</tbody></table></div>`}`;
}
