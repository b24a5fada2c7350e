/**
 * 登录 and 修改密码. The sign-in form carries a token bound to a pre-session cookie (a page
 * of another site can neither read the cookie nor guess the token) and must come from our
 * own origin (origin.ts), so no other site can sign a secretary into its own account.
 * Guessing is slowed by sign-in-limiter.ts and every failure is in the audit log.
 * A one-time password opens a session that reaches only the 修改密码 page.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { verifyPassword } from '../crypto';
import { clientAddress } from '../client-address';
import { audit } from './access';
import { checkPassword, openSession, readForm, sameText, UNREADABLE, type AuthDeps, type SecEnv, type Session } from './auth';
import { claimDraft } from './drafts';
import { errorBox, notice, page } from './layout';
import { foreignRequest, refuseForeign } from './origin';
import { auditAccount, endSessions, setOwnPassword } from './passwords';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblems } from './password-rules';

const PRE_COOKIE = 'xzw_pre';
const PRE_RE = /^[A-Za-z0-9_-]{32,64}$/;
const formToken = (pre: string) => createHash('sha256').update(`login-form:${pre}`).digest('base64url');

/** The pre-session cookie of this browser (set if missing) and the token its sign-in form carries. */
function loginToken(c: Context, deps: AuthDeps): string {
  let pre = getCookie(c, PRE_COOKIE);
  if (!pre || !PRE_RE.test(pre)) {
    pre = randomBytes(32).toString('base64url');
    setCookie(c, PRE_COOKIE, pre, { httpOnly: true, sameSite: 'Strict', secure: deps.tls, path: '/secretary', maxAge: 12 * 3600 });
  }
  return formToken(pre);
}

function loginTokenOk(c: Context, sent: unknown): boolean {
  const pre = getCookie(c, PRE_COOKIE);
  return typeof sent === 'string' && !!pre && PRE_RE.test(pre) && sameText(sent, formToken(pre));
}

export function loginPage(c: Context, deps: AuthDeps, errors: string[], username = '') {
  const token = loginToken(c, deps);
  return page('登录', null, html`<h1>党支部书记登录</h1>${errorBox(errors)}
<form method="post" action="/secretary/login" class="stack"><input type="hidden" name="_csrf" value="${token}">
<label for="username">账号</label><input type="text" id="username" name="username" value="${username}" autocomplete="username" required maxlength="64">
<label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200">
<div class="actions"><button type="submit">登录</button></div>
</form>`);
}

/** GET and POST /login; mounted before the session guard. */
export function signInRoutes(deps: AuthDeps, app: Hono, loginLimit: MiddlewareHandler): void {
  const limiter = deps.limiter;
  app.get('/login', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(loginPage(c, deps, []));
  });
  app.post('/login', loginLimit, async (c) => {
    c.header('Cache-Control', 'no-store');
    if (foreignRequest(c)) return refuseForeign(c);
    const form = await readForm(c);
    if (!form) return c.html(loginPage(c, deps, [UNREADABLE]), 400);
    const username = typeof form.username === 'string' ? form.username.trim().slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    if (!loginTokenOk(c, form._csrf)) return c.html(loginPage(c, deps, ['登录页已过期，请再输入一次账号和密码'], username), 403);
    const now = deps.clock();
    const who = clientAddress(c, deps.hops);
    const verdict = limiter.check(who, username, now);
    if (verdict.refused) return c.html(loginPage(c, deps, ['登录失败次数过多，请 15 分钟后再试'], username), 429);
    if (verdict.delayMs > 0) await deps.sleep(verdict.delayMs);
    const account = username && password ? checkPassword(deps.db, username, password) : null;
    if (!account) {
      limiter.fail(who, username, now);
      const known = deps.db.prepare('SELECT id FROM secretaries WHERE username = ?').get(username) as { id: string } | undefined;
      auditAccount(deps.db, now, known?.id ?? null, 'login_failed', `${known ? '' : `未知账号 ${username} `}来自 ${who}`);
      return c.html(loginPage(c, deps, ['账号或密码不正确'], username), 401);
    }
    limiter.succeed(who, username, verdict.cleanClient);
    openSession(c, deps, account);
    audit(deps.db, now, account, 'sign_in', null, `来自 ${who}`);
    if (account.mustChange) return c.redirect('/secretary/password', 303);
    return c.redirect(claimDraft(c, deps, account.id) ?? '/secretary/', 303);
  });
}

