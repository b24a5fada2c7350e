/**
 * The branch's 月汇报 due day (the Nth of the next month, default 5), set on the 支部设置 page
 * (branch-settings.ts; GET/POST /settings). Stored as the branch config key REPORT_DUE_DAY_KEY, so every phone of the
 * branch pulls it like the rest of the config and its 月汇报 banner names the same date
 * the secretary sees on the dashboard and the rubric's 月汇报按时 uses.
 */
import { Hono } from 'hono';
import { parseReportDueDay, REPORT_DUE_DAY_KEY } from '../../domain/reminders';
import { setConfig } from '../store';
import { audit, currentBranch } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { page } from './layout';
import { branchReportDueDay, branchSettingsPage } from './branch-settings';

export function settingsRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  r.get('/settings', (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    return c.html(page('支部设置', s, branchSettingsPage(db, s, branch, { saved: c.req.query('saved') === '1' ? 'dueDay' : undefined })));
  });
  r.post('/settings', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    const branch = currentBranch(db, s.account, typeof form.branch === 'string' ? form.branch : undefined);
    const raw = typeof form.reportDueDay === 'string' ? form.reportDueDay : '';
    const parsed = parseReportDueDay(raw);
    if (!parsed.ok) return c.html(page('支部设置', s, branchSettingsPage(db, s, branch, { dueDay: raw, dueErrors: [parsed.error] })), 400);
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
