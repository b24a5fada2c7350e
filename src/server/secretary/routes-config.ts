/**
 * The branch-wide lists (帮扶类型（不稳定不安全因素）, 日跟班检查项), saved from the 支部设置
 * page (branch-settings.ts) and audited as branch actions (no team); and the Excel 花名册
 * import of a team, which ends in the same preview as a typed roster (roster-preview.ts).
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { setConfig } from '../store';
import { audit, currentBranch, teamFor } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { parseNames, parseRoster, usedIds } from './config';
import { errorBox, page } from './layout';
import { branchLists, branchSettingsPage, LISTS } from './branch-settings';
import { current } from './routes-manage';
import { previewSection, rosterDiff } from './roster-preview';
import { readRosterXlsx } from './roster-import';
import { takeDraft } from './drafts';

const str = (x: unknown) => (typeof x === 'string' ? x : '');

export function configRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();

  r.get('/branch-config', (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    // A list typed into an expired session comes back (drafts.ts), not yet saved.
    const draft = takeDraft(c, deps, s.account.id);
    const kept = draft && typeof draft.text === 'string' ? { what: str(draft.what), text: draft.text, errors: [], restored: true } : null;
    return c.html(page('支部设置', s, branchSettingsPage(db, s, branch, { bad: kept, saved: c.req.query('saved') })));
  });
  r.post('/branch-config', async (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    const form = await c.req.parseBody();
    const what = str(form.what);
    const text = str(form.text).slice(0, 20_000);
    if (what !== 'riskTypes' && what !== 'checklist') return c.html(page('支部设置', s, branchSettingsPage(db, s, branch, { bad: { what, text, errors: ['未知的配置项'] } })), 400);
    const lists = branchLists(db, branch);
    const l = LISTS[what];
    const result = parseNames(text, lists[what], l.what, l.max, lists.used[what]);
    if (!result.ok) return c.html(page('支部设置', s, branchSettingsPage(db, s, branch, { bad: { what, text, errors: result.errors } })), 400);
    setConfig(db, branch.id, what, result.items, clock());
    audit(db, clock(), s.account, 'edit_branch_config', null, `${branch.id} ${what}`);
    return c.redirect(`/secretary/branch-config?saved=${what}${s.account.role === 'admin' ? `&branch=${branch.id}` : ''}`, 303);
  });

  r.post('/team/:id/config/import', async (c) => importRoster(c));
  async function importRoster(c: Context<SecEnv>) {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id') ?? '');
    if (!team) return c.text('班组不存在或无权查看', 404);
    const file = (await c.req.parseBody()).file;
    const fail = (error: string) => c.html(page('导入花名册', s, html`<h1>${team.name} · 导入花名册</h1>${errorBox([error])}<p><a href="/secretary/team/${team.id}/config">返回班组配置</a></p>`), 400);
    if (!(file instanceof File) || file.size === 0) return fail('请选择一个 Excel 文件（.xlsx）');
    const read = await readRosterXlsx(await file.arrayBuffer());
    if (!read.ok) return fail(read.error);
    const now = current(db, team);
    const parsed = parseRoster(read.text, now.roster, usedIds(db, team).roster);
    if (!parsed.ok) return fail(`表中有无法导入的行：${parsed.errors.join('；')}`);
    audit(db, clock(), s.account, 'import_roster_preview', team.id, `${file.name} ${read.rows}`);
    const diff = rosterDiff(now.roster, parsed.items, read.text);
    return c.html(page('花名册预览', s, previewSection(s, team, read.text, diff, [], `从「${file.name}」读取了 ${read.rows} 行，`)));
  }
  return r;
}