function passwordPage(s: Session, errors: string[] = [], saved = false) {
  const first = s.account.mustChange;
  return page('修改密码', s, html`<h1>${first ? '首次登录：请设置新密码' : '修改密码'}</h1>
${first ? html`<p class="notice" role="status">你正在使用一次性密码。请设置只有你知道的新密码，之后一次性密码就不能再用了。</p>` : ''}
${notice(saved ? '密码已修改。其他设备上的登录已退出。' : undefined)}${errorBox(errors)}
<form method="post" action="/secretary/password" class="stack"><input type="hidden" name="_csrf" value="${s.csrf}">
<input type="text" name="username" value="${s.account.username}" autocomplete="username" hidden>
<label for="current">${first ? '一次性密码' : '当前密码'}</label><input type="password" id="current" name="current" autocomplete="current-password" required maxlength="${PASSWORD_MAX}">
<label for="new">新密码（至少 ${PASSWORD_MIN} 个字符，不能包含账号名，不能是常见密码）</label><input type="password" id="new" name="new" autocomplete="new-password" required minlength="${PASSWORD_MIN}" maxlength="${PASSWORD_MAX}">
<label for="repeat">再次输入新密码</label><input type="password" id="repeat" name="repeat" autocomplete="new-password" required maxlength="${PASSWORD_MAX}">
<div class="actions"><button type="submit">保存新密码</button></div>
</form>`);
}

/** GET and POST /password, behind the session guard (open to every role, and to one-time passwords). */
export function passwordRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  r.get('/password', (c) => c.html(passwordPage(c.get('session'), [], c.req.query('saved') === '1')));
  r.post('/password', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    const str = (x: unknown) => (typeof x === 'string' ? x : '');
    const current = str(form.current).slice(0, PASSWORD_MAX + 1);
    const next = str(form.new);
    const row = db.prepare('SELECT password_hash FROM secretaries WHERE id = ?').get(s.account.id) as { password_hash: string };
    const who = clientAddress(c, deps.hops);
    const verdict = deps.limiter.check(who, s.account.username, clock());
    if (verdict.refused) return c.html(passwordPage(s, ['密码输错次数过多，请 15 分钟后再试']), 429);
    if (verdict.delayMs > 0) await deps.sleep(verdict.delayMs);
    const errors: string[] = [];
    if (!verifyPassword(current, row.password_hash)) {
      deps.limiter.fail(who, s.account.username, clock());
      audit(db, clock(), s.account, 'password_change_failed', null, `当前密码不正确，来自 ${who}`);
      errors.push(s.account.mustChange ? '一次性密码不正确' : '当前密码不正确');
    }
    errors.push(...passwordProblems(next, s.account.username));
    if (next !== str(form.repeat)) errors.push('两次输入的新密码不一致');
    if (errors.length === 0 && next === current) errors.push('新密码不能和原密码相同');
    if (errors.length) return c.html(passwordPage(s, errors), 400);
    const now = clock();
    db.transaction(() => {
      setOwnPassword(db, s.account.id, next, now);
      const ended = endSessions(db, s.account.id, s.tokenHash);
      audit(db, now, s.account, 'password_changed', null, ended ? `其他 ${ended} 个登录已退出` : '');
    })();
    if (s.account.mustChange) return c.redirect(claimDraft(c, deps, s.account.id) ?? '/secretary/', 303);
    return c.redirect('/secretary/password?saved=1', 303);
  });
  return r;
}
