/**
 * /secretary: the branch secretary's side (server-rendered, no script). Sign-in is open;
 * everything else needs a session (auth.ts) and goes through access.ts for the team.
 * Mounted by app.ts: `app.route('/secretary', secretaryRoutes(...))`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { html } from 'hono/html';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Sqlite } from '../db';
import { checkPassword, closeSession, openSession, readForm, requireSession, SignInLimiter, UNREADABLE, type AuthDeps, type SecEnv } from './auth';
import { audit } from './access';
import { errorBox, page, type Html } from './layout';
import { STYLE } from './style';
import { dashboard, teamRoutes } from './routes-team';
import { exportRoutes } from './routes-export';
import { manageRoutes } from './routes-manage';
import { peopleRoutes } from './routes-people';
import { adminRoutes } from './routes-admin';

function address(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function loginPage(errors: string[], username = '') {
  return page('登录', null, html`<h1>党支部书记登录</h1>${errorBox(errors)}
<form method="post" action="/secretary/login" class="stack">
<label for="username">账号</label><input type="text" id="username" name="username" value="${username}" autocomplete="username" required maxlength="64">
<label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200">
<div class="actions"><button type="submit">登录</button></div>
</form>`);
}

/** A 413 sent before the body is read: the unread rest ends the connection, so say so (or the client reuses it). */
function tooLarge(c: Context, body: string | Html): Response | Promise<Response> {
  c.header('Connection', 'close');
  return typeof body === 'string' ? c.text(body, 413) : c.html(body, 413);
}

export function secretaryRoutes(opts: { db: Sqlite; tls: boolean; clock?: () => number }): Hono {
  const deps: AuthDeps = { db: opts.db, tls: opts.tls, clock: opts.clock ?? Date.now };
  const limiter = new SignInLimiter();
  const app = new Hono();
  // A fault on these pages: the stack goes to the log only, the browser gets a zh-CN page.
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    console.error('secretary error:', c.req.method, c.req.path, err);
    return c.html(page('出错了', null, html`<h1>服务器内部错误</h1><p>请稍后重试；如果一直出现，请联系管理员。</p>`), 500);
  });

  app.get('/style.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(STYLE);
  });
  app.get('/login', (c) => c.html(loginPage([])));
  // The sign-in form is two short fields: anything larger is not read.
  const loginLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => tooLarge(c, loginPage(['提交的内容过大'])) });
  app.post('/login', loginLimit, async (c) => {
    const form = await readForm(c);
    if (!form) return c.html(loginPage([UNREADABLE]), 400);
    const username = typeof form.username === 'string' ? form.username.trim().slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    const now = deps.clock();
    const who = address(c);
    if (limiter.blocked(who, username, now)) return c.html(loginPage(['登录失败次数过多，请 15 分钟后再试'], username), 429);
    const account = username && password ? checkPassword(deps.db, username, password) : null;
    if (!account) {
      limiter.fail(who, username, now);
      return c.html(loginPage(['账号或密码不正确'], username), 401);
    }
    openSession(c, deps, account);
    audit(deps.db, now, account, 'sign_in', null);
    return c.redirect('/secretary/', 303);
  });

  const guarded = new Hono<SecEnv>();
  // Forms only: a roster of 200 lines is far below this.
  guarded.use('*', bodyLimit({ maxSize: 256 * 1024, onError: (c) => tooLarge(c, '提交的内容过大') }));
  guarded.use('*', requireSession(deps));
  guarded.post('/logout', (c) => {
    closeSession(c, deps, c.get('session'));
    return c.redirect('/secretary/login', 303);
  });
  const home = dashboard(deps);
  guarded.get('*', async (c, next) => (c.req.path === '/secretary/' ? home(c) : next()));
  guarded.route('/', teamRoutes(deps));
  guarded.route('/', exportRoutes(deps));
  guarded.route('/', manageRoutes(deps));
  guarded.route('/', peopleRoutes(deps));
  guarded.route('/', adminRoutes(deps));
  guarded.all('*', (c) => c.html(page('未找到', c.get('session'), html`<h1>页面不存在</h1><p><a href="/secretary/">返回总览</a></p>`), 404));
  app.route('/', guarded);
  return app;
}
