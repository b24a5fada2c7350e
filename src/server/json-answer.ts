/**
 * The API's JSON answers, built whole: headers as one plain object (the security headers of
 * headers.ts included, so that middleware leaves the answer alone) and the body gzipped here
 * in one synchronous zlib call when it is large enough and the client accepts it. Built so,
 * an answer takes @hono/node-server's direct path: no web Headers, no stream; the app-wide
 * compress middleware (skipped for /api/) would cost ~1 ms per answer with its
 * CompressionStream, more than storing a batch.
 */
import type { Context } from 'hono';
import { gzipSync } from 'node:zlib';
import { builtWithSecurityHeaders, securityHeaderValues } from './headers';

/** Below this, gzip saves less than its header costs (the same bound as the app's compress middleware). */
const GZIP_MIN_CHARS = 1024;

/** Does Accept-Encoding allow gzip (explicitly or through `*`, with q > 0)? */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

/** A 200 JSON answer, never cached; `tls`: the server's (HSTS). */
export function sendJson(c: Context, tls: boolean, body: unknown): Response {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    ...securityHeaderValues(tls),
    'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding',
  };
  let out: string | Uint8Array<ArrayBuffer> = text;
  if (text.length >= GZIP_MIN_CHARS && acceptsGzip(c.req.header('Accept-Encoding'))) {
    // Level 1 for acks (as small, and ~3x cheaper: zlib's set-up dominates); 6 for pulls.
    const gz = gzipSync(text, { level: text.length < 16 * 1024 ? 1 : 6 });
    out = new Uint8Array(gz.buffer as ArrayBuffer, gz.byteOffset, gz.byteLength);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength);
  return builtWithSecurityHeaders(new Response(out, { status: 200, headers }));
}
