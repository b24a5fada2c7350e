/**
 * /api/v1: enrolment, push, pull. Every body goes through the shared valibot schemas
 * of src/domain/sync-protocol.ts; anything malformed, too large (1 MiB, also after
 * gunzip), of another protocol version or for another team is answered 4xx with a
 * precise JSON error before anything is written.
 */
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { clientAddress } from './client-address';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import {
  EnrolRequestSchema, MAX_BODY_BYTES, PROTOCOL_VERSION, PullQuerySchema, PullRequestSchema, PushRequestSchema,
  describeIssues, type EnrolResponse, type ErrorBody, type ErrorCode, type PushResponse,
} from '../domain/sync-protocol';
import { stmt, type Sqlite } from './db';
import { GroupCommit } from './group-commit';
import { FailureLimiter } from './limiter';
import { authenticate, redeemEnrolCode, type AuthResult, type TeamRow } from './store';
import { applyReminderAcks } from './reminders';
import { pull, push } from './sync-store';
import { sendJson } from './json-answer';

type Status = 400 | 401 | 403 | 404 | 410 | 413 | 415 | 429 | 500;

class HttpError extends Error {
  constructor(readonly status: Status, readonly body: ErrorBody) {
    super(body.message);
  }
}
const fail = (status: Status, error: ErrorCode, message: string, issues?: ErrorBody['issues']): never => {
  throw new HttpError(status, { error, message, ...(issues ? { issues } : {}) });
};

const tooLarge = (c: Context): never => {
  // The rest of the body is not read: the connection cannot be reused.
  c.header('Connection', 'close');
  return fail(413, 'too_large', '数据过大（超过 1 MiB）');
};

/**
 * The raw body, at most MAX_BODY_BYTES. Read straight from Node's IncomingMessage where
 * the adapter gives it (c.env.incoming): building the web Request and its ReadableStream
 * for every push cost more than storing the batch.
 */
