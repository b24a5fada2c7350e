/**
 * 总览: the month view of a branch. Teams × days grid of 日跟班 (colour and a symbol, so
 * it reads in grey print), then per team: weeks of 周帮扶 done, report status, open
 * 隐患 with the oldest one's age, last sync per device (silent phones stand out), and
 * the 6-month chart.
 */
import { html } from 'hono/html';
import { addMonths, monthDays } from '../../domain/calendar';
import { countStates, type DueCounts, type DueState, type DueTeam } from '../../domain/due';
import { openAgeDays } from '../../domain/hazard';
import type { DayKey, MonthKey, WeekKey } from '../../domain/types';
import type { Sqlite } from '../db';
import { listDevices, type TeamRow } from '../store';
import { chartSvg, lastMonths, type ChartPoint } from './chart';
import { scoreHistory } from './rubric';
import { scoreNote } from './report-state';
import {
  DAY_STATE, NOT_DUE_LABEL, REPORT_STATE_LABEL, cachedFigures, loadTeam, teamSeq, monthRange, reportOfMonth, reportState, type DayState,
} from './data';
import { dayStates, dueTeam, reportDue, weekStates } from './due-states';
import { when, type Html } from './layout';
import { printButton } from './print';

/** A phone not heard from for this long is shown in red. */
export const SILENT_MS = 3 * 24 * 3600 * 1000;

export interface ReportCell { state: keyof typeof REPORT_STATE_LABEL; score: number | null; id: string | null; due: DueState }

export interface TeamMonth {
  team: TeamRow;
  due: DueTeam;
  states: Map<DayKey, DayState>;
  /** Days owed so far (due.ts): done, partial, missed; and the rate done / owed. */
  counts: DueCounts;
  weeks: Map<WeekKey, DueState>;
  weeksDone: number;
  /** Weeks owed so far (over, or done early); weeksTotal: all weeks of the month. */
  weeksOwed: number;
  weeksTotal: number;
  report: ReportCell;
  /** Early in a month the report that matters is last month's. */
  prevReport: ReportCell;
  openHazards: number;
  oldestOpenDays: number | null;
  devices: { name: string; lastSeen: number | null; revoked: boolean }[];
  chart: ChartPoint[];
}

export function teamMonth(db: Sqlite, team: TeamRow, month: MonthKey, today: DayKey, nowMs: number): TeamMonth {
  const months = lastMonths(month);
  const data = loadTeam(db, team.id, { from: monthRange(months[0]!).from, to: monthRange(month).to });
  const seq = teamSeq(db, team.id);
  const f = cachedFigures(db, team.id, month, data, seq);
  const report = reportOfMonth(data, month);
  const rs = reportState(db, team.id, report);
  const prev = reportOfMonth(data, addMonths(month, -1));
  const ps = reportState(db, team.id, prev);
  const end = monthRange(month).to;
  const oldest = f.hazards.oldestOpen[0];
  const due = dueTeam(db, team, data);
  const states = dayStates(month, data, due, nowMs);
  const weeks = weekStates(month, data, due, nowMs);
  return {
    team,
    due,
    states,
    counts: countStates([...states.values()].map((s) => DUE_OF_DAY[s])),
    weeks,
    weeksDone: [...weeks.values()].filter((s) => s === 'done').length,
    weeksOwed: [...weeks.values()].filter((s) => s === 'done' || s === 'partial' || s === 'missed').length,
    weeksTotal: f.weekly.weeksTotal,
    report: { state: rs.state, score: rs.review?.score ?? null, id: report?.id ?? null, due: reportDue(due, month, nowMs, rs.state !== 'none') },
    prevReport: { state: ps.state, score: ps.review?.score ?? null, id: prev?.id ?? null, due: reportDue(due, addMonths(month, -1), nowMs, ps.state !== 'none') },
    openHazards: f.hazards.openAtEnd.value,
    oldestOpenDays: oldest ? openAgeDays(oldest.foundDay, end, today) : null,
    devices: listDevices(db, team.id).map((d) => ({ name: d.name || '未命名设备', lastSeen: d.last_seen_at, revoked: d.revoked_at !== null })),
    chart: months.map((m) => {
      const mf = cachedFigures(db, team.id, m, data, seq);
      return { month: m, talks: mf.daily.talks.count.value, helped: mf.weekly.peopleHelped.value, closed: mf.hazards.closed.value };
    }),
  };
}

const DUE_OF_DAY: Record<DayState, DueState> = {
  done: 'done', partly: 'partial', missing: 'missed', off: 'off', future: 'future', progress: 'in-progress', before: 'before-team', rest: 'not-worked',
};

export function legend(): Html {
  return html`<div class="legend">${(['done', 'partly', 'missing', 'progress', 'off'] as const).map((s) =>
    html`<span><span class="d-${s}">${DAY_STATE[s].mark}</span>${DAY_STATE[s].label}</span>`)}</div>`;
}

