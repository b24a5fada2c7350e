/**
 * Secretary sessions: scrypt password check (crypto.ts), a random session cookie of which
 * only the sha256 is stored (a copy of the database opens no session), and a per-session
 * CSRF token every form posts back. The cookie is HttpOnly, SameSite=Strict, Path=/secretary
 * and Secure under TLS. Every POST must also come from this site (origin.ts).
 * An account still on a one-time password reaches only the 修改密码 page; a viewer
 * (支委会委员) reads everything of her branch and can post nothing but sign-out and her password.
 * Sign-in itself (and its limiter) is sign-in.ts.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { hashToken, newToken, verifyPassword } from '../crypto';
import type { Sqlite } from '../db';
import { draftBack, keepDraft, type DraftStore } from './drafts';
import { page } from './layout';
import { foreignRequest, refuseForeign } from './origin';
import type { SignInLimiter } from './sign-in-limiter';

export const COOKIE = 'xzw_sec';
export const SESSION_TTL_MS = 12 * 3600 * 1000;
/** How long an expired session's row (and cookie) stay to name the account of a kept form. */
const EXPIRED_KEPT_MS = 24 * 3600 * 1000;
/** A password already scrypt-checked against a fixed hash keeps the timing of unknown names equal. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export type Role = 'secretary' | 'admin' | 'viewer';
export interface Account {
  id: string;
  branchId: string;
  username: string;
  role: Role;
  /** Still on a generated one-time password: must set her own before anything else. */
  mustChange: boolean;
}
export interface Session { account: Account; csrf: string; tokenHash: string }
export type SecEnv = { Variables: { session: Session } };

export interface AuthDeps {
  db: Sqlite;
  clock: () => number;
  tls: boolean;
  /** TRUST_PROXY hops (client-address.ts). */
  hops: number;
  drafts: DraftStore;
  /** One for sign-in and for the current password of 修改密码 (a stolen session must not guess it freely). */
  limiter: SignInLimiter;
  /** The sign-in limiter's delay; injected in tests. */
  sleep: (ms: number) => Promise<void>;
}

type AccountRow = { id: string; branch_id: string; username: string; role: Role; must_change_password: number };
const toAccount = (r: AccountRow): Account => ({
  id: r.id, branchId: r.branch_id, username: r.username, role: r.role, mustChange: r.must_change_password === 1,
});

export function checkPassword(db: Sqlite, username: string, password: string): Account | null {
  const row = db.prepare('SELECT id, branch_id, username, role, must_change_password, password_hash FROM secretaries WHERE username = ?').get(username) as
    | (AccountRow & { password_hash: string }) | undefined;
  const ok = verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) return null;
  return toAccount(row);
}

export function openSession(c: Context, deps: AuthDeps, account: Account): void {
  const token = newToken();
  const now = deps.clock();
  // Expired rows are kept a day: a form posted into an expired session still names its account (drafts.ts).
  deps.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now - EXPIRED_KEPT_MS);
  deps.db.prepare('INSERT INTO sessions (token_hash, secretary_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashToken(token), account.id, randomBytes(24).toString('base64url'), now, now + SESSION_TTL_MS);
  // The browser keeps the cookie a day longer than the session lives: a form posted after the
  // session expired still names it, so the typed work is kept for its account (drafts.ts).
  setCookie(c, COOKIE, token, {
    httpOnly: true, sameSite: 'Strict', secure: deps.tls, path: '/secretary', maxAge: (SESSION_TTL_MS + EXPIRED_KEPT_MS) / 1000,
  });
}

export function closeSession(c: Context, deps: AuthDeps, s: Session): void {
  deps.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(s.tokenHash);
  deleteCookie(c, COOKIE, { path: '/secretary', secure: deps.tls });
}

const TOKEN_RE = /^[A-Za-z0-9_-]{20,100}$/;

