/** 班组 added by a secretary; 党支部 (with their secretary) added by an admin. Plain forms, zh-CN errors. */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { audit, currentBranch } from './access';
import { addBranchWithSecretary, addTeam, checkName, USERNAME_RE, usernameTaken } from './accounts';
import { teamNameError } from './teams';
import type { AuthDeps, SecEnv } from './auth';
import { canEdit, csrf, errorBox, page, when, type Html } from './layout';
import { accountsSection } from './routes-accounts';
import type { Session } from './auth';
import type { BranchRow } from '../store';

const str = (x: unknown) => (typeof x === 'string' ? x.trim() : '');

export function teamForm(s: Session, branch: BranchRow, errors: string[] = [], name = ''): Html {
  if (!canEdit(s)) return html``;
  return html`<h2 class="noprint">添加班组</h2>${errorBox(errors)}
<form method="post" action="/secretary/teams" class="stack noprint">${csrf(s)}<input type="hidden" name="branch" value="${branch.id}">
<label for="team-name">班组名称</label><input type="text" id="team-name" name="name" value="${name}" maxlength="40" required placeholder="例如 综采一队甲班">
<div class="actions"><button>添加班组</button></div></form>`;
}

export function adminRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();

  r.post('/teams', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody({ all: true });
    const branch = currentBranch(db, s.account, str(form.branch));
    const name = str(form.name);
    const err = teamNameError(db, branch.id, name);
    if (err) return c.html(page('添加班组', s, html`<h1>${branch.name}</h1>${teamForm(s, branch, [err], name)}`), 400);
    const team = addTeam(db, branch.id, name, clock());
    audit(db, clock(), s.account, 'add_team', team.id, name);
    return c.redirect(`/secretary/team/${team.id}#devices`, 303);
  });

  const branchesPage = (s: Session, errors: string[] = [], created?: { name: string; username: string; password: string }, input = { name: '', username: '' }) => {
    const rows = db.prepare(`SELECT b.id, b.name, b.created_at, (SELECT COUNT(*) FROM teams t WHERE t.branch_id = b.id) AS teams,
      (SELECT group_concat(username, '、') FROM secretaries x WHERE x.branch_id = b.id AND x.role = 'secretary') AS users FROM branches b ORDER BY b.created_at`)
      .all() as { id: string; name: string; created_at: number; teams: number; users: string | null }[];
    return page('党支部管理', s, html`<h1>党支部管理</h1>
${created ? html`<div class="notice" role="status">已创建「${created.name}」，书记账号 <strong>${created.username}</strong>，一次性密码 <strong class="code" data-testid="new-password">${created.password}</strong>（只显示这一次，请立即转交）</div>` : ''}
<div class="scroll"><table><thead><tr><th>党支部</th><th class="num">班组</th><th>书记账号</th><th>创建时间</th></tr></thead><tbody>
${rows.map((b) => html`<tr><td><a href="/secretary/?branch=${b.id}">${b.name}</a></td><td class="num">${b.teams}</td><td>${b.users ?? '—'}</td><td>${when(b.created_at)}</td></tr>`)}
</tbody></table></div>
<h2>添加党支部</h2>${errorBox(errors)}
<form method="post" action="/secretary/branches" class="stack">${csrf(s)}
<label for="b-name">党支部名称</label><input type="text" id="b-name" name="name" value="${input.name}" maxlength="40" required>
<label for="b-user">书记登录账号（字母、数字，3–32位）</label><input type="text" id="b-user" name="username" value="${input.username}" maxlength="32" required>
<div class="actions"><button>创建党支部和书记账号</button></div></form>
${accountsSection(db, s, clock())}`);
  };

  r.get('/branches', (c) => {
    const s = c.get('session');
    if (s.account.role !== 'admin') return c.html(page('无权访问', s, html`<h1>只有管理员可以管理党支部</h1>`), 403);
    return c.html(branchesPage(s));
  });
  r.post('/branches', async (c) => {
    const s = c.get('session');
    if (s.account.role !== 'admin') return c.html(page('无权访问', s, html`<h1>只有管理员可以管理党支部</h1>`), 403);
    const form = await c.req.parseBody({ all: true });
    const input = { name: str(form.name), username: str(form.username) };
    const errors = [
      checkName('党支部名称', input.name),
      USERNAME_RE.test(input.username) ? null : '书记账号只能使用字母、数字和 _ . -，3–32位',
      usernameTaken(db, input.username) ? '该账号已存在' : null,
    ].filter((e): e is string => e !== null);
    if (errors.length) return c.html(branchesPage(s, errors, undefined, input), 400);
    const r2 = addBranchWithSecretary(db, input.name, input.username, clock());
    audit(db, clock(), s.account, 'add_branch', null, `${input.name} ${input.username}`);
    c.header('Cache-Control', 'no-store');
    return c.html(branchesPage(s, [], { name: input.name, username: input.username, password: r2.password }));
  });
  return r;
}
