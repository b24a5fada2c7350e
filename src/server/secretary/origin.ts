/**
 * "Does this POST come from our own pages?" for every form of /secretary, sign-in included:
 * a browser names where a request comes from in Sec-Fetch-Site (Chrome 76+, Firefox 90+,
 * Safari 16.4+) and, for a POST, in Origin. Either one naming another site refuses the request.
 * Our own origin is the request's Host or PUBLIC_URL (a proxy may rewrite Host). Sec-Fetch-Site
 * decides when sent; otherwise an Origin naming another host refuses. "Origin: null" says
 * nothing: our own pages send it (Referrer-Policy: no-referrer, headers.ts). Neither header
 * (an old browser, curl): allowed here, the CSRF tokens still apply.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { page } from './layout';

export function foreignRequest(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  if (host === c.req.header('host')) return false;
  try {
    return !process.env.PUBLIC_URL || new URL(process.env.PUBLIC_URL).host !== host;
  } catch {
    return true;
  }
}

export function refuseForeign(c: Context): Response | Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(page('请求被拒绝', null, html`<h1>请求被拒绝</h1>
<p>这个表单不是从本站页面提交的，为保护账号已拒绝。请直接打开本站的页面后再操作。</p>
<p><a href="/secretary/login">打开登录页</a></p>`), 403);
}
