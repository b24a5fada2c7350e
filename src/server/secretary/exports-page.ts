/**
 * 导出 page: one month picker, then every file of that month as a plain link (Excel, CSV of
 * the month, the dashboard to print, each team's Word and print page), and a free date
 * range for the CSV. The month's photos as a zip, of the branch or of one team. Any month can be handed on, not only the current one.
 */
import { html } from 'hono/html';
import { monthLabel } from '../../domain/calendar';
import type { DayKey, MonthKey } from '../../domain/types';
import type { TeamRow } from '../store';
import type { Html } from './layout';

export function exportsPage(branch: { id: string; name: string }, teams: readonly TeamRow[], month: MonthKey, from: DayKey, to: DayKey, b: string): Html {
  const label = monthLabel(month);
  return html`<h1>导出 · ${branch.name}</h1>
<form method="get" action="/secretary/exports" class="actions monthnav" aria-label="选择月份"><input type="hidden" name="branch" value="${branch.id}">
<label for="month">月份</label><input type="month" id="month" name="month" value="${month}" required> <button class="secondary">选择</button></form>
<h2>${label}</h2>
<ul class="files" data-month="${month}">
<li><a href="/secretary/export/branch.xlsx?${b}&month=${month}">月度汇总（Excel）</a></li>
<li><a href="/secretary/export/entries.csv?${b}&from=${from}&to=${to}">原始记录（CSV，${from} 至 ${to}）</a></li>
<li><a href="/secretary/?${b}&month=${month}">总览（可打印，A4 横向）</a></li>
<li><a href="/secretary/export/photos.zip?${b}&month=${month}">全支部本月照片（zip）</a></li>
</ul>
<h3>班组月度汇报（Word / 打印）</h3>
<ul>${teams.map((t) => html`<li>${t.name}${t.archived_at ? '（已归档）' : ''}：<a href="/secretary/export/report.docx?team=${t.id}&month=${month}">Word</a> · <a href="/secretary/print?team=${t.id}&month=${month}">打印（A4）</a> · <a href="/secretary/export/photos.zip?team=${t.id}&month=${month}">照片（zip）</a></li>`)}</ul>
<h2>原始记录（CSV，任意日期范围）</h2>
<form method="get" action="/secretary/export/entries.csv" class="stack"><input type="hidden" name="branch" value="${branch.id}">
<label for="from">开始日期</label><input type="date" id="from" name="from" value="${from}" required>
<label for="to">结束日期</label><input type="date" id="to" name="to" value="${to}" required>
<label for="team">班组</label><select id="team" name="team"><option value="">全部班组</option>${teams.map((t) => html`<option value="${t.id}">${t.name}${t.archived_at ? '（已归档）' : ''}</option>`)}</select>
<div class="actions"><button>下载 CSV</button></div></form>`;
}
