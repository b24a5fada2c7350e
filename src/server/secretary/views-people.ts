/**
 * The people pages of one team: 困难职工台账 and 1+X 结对 of a month (the records behind the
 * report's figures 困难职工帮扶 and 1+X结对, from the same computeMonthFigures), and one
 * worker's history across months (薄弱人员排查, 谈心, 周帮扶, 结对, 困难帮扶). Sensitive: the
 * routes log every view.
 */
import { html } from 'hono/html';
import { monthKey, weekLabel, weekMonth } from '../../domain/calendar';
import { WEAK_ACTIONS, WEAK_REASONS } from '../../domain/checklist';
import type { MonthFigures } from '../../domain/report-figures';
import { riskTypeLabels } from '../../domain/risk-types';
import type { MonthKey, Worker } from '../../domain/types';
import { HARDSHIP_HELP_LABELS, HELP_RESULT_LABELS } from '../../domain/weekly';
import type { TeamRow } from '../store';
import { workerName, type TeamRecords } from './data';
import type { Html } from './layout';

const ids = (c: { sources: { ids: string[] }[] }) => new Set(c.sources.flatMap((s) => s.ids));
const link = (team: TeamRow, d: TeamRecords, id: string) => html`<a href="/secretary/team/${team.id}/worker/${id}">${workerName(d, id)}</a>`;

export function hardshipsPage(team: TeamRow, d: TeamRecords, month: MonthKey, f: MonthFigures): Html {
  const h = f.weekly.hardship;
  const shown = ids(h.people);
  const rows = d.hardships.filter((x) => !x.deleted && shown.has(x.id)).sort((a, b) => a.day.localeCompare(b.day));
  return html`<h1>${team.name} · 困难职工台账</h1>
<p data-testid="hardship-totals">${month}：帮扶 <b>${h.people.value}</b> 人，走访 <b>${h.visits.value}</b> 次，帮扶金 <b>${h.fundsYuan}</b> 元（${h.funds.value} 笔）。与月汇报的数字同源。</p>
${rows.length === 0 ? html`<p class="muted">本月没有困难职工帮扶记录。</p>` : html`<div class="scroll"><table data-testid="hardships"><thead><tr><th>日期</th><th>人员</th><th>困难类型</th><th>帮扶方式</th><th class="num">帮扶金（元）</th><th>情况</th><th>后续</th></tr></thead><tbody>
${rows.map((x) => html`<tr><td>${x.day}</td><td>${link(team, d, x.workerId)}</td><td>${x.kind}</td><td>${HARDSHIP_HELP_LABELS[x.help]}</td>
<td class="num">${x.help === 'fund' && x.amountYuan ? x.amountYuan : '—'}</td><td>${x.note}</td><td>${x.followUp}</td></tr>`)}
</tbody></table></div>`}`;
}

export function pairsPage(team: TeamRow, d: TeamRecords, month: MonthKey, f: MonthFigures): Html {
  const p = f.weekly.pairs;
  const shown = ids(p.active);
  const rows = d.pairs.filter((x) => !x.deleted && shown.has(x.id)).sort((a, b) => a.since.localeCompare(b.since));
  return html`<h1>${team.name} · 1+X 结对</h1>
<p data-testid="pair-totals">${month}：在结对 <b>${p.active.value}</b> 组，结对帮扶 <b>${p.people.value}</b> 人。与月汇报的数字同源。</p>
${rows.length === 0 ? html`<p class="muted">本月没有在结对的 1+X 结对。</p>` : html`<div class="scroll"><table data-testid="pairs"><thead><tr><th>党员（1）</th><th>帮扶人员（X）</th><th>开始</th><th>结束</th></tr></thead><tbody>
${rows.map((x) => html`<tr><td>${link(team, d, x.mentorId)}</td><td>${x.workerIds.map((id, i) => html`${i ? '、' : ''}${link(team, d, id)}`)}</td><td>${x.since}</td><td>${x.until ?? '至今'}</td></tr>`)}
</tbody></table></div>`}`;
}

/** Everything recorded about one worker, newest month first. */
export function workerPage(team: TeamRow, d: TeamRecords, w: Worker): Html {
  type Line = { month: MonthKey; when: string; what: string; detail: string };
  const lines: Line[] = [];
  for (const x of d.duties) {
    if (x.deleted) continue;
    for (const e of x.weak.entries.filter((e) => e.workerId === w.id)) {
      lines.push({ month: monthKey(x.day), when: `${x.day} ${x.shiftName}`, what: '薄弱人员排查',
        detail: `${e.reasons.map((r) => WEAK_REASONS[r]).join('、')}${e.reasonOther ? `（${e.reasonOther}）` : ''} → ${e.actions.map((a) => WEAK_ACTIONS[a]).join('、')}${e.actionOther ? `（${e.actionOther}）` : ''}` });
    }
    if (x.talks.workerIds.includes(w.id)) lines.push({ month: monthKey(x.day), when: `${x.day} ${x.shiftName}`, what: '思想引导谈心', detail: '' });
  }
  for (const r of d.helpRecords.filter((r) => !r.deleted && r.workerId === w.id)) {
    lines.push({ month: weekMonth(r.week), when: weekLabel(r.week), what: '周帮扶',
      detail: `${riskTypeLabels(d.riskTypes, r.riskTypeIds).join('、')}：${r.situation}；措施：${r.measures}；${r.result ? HELP_RESULT_LABELS[r.result] : '结果未填'}${r.nextStep ? `；下一步：${r.nextStep}` : ''}` });
  }
  for (const p of d.pairs.filter((p) => !p.deleted && (p.mentorId === w.id || p.workerIds.includes(w.id)))) {
    lines.push({ month: monthKey(p.since), when: `${p.since} 起`, what: '1+X 结对',
      detail: p.mentorId === w.id ? `帮扶 ${p.workerIds.map((id) => workerName(d, id)).join('、')}` : `由党员 ${workerName(d, p.mentorId)} 帮扶` });
  }
  for (const h of d.hardships.filter((h) => !h.deleted && h.workerId === w.id)) {
    lines.push({ month: monthKey(h.day), when: h.day, what: '困难职工帮扶',
      detail: `${h.kind}，${HARDSHIP_HELP_LABELS[h.help]}${h.help === 'fund' && h.amountYuan ? ` ${h.amountYuan} 元` : ''}${h.note ? `：${h.note}` : ''}` });
  }
  lines.sort((a, b) => b.month.localeCompare(a.month) || a.when.localeCompare(b.when));
  const months = [...new Set(lines.map((l) => l.month))];
  return html`<h1>${w.name}${w.partyMember ? '（党员）' : ''} <span class="muted">${team.name}${w.post ? ` · ${w.post}` : ''}${w.deleted ? ' · 已停用' : ''}</span></h1>
<p data-testid="worker-totals">薄弱人员排查 ${lines.filter((l) => l.what === '薄弱人员排查').length} 次，谈心 ${lines.filter((l) => l.what === '思想引导谈心').length} 次，周帮扶 ${lines.filter((l) => l.what === '周帮扶').length} 次。</p>
${months.length === 0 ? html`<p class="muted">没有与此人有关的记录。</p>` : months.map((m) => html`<h2>${m}</h2><div class="scroll"><table><thead><tr><th>时间</th><th>事项</th><th>内容</th></tr></thead><tbody>
${lines.filter((l) => l.month === m).map((l) => html`<tr><td>${l.when}</td><td>${l.what}</td><td>${l.detail}</td></tr>`)}</tbody></table></div>`)}`;
}
