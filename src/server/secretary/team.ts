/**
 * 班组页: one team's month — the 日跟班 of every day (and the full entries of one day),
 * the 周帮扶 weeks, the people ledger, the 隐患 ledger, every report with its revisions,
 * scores over months, devices. Sensitive notes: the route writes an audit entry.
 */
import { html } from 'hono/html';
import { isoWeekKey, weekLabel, weeksOfMonth } from '../../domain/calendar';
import { WEAK_ACTIONS, WEAK_REASONS, attendance, dutyProgress } from '../../domain/checklist';
import { riskTypeLabels } from '../../domain/risk-types';
import type { DayKey, MonthKey } from '../../domain/types';
import { HELP_RESULT_LABELS, WEEK_STATUS_LABELS, weekStatus } from '../../domain/weekly';
import { REPORT_STATE_LABEL, monthRange, reportState, workerName, type TeamRecords } from './data';
import type { Sqlite } from '../db';
import type { Html } from './layout';

export function dutiesTable(d: TeamRecords, month: MonthKey, teamId: string): Html {
  const { from, to } = monthRange(month);
  const duties = d.duties.filter((x) => !x.deleted && x.day >= from && x.day <= to);
  if (duties.length === 0) return html`<p class="muted">本月暂无日跟班记录。</p>`;
  return html`<div class="scroll"><table><thead><tr><th>日期</th><th>班次</th><th>完成情况</th><th class="num">谈心</th><th class="num">薄弱人员</th></tr></thead><tbody>
${duties.map((x) => {
    const p = dutyProgress(x, d.hazards.filter((h) => h.dutyId === x.id && !h.deleted).length);
    return html`<tr><td><a href="/secretary/team/${teamId}?month=${month}&day=${x.day}#day">${x.day}</a></td><td>${x.shiftName}</td>
<td>${x.dayOff ? '休息' : p.complete ? '● 完成' : `◐ ${p.done}/${p.total}`}</td><td class="num">${x.talks.workerIds.length}</td><td class="num">${x.weak.entries.length}</td></tr>`;
  })}</tbody></table></div>`;
}

/** 应到/实到 as the phone shows them, who was absent, sent to rest or kept from going down, and this shift's temporary workers. */
function rollCallLine(d: TeamRecords, x: TeamRecords['duties'][number]): Html {
  if (x.rollCall.expected === null && !x.rollCall.confirmed) return html`—`;
  const a = attendance(x, 0);
  const names = (ids: readonly string[]) => ids.map((id) => workerName(d, id)).join('、');
  return html`应到 ${a.expected}，实到 ${a.present}；缺勤：${names(a.absentees) || '无'}${a.sentOff.length ? html`；安排休息/停止下井：${names(a.sentOff)}` : ''}${a.guests.length ? html`；临时/借调：${a.guests.map((g) => (g.post ? `${g.name}（${g.post}）` : g.name)).join('、')}` : ''}`;
}

export function dayDetail(d: TeamRecords, day: DayKey): Html {
  const duties = d.duties.filter((x) => !x.deleted && x.day === day);
  const names = (ids: readonly string[]) => ids.map((id) => workerName(d, id)).join('、') || '—';
  return html`<h2 id="day">${day} 的记录</h2>${duties.length === 0 ? html`<p class="muted">当天没有记录。</p>` : duties.map((x) => html`
<h3>${x.shiftName}${x.dayOff ? '（休息）' : ''}</h3>
<dl class="kv">
<dt>区队早会</dt><dd>${x.districtMeeting.attended === null ? '未填' : x.districtMeeting.attended ? '已参加' : '未参加'} ${x.districtMeeting.note}</dd>
<dt>班前点名</dt><dd>${rollCallLine(d, x)}</dd>
<dt>文件传达</dt><dd>${x.documents.none ? '无' : x.documents.items.join('；') || '—'}</dd>
<dt>班前教育</dt><dd>${x.lessonTopic || '—'}</dd>
<dt>安全确认</dt><dd>${x.safetyConfirmed ? '已确认' : '未确认'}</dd>
<dt>薄弱人员</dt><dd>${x.weak.none ? '无' : x.weak.entries.map((e) => html`<div>${workerName(d, e.workerId)}：${e.reasons.map((r) => WEAK_REASONS[r]).join('、')}${e.reasonOther ? `（${e.reasonOther}）` : ''} → ${e.actions.map((a) => WEAK_ACTIONS[a]).join('、')}${e.actionOther ? `（${e.actionOther}）` : ''}</div>`)}</dd>
<dt>思想引导谈心</dt><dd>${x.talks.none ? '无' : names(x.talks.workerIds)}</dd>
<dt>人员组织</dt><dd>${x.organisationNote || (x.organisationDone ? '已完成' : '—')}</dd>
<dt>隐患/问题</dt><dd>${x.hazardsNone ? '无' : d.hazards.filter((h) => h.dutyId === x.id && !h.deleted).map((h) => html`<div>${h.description}（${h.status === 'open' ? '未销号' : '已销号'}）</div>`)}</dd>
</dl>`)}`;
}

