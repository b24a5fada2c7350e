/**
 * The admin's list of accounts (on 党支部管理) with 结束登录: ends every session of a
 * secretary or viewer, e.g. after a lost phone or a shared computer. Admin only; audited.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Sqlite } from '../db';
import { audit } from './access';
import type { AuthDeps, SecEnv, Session } from './auth';
import { csrf, page, type Html } from './layout';
import { endSessions } from './passwords';

const ROLE_LABEL: Record<string, string> = { secretary: '书记', admin: '管理员', viewer: '支委会委员（只读）' };

export function accountsSection(db: Sqlite, s: Session, now: number): Html {
  const rows = db.prepare(`SELECT a.id, a.username, a.role, a.must_change_password, b.name AS branch,
      (SELECT COUNT(*) FROM sessions x WHERE x.secretary_id = a.id AND x.expires_at > ?) AS live
    FROM secretaries a JOIN branches b ON b.id = a.branch_id ORDER BY b.created_at, a.username`).all(now) as
    { id: string; username: string; role: string; must_change_password: number; branch: string; live: number }[];
  return html`<h2 id="accounts">账号</h2><div class="scroll"><table><thead><tr><th>账号</th><th>角色</th><th>党支部</th><th>密码</th><th class="num">在线登录</th><th></th></tr></thead><tbody>
${rows.map((a) => html`<tr><td>${a.username}</td><td>${ROLE_LABEL[a.role] ?? a.role}</td><td>${a.branch}</td><td>${a.must_change_password ? '一次性密码（未修改）' : '已设置'}</td><td class="num">${a.live}</td>
<td>${a.id !== s.account.id && a.live > 0 ? html`<form method="post" action="/secretary/accounts/${a.id}/end-sessions" class="inline">${csrf(s)}<button class="secondary" aria-label="结束 ${a.username} 的登录">结束登录</button></form>` : ''}</td></tr>`)}
</tbody></table></div><p class="muted">重置密码：npm run admin -- password:reset &lt;账号&gt;（打印新的一次性密码，并结束该账号的登录）。</p>`;
}

export function accountRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  r.post('/accounts/:id/end-sessions', (c) => {
    const s = c.get('session');
    if (s.account.role !== 'admin') return c.html(page('无权访问', s, html`<h1>只有管理员可以结束其他账号的登录</h1>`), 403);
    const target = db.prepare('SELECT id, username FROM secretaries WHERE id = ?').get(c.req.param('id')) as { id: string; username: string } | undefined;
    if (!target || target.id === s.account.id) return c.html(page('未找到', s, html`<h1>账号不存在</h1><p><a href="/secretary/branches">返回</a></p>`), 404);
    const ended = endSessions(db, target.id);
    audit(db, clock(), s.account, 'sessions_ended', null, `${target.username}：${ended} 个登录`);
    return c.redirect('/secretary/branches?ended=1#accounts', 303);
  });
  return r;
}

