/**
 * 支部设置: one page for everything set for the whole branch — the 月汇报 due day
 * (routes-settings.ts) and the branch-wide lists, 帮扶类型（不稳定不安全因素） and 日跟班检查项
 * (routes-config.ts). Both routes render it; each form posts to its own route and comes back
 * here. Until 2 Dec these were two pages, 支部设置 and 支部配置, a pair of names nobody could tell apart.
 */
import { html } from 'hono/html';
import { CONFIG_LIMITS } from '../../domain/config-limits';
import { DEFAULT_REPORT_DUE_DAY, REPORT_DUE_DAY_KEY, REPORT_DUE_DAY_MAX, reportDueDayOf } from '../../domain/reminders';
import { DEFAULT_RISK_TYPE_NAMES } from '../../domain/risk-types';
import { SECTION_LABELS } from '../../domain/checklist';
import type { Sqlite } from '../db';
import type { BranchRow, TeamRow } from '../store';
import type { Session } from './auth';
import { getConfig, namesText, usedIds, type NamedItem } from './config';
import { canEdit, csrf, errorBox, notice, type Html } from './layout';
import { current } from './routes-manage';

export type ListName = 'riskTypes' | 'checklist';
export const LISTS: Record<ListName, { title: string; what: string; max: number; defaults: () => string[] }> = {
  riskTypes: { title: '帮扶类型（不稳定不安全因素）', what: '帮扶类型', max: CONFIG_LIMITS.riskTypeName, defaults: () => [...DEFAULT_RISK_TYPE_NAMES] },
  checklist: { title: '日跟班检查项', what: '检查项', max: CONFIG_LIMITS.checklistName, defaults: () => Object.values(SECTION_LABELS) },
};

/** The branch's due day (1–28), the default when never set. */
export function branchReportDueDay(db: Sqlite, branchId: string): number {
  const row = db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(branchId, REPORT_DUE_DAY_KEY) as { value: string } | undefined;
  return reportDueDayOf(row ? (JSON.parse(row.value) as unknown) : undefined);
}

/** The same for a team's branch. */
export function teamReportDueDay(db: Sqlite, teamId: string): number {
  const t = db.prepare('SELECT branch_id FROM teams WHERE id = ?').get(teamId) as { branch_id: string } | undefined;
  return t ? branchReportDueDay(db, t.branch_id) : DEFAULT_REPORT_DUE_DAY;
}

/**
 * The branch's lists; before the branch saved its risk types, those the phones made (same
 * ids, taken from the branch's first team that has any) so a first save orphans nothing.
 */
export function branchLists(db: Sqlite, branch: BranchRow): { riskTypes: NamedItem[]; checklist: NamedItem[]; used: Record<ListName, Set<string>> } {
  const teams = db.prepare('SELECT * FROM teams WHERE branch_id = ? ORDER BY created_at').all(branch.id) as TeamRow[];
  const first = teams.map((t) => current(db, t)).find((c) => c.riskTypes.length > 0);
  const saved = db.prepare("SELECT 1 FROM config WHERE branch_id = ? AND key = 'riskTypes'").get(branch.id) !== undefined;
  const riskUsed = teams[0] ? usedIds(db, teams[0]).riskTypes : new Set<string>();
  return {
    riskTypes: saved ? getConfig<NamedItem>(db, branch.id, 'riskTypes') : first?.riskTypes ?? [],
    checklist: getConfig<NamedItem>(db, branch.id, 'checklist'),
    used: { riskTypes: riskUsed, checklist: new Set() },
  };
}

export interface BranchSettingsView {
  lists: Record<ListName, NamedItem[]>;
  /** The due day field: the stored value, or what was typed when it was refused. */
  dueDay: string;
  dueErrors?: string[];
  /** A list typed and refused (or restored after an expired session), shown again unsaved. */
  bad?: { what: string; text: string; errors: string[]; restored?: boolean } | null;
  /** What was just saved: 'dueDay' or a list name. */
  saved?: string;
}

function dueDaySection(s: Session, branch: BranchRow, v: BranchSettingsView): Html {
  return html`<h2 id="due-day-section">月汇报截止日</h2>
${notice(v.saved === 'dueDay' ? '已保存：总览和各班组手机（下次同步后）都按新的截止日显示。' : undefined)}${errorBox(v.dueErrors ?? [])}
<form method="post" action="/secretary/settings" class="stack">${csrf(s)}<input type="hidden" name="branch" value="${branch.id}">
<fieldset class="plain" ${canEdit(s) ? '' : 'disabled'}>
<label for="due-day">月汇报截止日：次月几日（1–${REPORT_DUE_DAY_MAX}，默认 ${DEFAULT_REPORT_DUE_DAY} 日）</label>
<input type="number" id="due-day" name="reportDueDay" value="${v.dueDay}" min="1" max="${REPORT_DUE_DAY_MAX}" required>
</fieldset>
<p class="muted">小政委手机从每月最后三天起提醒提交月汇报，直到次月这一天；考核细则的「月汇报按时」也按这一天计算。</p>
${canEdit(s) ? html`<div class="actions"><button>保存截止日</button></div>` : ''}</form>`;
}

function listSection(s: Session, branch: BranchRow, v: BranchSettingsView, what: ListName): Html {
  const l = LISTS[what];
  const items = v.lists[what];
  const bad = v.bad?.what === what ? v.bad : null;
  const text = bad ? bad.text : items.length ? namesText(items) : l.defaults().join('\n');
  const retired = items.filter((x) => x.retired).map((x) => x.name);
  const q = s.account.role === 'admin' ? `?branch=${branch.id}` : '';
  return html`<h2>${l.title}</h2>${notice(v.saved === what ? '已保存，本支部所有班组的手机在下次同步时收到。' : undefined)}
${bad?.restored ? notice('已恢复登录过期前填写的内容，尚未保存：请核对后再保存。') : ''}${bad ? errorBox(bad.errors) : ''}
${canEdit(s) ? html`<form method="post" action="/secretary/branch-config${q}" class="stack">${csrf(s)}<input type="hidden" name="what" value="${what}">
<label for="t-${what}">一行一个，按显示顺序</label><textarea id="t-${what}" name="text" rows="8">${text}</textarea>
${retired.length ? html`<p class="muted">已停用（旧记录仍可读）：${retired.join('、')}</p>` : ''}
<div class="actions"><button>保存${l.title}</button></div></form>` : html`<pre class="plain">${text}</pre>`}`;
}

/** The page; `opts` says what was just saved, or what was typed and refused (shown again). */
export function branchSettingsPage(db: Sqlite, s: Session, branch: BranchRow, opts: Partial<Omit<BranchSettingsView, 'lists'>> = {}): Html {
  const lists = branchLists(db, branch);
  const v: BranchSettingsView = { lists, dueDay: String(branchReportDueDay(db, branch.id)), ...opts };
  return html`<h1>支部设置 · ${branch.name}</h1>
<p class="muted">这里的设置全支部共用，修改记入审计日志（支部操作），各班组手机在下次同步时收到。</p>
${dueDaySection(s, branch, v)}
${v.bad?.what && !(v.bad.what in LISTS) ? errorBox(v.bad.errors) : ''}
<p class="muted">清单删除一行：已有记录用到的项目改为停用，旧记录仍显示原名称。</p>
${listSection(s, branch, v, 'riskTypes')}${listSection(s, branch, v, 'checklist')}`;
}