export function weeklySection(d: TeamRecords, month: MonthKey): Html {
  return html`${weeksOfMonth(month).map((week) => {
    const recs = d.helpRecords.filter((r) => !r.deleted && r.week === week);
    const screening = d.weeklyScreenings.find((s) => !s.deleted && s.week === week) ?? null;
    return html`<h3>${weekLabel(week)}：${WEEK_STATUS_LABELS[weekStatus(screening, recs)]}</h3>
${recs.length === 0 ? html`<p class="muted">${screening?.noneAtRisk ? '本周无需帮扶人员' : '无帮扶记录'}</p>` : html`<div class="scroll"><table>
<thead><tr><th>人员</th><th>类型</th><th>情况</th><th>措施</th><th>结果</th><th>下一步</th></tr></thead><tbody>
${recs.map((r) => html`<tr><td>${workerName(d, r.workerId)}</td><td>${riskTypeLabels(d.riskTypes, r.riskTypeIds).join('、')}</td><td>${r.situation}</td><td>${r.measures}</td><td>${r.result ? HELP_RESULT_LABELS[r.result] : '未填'}</td><td>${r.nextStep}</td></tr>`)}
</tbody></table></div>`}`;
  })}`;
}

/** 人员台账: each worker with the month's screenings, talks and latest help. */
export function peopleLedger(d: TeamRecords, month: MonthKey, teamId?: string): Html {
  const { from, to } = monthRange(month);
  const duties = d.duties.filter((x) => !x.deleted && x.day >= from && x.day <= to);
  const lastWeek = isoWeekKey(to);
  const rows = d.workers.filter((w) => !w.deleted).map((w) => {
    const weak = duties.reduce((n, x) => n + x.weak.entries.filter((e) => e.workerId === w.id).length, 0);
    const talks = duties.filter((x) => x.talks.workerIds.includes(w.id)).length;
    const help = d.helpRecords.filter((r) => !r.deleted && r.workerId === w.id && r.week <= lastWeek).sort((a, b) => b.week.localeCompare(a.week))[0];
    return { w, weak, talks, help };
  });
  return html`<div class="scroll"><table><thead><tr><th>姓名</th><th>工种</th><th class="num">本月薄弱排查</th><th class="num">本月谈心</th><th>最近帮扶</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${teamId ? html`<a href="/secretary/team/${teamId}/worker/${r.w.id}">${r.w.name}</a>` : r.w.name}${r.w.partyMember ? '（党员）' : ''}</td><td>${r.w.post}</td><td class="num">${r.weak}</td><td class="num">${r.talks}</td>
<td>${r.help ? `${weekLabel(r.help.week)} ${r.help.result ? HELP_RESULT_LABELS[r.help.result] : '未填'}` : '—'}</td></tr>`)}
</tbody></table></div>`;
}

// The 隐患台账 (tombstones with reasons, overdue days, corrections) lives in its own file.
export { hazardLedger } from './hazard-ledger';

export function reportsList(db: Sqlite, teamId: string, d: TeamRecords): Html {
  const reports = d.reports.filter((r) => !r.deleted).sort((a, b) => b.month.localeCompare(a.month));
  if (reports.length === 0) return html`<p class="muted">尚无月汇报。</p>`;
  return html`<div class="scroll"><table><thead><tr><th>月份</th><th>状态</th><th class="num">提交次数</th><th class="num">得分</th><th></th></tr></thead><tbody>
${reports.map((r) => {
    const s = reportState(db, teamId, r);
    return html`<tr><td>${r.month}</td><td><span class="badge s-${s.state}">${REPORT_STATE_LABEL[s.state]}</span></td><td class="num">${r.submissions.length}</td>
<td class="num">${s.review?.score ?? '—'}</td><td>${s.state === 'none' ? '' : html`<a href="/secretary/report/${r.id}?team=${teamId}">审阅评分</a>`}</td></tr>`;
  })}</tbody></table></div>`;
}
