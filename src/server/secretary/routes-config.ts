/**
 * 支部配置 (the branch-wide lists: 帮扶类型（不稳定不安全因素）, 日跟班检查项), edited on a branch page
 * and audited as branch actions (no team), and the Excel 花名册 import of a team, which ends in
 * the same preview as a typed roster (roster-preview.ts).
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { CONFIG_LIMITS } from '../../domain/config-limits';
import { DEFAULT_RISK_TYPE_NAMES } from '../../domain/risk-types';
import { SECTION_LABELS } from '../../domain/checklist';
import type { Sqlite } from '../db';
import { setConfig, type BranchRow, type TeamRow } from '../store';
import { audit, currentBranch, teamFor } from './access';
import type { AuthDeps, SecEnv, Session } from './auth';
import { getConfig, namesText, parseNames, parseRoster, usedIds, type NamedItem } from './config';
import { canEdit, csrf, errorBox, notice, page } from './layout';
import { current } from './routes-manage';
import { previewSection, rosterDiff } from './roster-preview';
import { readRosterXlsx } from './roster-import';
import { takeDraft } from './drafts';

const str = (x: unknown) => (typeof x === 'string' ? x : '');
type What = 'riskTypes' | 'checklist';
const LISTS: Record<What, { title: string; what: string; max: number; defaults: () => string[] }> = {
  riskTypes: { title: '帮扶类型（不稳定不安全因素）', what: '帮扶类型', max: CONFIG_LIMITS.riskTypeName, defaults: () => [...DEFAULT_RISK_TYPE_NAMES] },
  checklist: { title: '日跟班检查项', what: '检查项', max: CONFIG_LIMITS.checklistName, defaults: () => Object.values(SECTION_LABELS) },
};

/**
 * The branch's lists; before the branch saved its risk types, those the phones made (same
 * ids, taken from the branch's first team that has any) so a first save orphans nothing.
 */
function branchLists(db: Sqlite, branch: BranchRow): { riskTypes: NamedItem[]; checklist: NamedItem[]; used: Record<What, Set<string>> } {
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

function branchPage(db: Sqlite, s: Session, branch: BranchRow, bad: { what: string; text: string; errors: string[]; restored?: boolean } | null, saved?: string) {
  const lists = branchLists(db, branch);
  const q = s.account.role === 'admin' ? `?branch=${branch.id}` : '';
  const block = (what: What) => {
    const l = LISTS[what];
    const items = lists[what];
    const text = bad?.what === what ? bad.text : items.length ? namesText(items) : l.defaults().join('\n');
    const retired = items.filter((x) => x.retired).map((x) => x.name);
    return html`<h2>${l.title}</h2>${bad?.restored && bad.what === what ? notice('已恢复登录过期前填写的内容，尚未保存：请核对后再保存。') : ''}${bad?.what === what ? errorBox(bad.errors) : ''}
${canEdit(s) ? html`<form method="post" action="/secretary/branch-config${q}" class="stack">${csrf(s)}<input type="hidden" name="what" value="${what}">
<label for="t-${what}">一行一个，按显示顺序</label><textarea id="t-${what}" name="text" rows="8">${text}</textarea>
${retired.length ? html`<p class="muted">已停用（旧记录仍可读）：${retired.join('、')}</p>` : ''}
<div class="actions"><button>保存${l.title}</button></div></form>` : html`<pre class="plain">${text}</pre>`}`;
  };
  return html`<h1>${branch.name} · 支部配置</h1>
${notice(saved ? '已保存，本支部所有班组的手机在下次同步时收到。' : undefined)}
<p class="muted">这些清单全支部共用，修改记入审计日志（支部操作）。删除一行：已有记录用到的项目改为停用，旧记录仍显示原名称。</p>
${block('riskTypes')}${block('checklist')}`;
}

export function configRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();

  r.get('/branch-config', (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    // A list typed into an expired session comes back (drafts.ts), not yet saved.
    const draft = takeDraft(c, deps, s.account.id);
    const kept = draft && typeof draft.text === 'string' ? { what: str(draft.what), text: draft.text, errors: [], restored: true } : null;
    return c.html(page('支部配置', s, branchPage(db, s, branch, kept, c.req.query('saved'))));
  });
  r.post('/branch-config', async (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    const form = await c.req.parseBody();
    const what = str(form.what);
    const text = str(form.text).slice(0, 20_000);
    if (what !== 'riskTypes' && what !== 'checklist') return c.html(page('支部配置', s, branchPage(db, s, branch, { what, text, errors: ['未知的配置项'] })), 400);
    const lists = branchLists(db, branch);
    const l = LISTS[what];
    const result = parseNames(text, lists[what], l.what, l.max, lists.used[what]);
    if (!result.ok) return c.html(page('支部配置', s, branchPage(db, s, branch, { what, text, errors: result.errors })), 400);
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

