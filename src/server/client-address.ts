/**
 * The address a request comes from, for the limiters. Direct connections: the peer address.
 * Behind a reverse proxy every peer is the proxy, so with TRUST_PROXY=N (N proxies of our own
 * in a row, usually 1) the address is taken from X-Forwarded-For: the N-th entry counted from
 * the right, i.e. the one our outermost proxy appended. Entries left of it were written by the
 * client and are never trusted. Off by default: without a proxy the header is the client's own.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** TRUST_PROXY as a hop count: unset/0/false → 0, true/yes → 1, a number → that number. */
export function trustedHops(value: string | undefined): number {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'no' || v === 'off') return 0;
  if (v === 'true' || v === 'yes' || v === 'on') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY 应为 0–10 或 true/false，收到: ${value}`);
  return n;
}

function peer(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function clientAddress(c: Context, hops: number): string {
  if (hops === 0) return peer(c);
  const header = c.req.header('x-forwarded-for');
  if (!header) return peer(c);
  const list = header.split(',').map((x) => x.trim()).filter(Boolean);
  const picked = list[list.length - hops];
  // Fewer entries than proxies: the header did not come through all of them; the peer is what we know.
  return picked && picked.length <= 64 ? picked : peer(c);
}
