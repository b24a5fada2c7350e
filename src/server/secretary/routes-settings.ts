/**
 * 支部设置 (GET/POST /settings): the branch's 月汇报 due day (the Nth of the next month,
 * default 5). Stored as the branch config key REPORT_DUE_DAY_KEY, so every phone of the
 * branch pulls it like the rest of the config and its 月汇报 banner names the same date
 * the secretary sees on the dashboard and the rubric's 月汇报按时 uses.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import {
  DEFAULT_REPORT_DUE_DAY, parseReportDueDay, REPORT_DUE_DAY_KEY, REPORT_DUE_DAY_MAX, reportDueDayOf,
} from '../../domain/reminders';
import type { Sqlite } from '../db';
import { setConfig, type BranchRow } from '../store';
import { audit, currentBranch } from './access';
import type { AuthDeps, SecEnv, Session } from './auth';
import { canEdit, csrf, errorBox, notice, page, type Html } from './layout';

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

function settingsPage(s: Session, branch: BranchRow, value: string, errors: string[], saved: boolean): Html {
  return html`<h1>支部设置 · ${branch.name}</h1>
${notice(saved ? '已保存：总览和各班组手机（下次同步后）都按新的截止日显示。' : undefined)}${errorBox(errors)}
<form method="post" action="/secretary/settings" class="stack">${csrf(s)}<input type="hidden" name="branch" value="${branch.id}">
<fieldset class="plain" ${canEdit(s) ? '' : 'disabled'}>
<label for="due-day">月汇报截止日：次月几日（1–${REPORT_DUE_DAY_MAX}，默认 ${DEFAULT_REPORT_DUE_DAY} 日）</label>
<input type="number" id="due-day" name="reportDueDay" value="${value}" min="1" max="${REPORT_DUE_DAY_MAX}" required>
</fieldset>
<p class="muted">小政委手机从每月最后三天起提醒提交月汇报，直到次月这一天；考核细则的「月汇报按时」也按这一天计算。</p>
${canEdit(s) ? html`<div class="actions"><button>保存设置</button></div>` : ''}</form>`;
}

export function settingsRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  r.get('/settings', (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    return c.html(page('支部设置', s, settingsPage(s, branch, String(branchReportDueDay(db, branch.id)), [], c.req.query('saved') === '1')));
  });
  r.post('/settings', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    const branch = currentBranch(db, s.account, typeof form.branch === 'string' ? form.branch : undefined);
    const raw = typeof form.reportDueDay === 'string' ? form.reportDueDay : '';
    const parsed = parseReportDueDay(raw);
    if (!parsed.ok) return c.html(page('支部设置', s, settingsPage(s, branch, raw, [parsed.error], false)), 400);
    const before = branchReportDueDay(db, branch.id);
    if (parsed.day !== before) {
      const now = clock();
      setConfig(db, branch.id, REPORT_DUE_DAY_KEY, parsed.day, now);
      audit(db, now, s.account, 'edit_settings', null, `${branch.name}：月汇报截止日 次月${before}日 → ${parsed.day}日`);
    }
    return c.redirect(`/secretary/settings?saved=1${s.account.role === 'admin' ? `&branch=${branch.id}` : ''}`, 303);
  });
  return r;
}
