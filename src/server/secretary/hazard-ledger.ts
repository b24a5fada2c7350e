/**
 * The team page's 隐患台账 for the secretary: the month's items with category, severity, overdue
 * days (as of today), the history of corrections, and the entries the instructor withdrew as
 * mistaken, each with its reason (tombstones are left out of every figure but stay visible here).
 */
import { html } from 'hono/html';

import { DEFAULT_HAZARD_LISTS, HAZARD_LISTS_KEY, labelOf, parseHazardLists, type HazardLists } from '../../domain/hazard-lists';
import type { DayKey, Hazard, HazardEvent, MonthKey } from '../../domain/types';
import type { Sqlite } from '../db';
import { monthRange, type TeamRecords } from './data';
import type { Html } from './layout';
import { overdueMark } from './views-branch';

/** The branch's hazard lists (defaults when it has none). */
export function branchHazardLists(db: Sqlite, branchId: string): HazardLists {
  const row = db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(branchId, HAZARD_LISTS_KEY) as { value: string } | undefined;
  return parseHazardLists(row ? JSON.parse(row.value) : undefined).lists;
}

const ACTION: Record<HazardEvent['action'], string> = { close: '销号', reopen: '重新打开', edit: '修改', delete: '删除', review: '复查' };
const FIELD = { description: '内容', responsible: '责任人', deadline: '期限', category: '类别', severity: '等级' } as const;

function shown(lists: HazardLists, field: keyof typeof FIELD, value: string): string {
  if (!value) return '无';
  return field === 'category' ? labelOf(lists.categories, value) : field === 'severity' ? labelOf(lists.severities, value) : value;
}

function historyText(h: Hazard, lists: HazardLists): Html | string {
  const edits = h.history.filter((e) => e.action !== 'close' && e.action !== 'reopen');
  if (edits.length === 0) return '';
  return html`<details><summary>处理记录（${h.history.length}）</summary><ul>${h.history.map((e) => html`<li>${e.day} ${ACTION[e.action]}${e.note ? `：${e.note}` : ''}${
    e.changes?.length ? `（${e.changes.map((c) => `${FIELD[c.field]} ${shown(lists, c.field, c.from)} → ${shown(lists, c.field, c.to)}`).join('；')}）` : ''}</li>`)}</ul></details>`;
}

export function hazardLedger(d: TeamRecords, month: MonthKey, lists: HazardLists = DEFAULT_HAZARD_LISTS, today?: DayKey): Html {
  const { from, to } = monthRange(month);
  const inMonth = (h: Hazard) => h.foundDay <= to && (h.status === 'open' || (h.closedDay ?? '') >= from);
  const rows = d.hazards.filter((h) => !h.deleted && inMonth(h)).sort((a, b) => a.foundDay.localeCompare(b.foundDay));
  const withdrawn = d.hazards.filter((h) => h.deleted && h.foundDay <= to && h.foundDay >= from && h.deleteReason !== undefined)
    .sort((a, b) => a.foundDay.localeCompare(b.foundDay));
  const ref = today !== undefined && today < to ? today : to;
  const kind = (h: Hazard) => [labelOf(lists.categories, h.category), labelOf(lists.severities, h.severity)].filter(Boolean).join(' · ');
  const table = rows.length === 0 ? html`<p class="muted">本月无隐患记录。</p>` : html`<div class="scroll"><table><thead><tr><th>发现日期</th><th>内容</th><th>类别/等级</th><th>责任人</th><th>期限</th><th>状态</th></tr></thead><tbody>
${rows.map((h) => {
    return html`<tr><td>${h.foundDay}</td><td>${h.description}${historyText(h, lists)}</td><td>${kind(h) || '—'}</td><td>${h.responsible}</td><td>${h.deadline ?? '—'}</td><td>${h.status === 'open' ? '未销号' : `已销号 ${h.closedDay ?? ''}`}${overdueMark(h, ref)}</td></tr>`;
  })}
</tbody></table></div>`;
  if (withdrawn.length === 0) return table;
  return html`${table}<h3>已删除的误登记（不计入统计）</h3><div class="scroll"><table data-testid="withdrawn"><thead><tr><th>发现日期</th><th>内容</th><th>删除原因</th></tr></thead><tbody>
${withdrawn.map((h) => html`<tr><td>${h.foundDay}</td><td>${h.description}</td><td>${h.deleteReason ?? ''}</td></tr>`)}
</tbody></table></div>`;
}
