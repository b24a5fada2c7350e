/**
 * 班组页 by the due rule: every day of the month the team owed (done or not, so a missed day
 * is one click away, not a hand-edited URL), and a one-week view of the daily entries:
 * each day × each shift the team works, with its state and what was recorded.
 */
import { html } from 'hono/html';
import { dayLabel, isoWeekKey, weekDays, weekLabel, weeksOfMonth } from '../../domain/calendar';
import { dutyProgress } from '../../domain/checklist';
import { shiftDue, type DueState } from '../../domain/due';
import { describeRota, workedShifts } from '../../domain/rota';
import type { MonthKey, WeekKey } from '../../domain/types';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';
import { monthRange, type TeamRecords } from './data';
import { DAY_STATE, dayStates, dueTeam } from './due-states';
import type { Html } from './layout';
import { today } from './params';

const SHIFT_LABEL: Record<DueState, string> = {
  done: '● 完成', partial: '◐ 部分', missed: '✕ 缺失', off: '— 休息', 'in-progress': '… 进行中',
  future: '未到', 'before-team': '班组未建立', 'not-worked': '不当班',
};

/** Every day owed so far this month, newest first, done or not; future and pre-team days are left out. */
export function dueDaysTable(db: Sqlite, team: TeamRow, d: TeamRecords, month: MonthKey, nowMs: number): Html {
  const due = dueTeam(db, team, d);
  const states = [...dayStates(month, d, due, nowMs)].filter(([, s]) => s !== 'future' && s !== 'before').reverse();
  const rota = html`<p class="muted">倒班：${describeRota(due.rota, due.shifts)}${due.rota && 'by' in due.rota && due.rota.by === 'branch' ? '（支部设置）' : ''}</p>`;
  if (states.length === 0) return html`${rota}<p class="muted">本月还没有应完成的日跟班。</p>`;
  return html`${rota}<div class="scroll"><table aria-label="应完成的日跟班" data-testid="due-days"><thead><tr><th>日期</th><th>当班</th><th>状态</th></tr></thead><tbody>
${states.map(([day, s]) => html`<tr class="d-row-${s}"><td><a href="/secretary/team/${team.id}?month=${month}&day=${day}#day">${dayLabel(day)}</a></td>
<td>${workedShifts(due, due.rota, day).map((x) => x.name).join('、') || '—'}</td><td><span class="d-${s}">${DAY_STATE[s].mark}</span> ${DAY_STATE[s].label}</td></tr>`)}
</tbody></table></div>`;
}

/** One ISO week of the month (?week=, default the current or last week of the month): days × shifts. */
export function weekView(db: Sqlite, team: TeamRow, d: TeamRecords, month: MonthKey, week: WeekKey | null, nowMs: number): Html {
  const weeks = weeksOfMonth(month);
  const now = isoWeekKey(today(nowMs));
  const shown = week ?? (weeks.includes(now) ? now : weeks[weeks.length - 1]!);
  const due = dueTeam(db, team, d);
  const { from, to } = monthRange(month);
  const cell = (day: string, shiftId: string) => {
    const shift = due.shifts.find((x) => x.id === shiftId)!;
    const ds = d.duties.filter((x) => !x.deleted && x.day === day && x.shiftId === shiftId);
    const on = ds.find((x) => !x.dayOff);
    const hz = (id: string) => d.hazards.filter((h) => !h.deleted && h.dutyId === id).length;
    const p = on ? dutyProgress(on, hz(on.id)) : null;
    const s = shiftDue(due, day, shift, nowMs, p ? (p.complete ? 'done' : 'partial') : ds.length ? 'off' : 'none');
    if (s === 'not-worked' || s === 'before-team' || s === 'future') return html`<td class="muted">${SHIFT_LABEL[s]}</td>`;
    return html`<td><a href="/secretary/team/${team.id}?month=${month}&day=${day}#day">${SHIFT_LABEL[s]}</a>${on ? html`<br><span class="muted">谈心 ${on.talks.workerIds.length} · 薄弱 ${on.weak.entries.length} · 隐患 ${hz(on.id)}</span>` : ''}</td>`;
  };
  return html`<h3 id="week">一周视图：${weekLabel(shown)}</h3>
<p class="actions noprint">${weeks.map((w) => html`<a class="button ${w === shown ? '' : 'secondary'}" href="/secretary/team/${team.id}?month=${month}&week=${w}#week">第${Number(w.slice(-2))}周</a>`)}</p>
<div class="scroll"><table aria-label="一周视图" data-testid="week-view"><thead><tr><th>日期</th>${due.shifts.map((x) => html`<th>${x.name}</th>`)}</tr></thead><tbody>
${weekDays(shown).map((day) => html`<tr><td>${day >= from && day <= to ? '' : html`<span class="muted">（他月）</span>`}${dayLabel(day)}</td>${due.shifts.map((x) => cell(day, x.id))}</tr>`)}
</tbody></table></div>`;
}
