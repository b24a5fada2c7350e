/**
 * Security headers on every response. The app ships every byte itself (no CDN is
 * reachable from the mines), so the policy is 'self' only; no 'unsafe-inline':
 * Preact sets styles through the CSSOM, which CSP does not restrict.
 * HSTS only under TLS: sent over plain HTTP it would be ignored at best, and on a
 * LAN install without a certificate it must not lock browsers out.
 */
import type { MiddlewareHandler } from 'hono';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()';

const PLAIN: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
});
const WITH_HSTS: Readonly<Record<string, string>> = Object.freeze({ ...PLAIN, 'Strict-Transport-Security': 'max-age=31536000' });

/** The security headers as one object, for an answer built whole (json-answer.ts). */
export function securityHeaderValues(tls: boolean): Readonly<Record<string, string>> {
  return tls ? WITH_HSTS : PLAIN;
}

const builtWhole = new WeakSet<object>();

/**
 * Marks an answer built with securityHeaderValues already: the middleware leaves it alone.
 * Its headers then stay the plain object it was built with, which @hono/node-server writes
 * out as they are; reading `c.res.headers` would turn them into a web Headers and set each
 * of them again (~8% of a push in the throughput profile of bench/sync.ts).
 */
export function builtWithSecurityHeaders(res: Response): Response {
  builtWhole.add(res);
  return res;
}

export function securityHeaders(tls: boolean): MiddlewareHandler {
  const values = Object.entries(securityHeaderValues(tls));
  return async (c, next) => {
    await next();
    if (builtWhole.has(c.res)) return;
    const h = c.res.headers;
    for (const [name, value] of values) h.set(name, value);
  };
}