export const pct = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Teams × days; each cell opens that day of the team; per team the month's counts so far. */
export function dayGrid(month: MonthKey, rows: readonly TeamMonth[], q: string, sortLink: (key: string, label: string) => Html = (_k, l) => html`${l}`): Html {
  const days = monthDays(month);
  return html`<div class="scroll"><table class="grid" aria-label="日跟班完成情况">
<thead><tr><th class="team">${sortLink('name', '班组')}</th><th scope="col" class="count">${sortLink('done', '完成')}</th><th scope="col" class="count">${sortLink('missed', '缺失')}</th><th scope="col" class="count">${sortLink('rate', '完成率')}</th>${days.map((d) => html`<th scope="col">${Number(d.slice(8))}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr data-team="${r.team.id}"><td class="team"><a href="/secretary/team/${r.team.id}?month=${month}${q}">${r.team.name}</a></td>
<td class="num" data-col="done">${r.counts.done}/${r.counts.owed}</td><td class="num" data-col="missed">${r.counts.missed}</td><td class="num" data-col="rate">${pct(r.counts.rate)}</td>${days.map((d) => {
    const s = r.states.get(d) ?? 'future';
    const mark = DAY_STATE[s].mark;
    return html`<td class="d-${s}" title="${d} ${DAY_STATE[s].label}">${s === 'before' || s === 'future' ? mark
      : html`<a class="cell" href="/secretary/team/${r.team.id}?month=${month}&day=${d}${q}#day" aria-label="${d} ${DAY_STATE[s].label}">${mark || html`&nbsp;`}</a>`}</td>`;
  })}</tr>`)}</tbody></table></div>`;
}

export function reportBadge(r: ReportCell, teamId: string): Html {
  if (r.state === 'none' && (r.due === 'in-progress' || r.due === 'before-team' || r.due === 'future')) {
    return html`<span class="badge s-notdue">${NOT_DUE_LABEL[r.due]}</span>`;
  }
  return html`<span class="badge s-${r.state}">${REPORT_STATE_LABEL[r.state]}</span>${scoreNote(r.state, r.score)}${r.id && r.state !== 'none' ? html` <a href="/secretary/report/${r.id}?team=${teamId}">查看</a>` : ''}`;
}

/** scale: the y scale shared by every card of the page (chartScale), so bars compare across teams. */
export function teamCard(r: TeamMonth, month: MonthKey, now: number, scale?: number): Html {
  return html`<section class="card" data-team="${r.team.id}">
<h3><a href="/secretary/team/${r.team.id}?month=${month}">${r.team.name}</a></h3>
<dl class="kv">
<dt>日跟班</dt><dd>${r.counts.done} / ${r.counts.owed} 天（${pct(r.counts.rate)}）</dd>
<dt>周帮扶</dt><dd>${r.weeksDone} / ${r.weeksOwed} 周${r.weeksOwed < r.weeksTotal ? html` <span class="muted">（本月共 ${r.weeksTotal} 周）</span>` : ''}</dd>
<dt>月汇报</dt><dd>${reportBadge(r.report, r.team.id)}</dd>
<dt>上月汇报</dt><dd>${reportBadge(r.prevReport, r.team.id)}</dd>
<dt>未销号隐患</dt><dd>${r.openHazards} 项${r.oldestOpenDays !== null ? `，最久 ${r.oldestOpenDays} 天` : ''}</dd>
<dt>设备同步</dt><dd>${r.devices.length === 0 ? html`<span class="muted">尚无登记设备</span>` : r.devices.map((d) => {
    const silent = !d.revoked && (d.lastSeen === null || now - d.lastSeen > SILENT_MS);
    return html`<div class="${silent ? 'stale' : ''}">${d.name}：${d.revoked ? '已停用' : d.lastSeen ? when(d.lastSeen) : '从未同步'}${silent ? '（超过3天未同步）' : ''}</div>`;
  })}</dd>
</dl>
${chartSvg(r.chart, `${r.team.name} 近6个月`, scale)}
</section>`;
}

export function monthNav(month: MonthKey, base: string): Html {
  const [path, query = ''] = base.split('?');
  const branch = new URLSearchParams(query).get('branch');
  const sep = query ? `?${query}&` : '?';
  return html`<div class="actions monthnav noprint">
<a class="button secondary" href="${path}${sep}month=${addMonths(month, -1)}">‹ 上月</a>
<form method="get" action="${path}" class="inline">${branch ? html`<input type="hidden" name="branch" value="${branch}">` : ''}<input type="month" name="month" value="${month}" aria-label="月份" required> <button class="secondary">查看</button></form>
<a class="button secondary" href="${path}${sep}month=${addMonths(month, 1)}">下月 ›</a>
${printButton()}
</div>`;
}

/** 考核得分 of every team over the last 6 months, from the reviews (one row per instructor's team). */
export function scoreTable(db: Sqlite, teams: readonly TeamRow[], month: MonthKey): Html {
  const months = lastMonths(month);
  const rows = teams.map((t) => ({ t, scores: new Map(scoreHistory(db, t.id).map((x) => [x.month, x.score])) }));
  return html`<div class="scroll"><table aria-label="考核得分"><thead><tr><th>班组</th>${months.map((m) => html`<th class="num">${m}</th>`)}</tr></thead><tbody>
${rows.map((r) => html`<tr><td><a href="/secretary/team/${r.t.id}">${r.t.name}</a></td>${months.map((m) => html`<td class="num">${r.scores.get(m) ?? '—'}</td>`)}</tr>`)}
</tbody></table></div>`;
}
