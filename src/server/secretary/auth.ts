/**
 * Secretary sign-in: scrypt password check (crypto.ts), a random session cookie of which
 * only the sha256 is stored (a copy of the database opens no session), and a per-session
 * CSRF token every form posts back. The cookie is HttpOnly, SameSite=Strict, Path=/secretary
 * and Secure under TLS. Failed attempts are limited per address and per account name.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { hashToken, newToken, verifyPassword } from '../crypto';
import type { Sqlite } from '../db';
import { FailureLimiter } from '../limiter';

export const COOKIE = 'xzw_sec';
export const SESSION_TTL_MS = 12 * 3600 * 1000;
/** A password already scrypt-checked against a fixed hash keeps the timing of unknown names equal. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface Account {
  id: string;
  branchId: string;
  username: string;
  role: 'secretary' | 'admin';
}
export interface Session { account: Account; csrf: string; tokenHash: string }
export type SecEnv = { Variables: { session: Session } };

export interface AuthDeps { db: Sqlite; clock: () => number; tls: boolean }

export class SignInLimiter {
  private byAddress = new FailureLimiter(20, 15 * 60_000);
  private byName = new FailureLimiter(5, 15 * 60_000);
  blocked(address: string, name: string, now: number): boolean {
    return this.byAddress.blocked(address, now) || this.byName.blocked(name.toLowerCase(), now);
  }
  fail(address: string, name: string, now: number): void {
    this.byAddress.fail(address, now);
    this.byName.fail(name.toLowerCase(), now);
  }
}

export function checkPassword(db: Sqlite, username: string, password: string): Account | null {
  const row = db.prepare('SELECT id, branch_id, username, role, password_hash FROM secretaries WHERE username = ?').get(username) as
    | { id: string; branch_id: string; username: string; role: Account['role']; password_hash: string } | undefined;
  const ok = verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) return null;
  return { id: row.id, branchId: row.branch_id, username: row.username, role: row.role };
}

export function openSession(c: Context, deps: AuthDeps, account: Account): void {
  const token = newToken();
  const now = deps.clock();
  deps.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  deps.db.prepare('INSERT INTO sessions (token_hash, secretary_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashToken(token), account.id, randomBytes(24).toString('base64url'), now, now + SESSION_TTL_MS);
  setCookie(c, COOKIE, token, {
    httpOnly: true, sameSite: 'Strict', secure: deps.tls, path: '/secretary', maxAge: SESSION_TTL_MS / 1000,
  });
}

export function closeSession(c: Context, deps: AuthDeps, s: Session): void {
  deps.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(s.tokenHash);
  deleteCookie(c, COOKIE, { path: '/secretary', secure: deps.tls });
}

function findSession(deps: AuthDeps, token: string | undefined): Session | null {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = deps.db.prepare(`SELECT s.token_hash, s.csrf, s.expires_at, a.id, a.branch_id, a.username, a.role
    FROM sessions s JOIN secretaries a ON a.id = s.secretary_id WHERE s.token_hash = ?`).get(hashToken(token)) as
    | { token_hash: string; csrf: string; expires_at: number; id: string; branch_id: string; username: string; role: Account['role'] } | undefined;
  if (!row || row.expires_at <= deps.clock()) return null;
  return { tokenHash: row.token_hash, csrf: row.csrf, account: { id: row.id, branchId: row.branch_id, username: row.username, role: row.role } };
}

/**
 * No session: pages redirect to the sign-in form, downloads and posts get 401.
 * A device's Bearer token is never looked at here: phones cannot use these routes.
 */
export function requireSession(deps: AuthDeps): MiddlewareHandler<SecEnv> {
  return async (c, next) => {
    const s = findSession(deps, getCookie(c, COOKIE));
    if (!s) {
      const page = c.req.method === 'GET' && !c.req.path.startsWith('/secretary/export/');
      return page ? c.redirect('/secretary/login', 303) : c.text('未登录或登录已过期，请重新登录', 401);
    }
    c.set('session', s);
    if (c.req.method === 'POST') {
      const form = await readForm(c);
      if (!form) return c.text(UNREADABLE, 400);
      const sent = typeof form._csrf === 'string' ? form._csrf : '';
      if (!sameText(sent, s.csrf)) return c.text('表单已过期，请返回刷新页面后重试', 403);
    }
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

export const UNREADABLE = '提交的内容无法读取，请返回刷新页面后重试';

/**
 * The posted form, or null when it cannot be parsed (a multipart body without or with a wrong
 * boundary): undici's formData() throws, which would otherwise be a 500. Hono caches the parse,
 * so the routes' own parseBody() after this one reuses it.
 */
export async function readForm(c: Context): Promise<Record<string, string | File> | null> {
  try {
    return await c.req.parseBody();
  } catch {
    return null;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
