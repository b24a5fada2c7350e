/**
 * 总览 for action: teams sorted by what she asks (?sort=), and the 未完成 list — today's
 * 日跟班, this week's 周帮扶 and last month's 月汇报 not done yet, each with the day it is
 * due by, and a 提醒 link per team (and one for all of them) to the reminder page.
 * Everything is decided by the due rule (due.ts) through due-states.ts.
 */
import { html } from 'hono/html';
import { addMonths, isoWeekKey, monthLabel, weekDays, weekLabel } from '../../domain/calendar';
import { monthReportDueBy } from '../../domain/due';
import type { DayKey, MonthKey } from '../../domain/types';
import type { Html } from './layout';
import type { TeamMonth } from './dashboard';

export const SORTS = ['name', 'rate', 'done', 'missed'] as const;
export type SortKey = (typeof SORTS)[number];

/** ?sort=: a known key, or the default (worst rate first: who is behind comes on top). */
export function sortParam(raw: string | undefined): SortKey {
  return (SORTS as readonly string[]).includes(raw ?? '') ? (raw as SortKey) : 'rate';
}

export function sortRows(rows: readonly TeamMonth[], key: SortKey): TeamMonth[] {
  const byName = (a: TeamMonth, b: TeamMonth) => a.team.name.localeCompare(b.team.name, 'zh-CN');
  const cmp: Record<SortKey, (a: TeamMonth, b: TeamMonth) => number> = {
    name: byName,
    // Nothing owed yet sorts last; ties by name so the order is stable.
    rate: (a, b) => (a.counts.rate ?? 2) - (b.counts.rate ?? 2) || byName(a, b),
    done: (a, b) => b.counts.done - a.counts.done || byName(a, b),
    missed: (a, b) => b.counts.missed - a.counts.missed || byName(a, b),
  };
  return [...rows].sort(cmp[key]);
}

/** The reminder page (helper `remind` builds it) for these teams. */
export const remindHref = (teamIds: readonly string[]) => `/secretary/remind?teams=${teamIds.map(encodeURIComponent).join(',')}`;

export interface TodoItem { teamId: string; teamName: string; what: string; dueBy: DayKey; late: boolean; href: string }

const shortDay = (d: DayKey) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

/**
 * What is not done, as of today: today's 日跟班 (in progress or missed), this week's 周帮扶,
 * last month's 月汇报. `rows` are the teams' figures of the current month; `prev` gives a
 * team's row for last month's report (the current month's rows carry it as prevReport).
 */
export function todoItems(rows: readonly TeamMonth[], today: DayKey, month: MonthKey): TodoItem[] {
  const week = isoWeekKey(today);
  const sunday = weekDays(week)[6]!;
  const lastMonth = addMonths(month, -1);
  const out: TodoItem[] = [];
  for (const r of rows) {
    const base = `/secretary/team/${r.team.id}`;
    const day = r.states.get(today);
    if (day === 'progress' || day === 'missing' || day === 'partly') {
      out.push({ teamId: r.team.id, teamName: r.team.name, what: `今日日跟班（${shortDay(today)}）`, dueBy: today, late: day === 'missing' || day === 'partly', href: `${base}?month=${month}&day=${today}#day` });
    }
    const w = r.weeks.get(week);
    if (w === 'in-progress' || w === 'missed' || w === 'partial') {
      out.push({ teamId: r.team.id, teamName: r.team.name, what: `本周周帮扶（${weekLabel(week)}）`, dueBy: sunday, late: w !== 'in-progress', href: `${base}?month=${month}&week=${week}#week` });
    }
    const p = r.prevReport;
    if (p.state === 'none' && (p.due === 'in-progress' || p.due === 'missed')) {
      out.push({ teamId: r.team.id, teamName: r.team.name, what: `${monthLabel(lastMonth)}月汇报`, dueBy: monthReportDueBy(lastMonth), late: p.due === 'missed', href: `${base}?month=${lastMonth}` });
    }
  }
  return out;
}

export function todoList(items: readonly TodoItem[]): Html {
  if (items.length === 0) return html`<p class="muted" data-testid="todo-empty">目前没有未完成的事项。</p>`;
  const teams = [...new Set(items.map((i) => i.teamId))];
  return html`<p class="actions noprint"><a class="button" href="${remindHref(teams)}">提醒全部未完成班组（${teams.length}）</a></p>
<div class="scroll"><table aria-label="未完成" data-testid="todo"><thead><tr><th>班组</th><th>事项</th><th>截止</th><th>状态</th><th class="noprint"></th></tr></thead><tbody>
${items.map((i) => html`<tr data-team="${i.teamId}"><td>${i.teamName}</td><td><a href="${i.href}">${i.what}</a></td><td>${shortDay(i.dueBy)}前</td>
<td>${i.late ? html`<span class="badge s-none">逾期</span>` : html`<span class="badge s-notdue">进行中</span>`}</td>
<td class="noprint"><a href="${remindHref([i.teamId])}">提醒</a></td></tr>`)}</tbody></table></div>`;
}

/** Column header that sorts the grid server-side (keeps month and branch in the link). */
export function sortLinker(base: URLSearchParams, current: SortKey): (key: string, label: string) => Html {
  return (key, label) => {
    const q = new URLSearchParams(base);
    q.set('sort', key);
    return html`<a href="/secretary/?${q.toString()}"${key === current ? html` aria-current="true"` : ''}>${label}${key === current ? ' ▾' : ''}</a>`;
  };
}
