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

export function securityHeaders(tls: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Permissions-Policy', PERMISSIONS_POLICY);
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (tls) h.set('Strict-Transport-Security', 'max-age=31536000');
  };
}
