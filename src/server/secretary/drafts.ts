/**
 * Typed work posted into an expired session: the form is kept in memory for 30 minutes
 * under a random id whose cookie (HttpOnly, SameSite=Strict) only that browser holds.
 * Signing in again claims it for the account (the expired session's own account when its
 * row still says so, otherwise whoever signs in on that browser), and the page it came from
 * shows it filled in once. It never acts by itself: the user presses 保存 again, with her new
 * session and its CSRF token. Passwords are never kept. A restart forgets every draft.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashToken, newToken } from '../crypto';
import type { AuthDeps } from './auth';

export const DRAFT_COOKIE = 'xzw_draft';
export const DRAFT_TTL_MS = 30 * 60_000;
const MAX_DRAFTS = 1000;

export type DraftForm = Record<string, string | string[]>;
interface Draft { owner: string | null; back: string; form: DraftForm; expiresAt: number }

/** The forms whose typing is worth keeping, and the page each one is filled in on. */
const FORMS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^\/secretary\/report\/([^/]+)\/review$/, (m) => `/secretary/report/${m[1]}`],
  [/^\/secretary\/team\/([^/]+)\/config$/, (m) => `/secretary/team/${m[1]}/config`],
  [/^\/secretary\/rubric$/, () => '/secretary/rubric'],
  [/^\/secretary\/branch-config$/, () => '/secretary/branch-config'],
];

export function draftBack(path: string): string | null {
  for (const [re, back] of FORMS) {
    const m = re.exec(path);
    if (m) return back(m);
  }
  return null;
}

export class DraftStore {
  private drafts = new Map<string, Draft>();

  put(owner: string | null, back: string, form: DraftForm, now: number): string {
    for (const [k, d] of this.drafts) if (d.expiresAt <= now || this.drafts.size >= MAX_DRAFTS) this.drafts.delete(k);
    const token = newToken();
    this.drafts.set(hashToken(token), { owner, back, form, expiresAt: now + DRAFT_TTL_MS });
    return token;
  }

  /** At sign-in: the page to return to, if this browser's draft may belong to `account`. */
  claim(token: string | undefined, account: string, now: number): string | null {
    const d = token ? this.drafts.get(hashToken(token)) : undefined;
    if (!d || d.expiresAt <= now || (d.owner !== null && d.owner !== account)) return null;
    d.owner = account;
    return d.back;
  }

  /** On the page: the claimed draft of `account` for this page, given out once. */
  take(token: string | undefined, account: string, back: string, now: number): DraftForm | null {
    const key = token ? hashToken(token) : '';
    const d = this.drafts.get(key);
    if (!d || d.expiresAt <= now || d.owner !== account || d.back !== back) return null;
    this.drafts.delete(key);
    return d.form;
  }
}

export function keepDraft(c: Context, deps: AuthDeps, owner: string | null, raw: Record<string, unknown>): boolean {
  const form: DraftForm = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '_csrf' || /password/i.test(k)) continue;
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (list.length) form[k] = Array.isArray(v) ? list : list[0]!;
  }
  const back = draftBack(c.req.path);
  if (!back) return false;
  const token = deps.drafts.put(owner, back, form, deps.clock());
  setCookie(c, DRAFT_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: deps.tls, path: '/secretary', maxAge: DRAFT_TTL_MS / 1000 });
  return true;
}

export function claimDraft(c: Context, deps: AuthDeps, account: string): string | null {
  return deps.drafts.claim(getCookie(c, DRAFT_COOKIE), account, deps.clock());
}

/** The draft for the page being shown, if any; the cookie goes with it. */
export function takeDraft(c: Context, deps: AuthDeps, account: string): DraftForm | null {
  const token = getCookie(c, DRAFT_COOKIE);
  if (!token) return null;
  const form = deps.drafts.take(token, account, c.req.path, deps.clock());
  if (form) deleteCookie(c, DRAFT_COOKIE, { path: '/secretary', secure: deps.tls });
  return form;
}