function sessionRow(deps: AuthDeps, token: string | undefined) {
  if (!token || !TOKEN_RE.test(token)) return undefined;
  return deps.db.prepare(`SELECT s.token_hash, s.csrf, s.expires_at, a.id, a.branch_id, a.username, a.role, a.must_change_password
    FROM sessions s JOIN secretaries a ON a.id = s.secretary_id WHERE s.token_hash = ?`).get(hashToken(token)) as
    | (AccountRow & { token_hash: string; csrf: string; expires_at: number }) | undefined;
}

function findSession(deps: AuthDeps, token: string | undefined): Session | null {
  const row = sessionRow(deps, token);
  if (!row || row.expires_at <= deps.clock()) return null;
  return { tokenHash: row.token_hash, csrf: row.csrf, account: toAccount(row) };
}

/** The account of an expired session, when its row is still there. */
function expiredOwner(deps: AuthDeps, token: string | undefined): string | null {
  return sessionRow(deps, token)?.id ?? null;
}

/** Paths an account on a one-time password, or a viewer, may still post to. */
const ALWAYS_OPEN = new Set(['/secretary/logout', '/secretary/password']);

/**
 * No session: pages redirect to the sign-in form; downloads and posts get the 401 page,
 * and a typed form posted into an expired session is kept for its account (drafts.ts).
 * A device's Bearer token is never looked at here: phones cannot use these routes.
 */
export function requireSession(deps: AuthDeps): MiddlewareHandler<SecEnv> {
  return async (c, next) => {
    const post = c.req.method === 'POST';
    if (post && foreignRequest(c)) return refuseForeign(c);
    const cookie = getCookie(c, COOKIE);
    const s = findSession(deps, cookie);
    if (!s) {
      if (!post && !c.req.path.startsWith('/secretary/export/')) return c.redirect('/secretary/login', 303);
      // Only a browser that had a session can have typed work to lose; a bare request keeps nothing.
      let kept = false;
      if (post && cookie && draftBack(c.req.path)) {
        const form = await readForm(c, true); // every value of a repeated field (the rubric's rows)
        if (form) kept = keepDraft(c, deps, expiredOwner(deps, cookie), form);
      }
      c.header('Cache-Control', 'no-store');
      return c.html(expiredPage(kept), 401);
    }
    c.set('session', s);
    if (post) {
      const form = await readForm(c);
      if (!form) return c.text(UNREADABLE, 400);
      const sent = typeof form._csrf === 'string' ? form._csrf : '';
      if (!sameText(sent, s.csrf)) return c.text('表单已过期，请返回刷新页面后重试', 403);
    }
    const open = ALWAYS_OPEN.has(c.req.path);
    if (s.account.mustChange && !open) {
      return post ? c.html(page('请先修改密码', s, html`<h1>请先设置新密码</h1><p><a href="/secretary/password">设置新密码</a></p>`), 403)
        : c.redirect('/secretary/password', 303);
    }
    if (post && s.account.role === 'viewer' && !open) {
      return c.html(page('只读账号', s, html`<h1>只读账号不能修改</h1><p>支委会委员账号可以查看和导出本支部的记录，不能修改、评分或登记设备。</p><p><a href="/secretary/">返回总览</a></p>`), 403);
    }
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

function expiredPage(kept: boolean) {
  return page('登录已过期', null, html`<h1>未登录或登录已过期</h1>
${kept ? html`<p class="notice" role="status">刚才填写的内容已在服务器上暂存 30 分钟：重新登录后会回到原来的页面并自动填好，请核对后再保存。</p>` : html`<p>请重新登录后再继续。</p>`}
<p class="actions"><a class="button" href="/secretary/login">重新登录</a></p>`);
}

export const UNREADABLE = '提交的内容无法读取，请返回刷新页面后重试';

/**
 * The posted form, or null when it cannot be parsed (a multipart body without or with a wrong
 * boundary): undici's formData() throws, which would otherwise be a 500. Hono caches the parse,
 * so the routes' own parseBody() after this one reuses it.
 */
export async function readForm(c: Context, all = false): Promise<Record<string, string | File | (string | File)[]> | null> {
  try {
    // Without `all` a repeated field is its last value, as the routes read it.
    return await c.req.parseBody({ all });
  } catch {
    return null;
  }
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
