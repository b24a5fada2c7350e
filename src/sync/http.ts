/**
 * The engine's HTTP: one request with a deadline (a half-dead pithead connection must
 * not hang a run), gzip of request bodies, and reading our JSON error bodies.
 */
import type { ErrorBody } from '../domain/sync-protocol';
import { MSG } from './messages';

export type SyncOutcome = 'done' | 'offline' | 'error' | 'unenrolled' | 'revoked';

/** Why a run stopped early; carries the zh-CN text the badge shows. */
export class StopRun extends Error {
  constructor(readonly outcome: SyncOutcome, message: string) {
    super(message);
  }
}

/** Below this size gzip saves less than its header costs. */
const GZIP_MIN_BYTES = 1024;

export interface HttpDeps {
  baseUrl: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  gzip?: (data: Uint8Array) => Promise<Uint8Array>;
  requestTimeoutMs?: number;
}

/** A request body already serialised (and gzipped where that pays): its size is what goes on the wire. */
export class EncodedBody {
  constructor(readonly bytes: Uint8Array, readonly gzipped: boolean) {}
}

export async function encodeBody(d: Pick<HttpDeps, 'gzip'>, body: unknown): Promise<EncodedBody> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  if (d.gzip && bytes.length >= GZIP_MIN_BYTES) return new EncodedBody(await d.gzip(bytes), true);
  return new EncodedBody(bytes, false);
}

export async function request(d: HttpDeps, path: string, token: string | null, body?: unknown): Promise<Response> {
  // Encoded before the deadline starts: gzip is the phone's own work, not the network's.
  const encoded = body === undefined || body instanceof EncodedBody ? body : await encodeBody(d, body);
  const ctrl = new AbortController();
  const timer = d.setTimer(() => ctrl.abort(), d.requestTimeoutMs ?? 30_000);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const init: RequestInit = { method: encoded === undefined ? 'GET' : 'POST', headers, signal: ctrl.signal, cache: 'no-store' };
    if (encoded !== undefined) {
      headers['Content-Type'] = 'application/json';
      if (encoded.gzipped) headers['Content-Encoding'] = 'gzip';
      init.body = encoded.bytes as Uint8Array<ArrayBuffer>;
    }
    const res = await d.fetch(d.baseUrl + path, init);
    // Read the body inside the deadline too: a cut mid-response must end as a failure.
    const text = await res.text();
    const nullBody = [101, 204, 205, 304].includes(res.status);
    return new Response(nullBody ? null : text, { status: res.status, headers: res.headers });
  } finally {
    d.clearTimer(timer);
  }
}

/** A success body that does not parse was cut or mangled on the way: treat as offline. */
export async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw new StopRun('offline', MSG.offline);
  }
}

export async function errorOf(res: Response): Promise<ErrorBody> {
  try {
    const b = (await res.json()) as Partial<ErrorBody>;
    if (typeof b.error === 'string' && typeof b.message === 'string') return b as ErrorBody;
  } catch {
    // not our JSON: a proxy or captive portal answered
  }
  if (res.status >= 500 || res.status === 0) throw new StopRun('offline', MSG.serverError(res.status));
  return { error: 'server_error', message: MSG.serverError(res.status) };
}