async function readBody(c: Context): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const declared = Number(c.req.header('Content-Length') ?? 0);
  if (declared > MAX_BODY_BYTES) tooLarge(c);
  if (!incoming) {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return body.length > MAX_BODY_BYTES ? tooLarge(c) : body;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn: false: a 413 thrown mid-body must not destroy the socket it is answered on.
  for await (const chunk of incoming.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge(c);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readJson(c: Context): Promise<unknown> {
  let raw = await readBody(c);
  const encoding = (c.req.header('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'gzip') {
    try {
      raw = gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') fail(413, 'too_large', '数据过大（解压后超过 1 MiB）');
      fail(400, 'invalid_body', 'gzip 数据损坏');
    }
  } else if (encoding !== 'identity') {
    fail(415, 'unsupported_encoding', `不支持的 Content-Encoding: ${encoding}`);
  }
  try {
    return JSON.parse(utf8.decode(raw)) as unknown;
  } catch {
    return fail(400, 'invalid_json', '请求内容不是有效的 JSON');
  }
}

function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  // Only a number or string can name a version; anything else (a 20,000-deep array …) is refused
  // without String(), which would recurse through it and overflow the stack.
  const ver = typeof input === 'object' && input !== null && 'v' in input ? (input as { v: unknown }).v : PROTOCOL_VERSION;
  if ((typeof ver !== 'number' && typeof ver !== 'string') || String(ver) !== String(PROTOCOL_VERSION)) {
    fail(400, 'unsupported_version', `不支持的协议版本，服务器使用 v${PROTOCOL_VERSION}`);
  }
  const r = v.safeParse(schema, input);
  if (!r.success) fail(400, 'invalid_body', '请求内容格式不正确', describeIssues(r.issues));
  return (r as v.SafeParseResult<S> & { success: true }).output;
}

function auth(c: Context, db: Sqlite, now: number): AuthResult & { ok: true } {
  const header = c.req.header('Authorization') ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!m) return fail(401, 'unauthorized', '缺少设备凭证，请先登记设备');
  const r = authenticate(db, m[1]!, now);
  if (!r.ok) {
    return r.error === 'revoked'
      ? fail(401, 'revoked', '设备已被停用，请联系党支部书记')
      : fail(401, 'unauthorized', '设备凭证无效，请重新登记');
  }
  return r;
}


/**
 * What a phone enrolling into a team needs to choose its path: whether the team already has
 * records (another phone founded it: join and restore, never type a roster again), and its
 * 区队: the server's (teams.district), else the one its phones last named.
 */
function joinInfo(db: Sqlite, team: TeamRow): { district: string; hasData: boolean } {
  const hasData = stmt(db, 'SELECT 1 FROM records WHERE team_id = ? AND deleted = 0 LIMIT 1').get(team.id) !== undefined;
  if (team.district) return { hasData, district: team.district };
  const rec = stmt(db, "SELECT body FROM records WHERE team_id = ? AND tbl = 'teams' AND deleted = 0 ORDER BY updated_at DESC LIMIT 1")
    .get(team.id) as { body: string } | undefined;
  const district = rec ? (JSON.parse(rec.body) as { district?: unknown }).district : undefined;
  return { hasData, district: typeof district === 'string' ? district : '' };
}

/** `hops`: TRUST_PROXY (client-address.ts), so behind the proxy the enrolment limiter counts per phone, not per proxy. */
/** `tls`: the server's own (HSTS in the answers, as securityHeaders adds it). */
export function apiRoutes(db: Sqlite, clock: () => number = Date.now, hops = 0, tls = false): Hono {
  const api = new Hono();
  const enrolFailures = new FailureLimiter(30, 10 * 60_000);
  const writes = new GroupCommit(db);
  // Set before the handler, so it is part of the answer as built: a header set on a finished
  // answer makes @hono/node-server build a web Response and read its body back as a stream.
  api.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // Body size (1 MiB, raw and after gunzip) is enforced by readBody/readJson as they read.
  api.onError((err, c) => {
    if (err instanceof HttpError) return c.json(err.body, err.status);
    // A phone that lost coverage mid-request is normal at the pithead, not worth a log line.
    const aborted = c.req.raw.signal.aborted || (err instanceof Error && /aborted|ECONNRESET/i.test(err.message));
    if (!aborted) console.error('api error:', err instanceof Error ? err.message : err);
    return c.json({ error: 'server_error', message: '服务器内部错误' } satisfies ErrorBody, 500);
  });

  api.get('/health', (c) => c.json({ ok: true, v: PROTOCOL_VERSION }));

  api.post('/enrol', async (c) => {
    const now = clock();
    const who = clientAddress(c, hops);
    // Counted before the body is read: concurrent attempts cannot all pass the check first.
    if (!enrolFailures.begin(who, now)) {
      c.header('Connection', 'close'); // the body is not read
      fail(429, 'rate_limited', '登记码错误次数过多，请 10 分钟后再试');
    }
    const body = parse(EnrolRequestSchema, await readJson(c));
    const r = redeemEnrolCode(db, body, now);
    if (r.ok) enrolFailures.succeeded(who);
    if (!r.ok) {
      const msg = { code_unknown: '登记码不存在', code_used: '登记码已被使用', code_expired: '登记码已过期' }[r.error];
      return fail(r.error === 'code_unknown' ? 404 : 410, r.error, `${msg}，请向党支部书记索取新的登记码`);
    }
    const out: EnrolResponse = {
      v: PROTOCOL_VERSION, token: r.token, deviceId: r.deviceId,
      teamId: r.team.id, teamName: r.team.name, branchName: r.branch.name, ...joinInfo(db, r.team),
    };
    return c.json(out);
  });

  api.post('/sync/push', async (c) => {
    const now = clock();
    const who = auth(c, db, now);
    const body = parse(PushRequestSchema, await readJson(c));
    if (body.teamId !== who.team.id) fail(403, 'wrong_team', '数据不属于本设备登记的班组');
    // The piggybacked pull runs after the push, in the same transaction: it sees the
    // batch just stored (and skips it, as the phone's own) and everything before it.
    return sendJson(c, tls, await writes.run((): PushResponse => {
      const r = push(db, who.device, who.team, body.records, now);
      // Before the pull: a reminder the phone has read is no longer in the pull's open list.
      applyReminderAcks(db, who.team.id, body.reminderAcks, now);
      return body.since === undefined ? r : { ...r, pull: pull(db, who.device, who.team, body.since, now) };
    }));
  });

  api.get('/sync/pull', (c) => {
    const now = clock();
    const who = auth(c, db, now);
    const q = parse(PullQuerySchema, c.req.query());
    return sendJson(c, tls, pull(db, who.device, who.team, q.since, now));
  });
  api.post('/sync/pull', async (c) => {
    const now = clock();
    const who = auth(c, db, now);
    const body = parse(PullRequestSchema, await readJson(c));
    if (!body.reminderAcks?.length) return sendJson(c, tls, pull(db, who.device, who.team, body.since, now));
    return sendJson(c, tls, await writes.run(() => {
      applyReminderAcks(db, who.team.id, body.reminderAcks, now);
      return pull(db, who.device, who.team, body.since, now);
    }));
  });

  api.all('*', (c) => c.json({ error: 'not_found', message: '接口不存在' } satisfies ErrorBody, 404));
  return api;
}
