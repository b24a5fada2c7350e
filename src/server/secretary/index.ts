/**
 * /secretary: the branch secretary's side (server-rendered, no script). Sign-in is open;
 * everything else needs a session (auth.ts) and goes through access.ts for the team.
 * Mounted by app.ts: `app.route('/secretary', secretaryRoutes(...))`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { html } from 'hono/html';
import type { Sqlite } from '../db';
import { closeSession, requireSession, type AuthDeps, type SecEnv } from './auth';
import { DraftStore } from './drafts';
import { SignInLimiter } from './sign-in-limiter';
import { errorBox, page, type Html } from './layout';
import { STYLE } from './style';
import { LANDSCAPE_CSS, PRINT_JS } from './print';
import { dashboard, teamRoutes } from './routes-team';
import { exportRoutes } from './routes-export';
import { manageRoutes } from './routes-manage';
import { peopleRoutes } from './routes-people';
import { adminRoutes } from './routes-admin';
import { BadQuery } from './params';
import type { Session } from './auth';
import { codeRoutes } from './routes-codes';
import { teamAdminRoutes } from './routes-teams';
import { auditRoutes } from './routes-audit';
import { pruneAudit, retentionDays } from './audit-log';
import { accountRoutes } from './routes-accounts';
import { configRoutes } from './routes-config';
import { viewRoutes } from './routes-views';
import { remindRoutes } from './routes-remind';
import { settingsRoutes } from './routes-settings';
import { loginPage, passwordRoutes, signInRoutes } from './sign-in';
import { photoRoutes } from './routes-photos';

/** A 413 sent before the body is read: the unread rest ends the connection, so say so (or the client reuses it). */
function tooLarge(c: Context, body: string | Html): Response | Promise<Response> {
  c.header('Connection', 'close');
  return typeof body === 'string' ? c.text(body, 413) : c.html(body, 413);
}

export interface SecretaryOptions {
  db: Sqlite;
  tls: boolean;
  clock?: () => number;
  /** TRUST_PROXY hops (client-address.ts); 0 = the peer address. */
  trustProxy?: number;
  sleep?: (ms: number) => Promise<void>;
  auditRetentionDays?: number;
}

export function secretaryRoutes(opts: SecretaryOptions): Hono {
  const deps: AuthDeps = {
    db: opts.db, tls: opts.tls, clock: opts.clock ?? Date.now, hops: opts.trustProxy ?? 0, drafts: new DraftStore(), limiter: new SignInLimiter(),
    sleep: opts.sleep ?? ((ms) => new Promise((ok) => setTimeout(ok, ms))),
  };
  // The audit log is kept for a time (default 3 years), not by count: pruned now and daily.
  const auditDays = opts.auditRetentionDays ?? retentionDays(process.env.AUDIT_RETENTION_DAYS);
  const prune = () => {
    if (opts.db.open) pruneAudit(opts.db, deps.clock(), auditDays);
  };
  prune();
  setInterval(prune, 86_400_000).unref();
  const app = new Hono();
  // A fault on these pages: the stack goes to the log only, the browser gets a zh-CN page.
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof BadQuery) {
      const s = (c.var as { session?: Session }).session ?? null;
      return c.html(page('请求有误', s, html`<h1>请求有误</h1>${errorBox([err.message])}<p><a href="/secretary/">返回总览</a></p>`), 400);
    }
    console.error('secretary error:', c.req.method, c.req.path, err);
    return c.html(page('出错了', null, html`<h1>服务器内部错误</h1><p>请稍后重试；如果一直出现，请联系管理员。</p>`), 500);
  });

  const asset = (path: string, type: string, body: string) => app.get(path, (c) => {
    c.header('Content-Type', type);
    c.header('Cache-Control', 'no-cache');
    return c.body(body);
  });
  asset('/style.css', 'text/css; charset=utf-8', STYLE);
  asset('/landscape.css', 'text/css; charset=utf-8', LANDSCAPE_CSS);
  asset('/print.js', 'text/javascript; charset=utf-8', PRINT_JS);
  // The sign-in form is two short fields: anything larger is not read.
  const loginLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => tooLarge(c, loginPage(c, deps, ['提交的内容过大'])) });
  signInRoutes(deps, app, loginLimit);

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
  guarded.route('/', photoRoutes(deps));
  guarded.route('/', manageRoutes(deps));
  guarded.route('/', peopleRoutes(deps));
  guarded.route('/', adminRoutes(deps));
  guarded.route('/', codeRoutes(deps));
  guarded.route('/', teamAdminRoutes(deps));
  guarded.route('/', auditRoutes(deps, auditDays));
  guarded.route('/', accountRoutes(deps));
  guarded.route('/', configRoutes(deps));
  guarded.route('/', viewRoutes(deps));
  guarded.route('/', remindRoutes(deps));
  guarded.route('/', settingsRoutes(deps));
  guarded.route('/', passwordRoutes(deps));
  guarded.all('*', (c) => c.html(page('未找到', c.get('session'), html`<h1>页面不存在</h1><p><a href="/secretary/">返回总览</a></p>`), 404));
  app.route('/', guarded);
  return app;
}
