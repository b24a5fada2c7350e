/**
 * /api/v1/photos/:id — the phone's resumable photo upload (docs/sync.md, "Photos"):
 * POST declares, HEAD tells the offset, PATCH appends a piece at Upload-Offset. Device
 * bearer token as for /sync; a photo belongs to the device's team, another team's id is
 * simply another photo (ids are per team), so nothing of another team can be reached.
 */
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { PHOTO_PIECE_BYTES, PhotoDeclareSchema, PhotoIdSchema, type PhotoUploadState } from '../domain/photo-protocol';
import { describeIssues } from '../domain/sync-protocol';
import type { Sqlite } from './db';
import { appendPiece, dataDirOf, declarePhoto, photoState, type PhotoError } from './photo-store';
import { authenticate } from './store';

/** A piece may be up to 8× the phone's size (other clients, faster links), never more. */
const MAX_PIECE = PHOTO_PIECE_BYTES * 8;

const MESSAGES: Record<PhotoError | 'unauthorized' | 'revoked' | 'invalid_body', string> = {
  conflict: '同一编号的照片内容不同',
  not_found: '服务器上没有这张照片的上传记录，请重新声明',
  offset_mismatch: '续传位置不一致，请按服务器的位置继续',
  too_large: '数据超出照片声明的大小',
  hash_mismatch: '照片校验失败（SHA-256 不一致），请重新发送',
  unauthorized: '设备凭证无效，请重新登记',
  revoked: '设备已被停用，请联系党支部书记',
  invalid_body: '请求内容格式不正确',
};
const STATUS: Record<PhotoError, 404 | 409 | 413 | 422> = {
  conflict: 409, not_found: 404, offset_mismatch: 409, too_large: 413, hash_mismatch: 422,
};

function who(c: Context, db: Sqlite, now: number) {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(c.req.header('Authorization') ?? '');
  if (!m) return { error: 'unauthorized' as const };
  const r = authenticate(db, m[1]!, now);
  return r.ok ? r : { error: r.error };
}

function withState(c: Context, s: PhotoUploadState): void {
  c.header('Upload-Offset', String(s.offset));
  c.header('Upload-Length', String(s.bytes));
  c.header('Cache-Control', 'no-store');
}

/**
 * A piece's bytes, straight from Node's IncomingMessage where the adapter gives it (as
 * api.ts reads pushes: the web Request and its stream cost more than appending the piece).
 * null when it is larger than `max`.
 */
async function readPiece(c: Context, max: number): Promise<Uint8Array | null> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    const b = new Uint8Array(await c.req.arrayBuffer());
    return b.length > max ? null : b;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

export function photoApiRoutes(db: Sqlite, clock: () => number = Date.now): Hono {
  const api = new Hono();
  const dataDir = dataDirOf(db);
  api.onError((err, c) => {
    // A phone that lost coverage mid-piece is the normal case here: nothing was written.
    const aborted = c.req.raw.signal.aborted || (err instanceof Error && /aborted|ECONNRESET/i.test(err.message));
    if (!aborted) console.error('photo api error:', err instanceof Error ? err.message : err);
    return c.json({ error: 'server_error', message: '服务器内部错误' }, 500);
  });
  api.use('/:id', async (c, next) => {
    if (!v.is(PhotoIdSchema, c.req.param('id'))) return c.json({ error: 'invalid_body', message: '照片编号格式不正确' }, 400);
    await next();
  });

  api.post('/:id', async (c) => {
    const now = clock();
    const dev = who(c, db, now);
    if ('error' in dev) return c.json({ error: dev.error, message: MESSAGES[dev.error] }, 401);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'invalid_json', message: '请求内容不是有效的 JSON' }, 400);
    }
    const parsed = v.safeParse(PhotoDeclareSchema, body);
    if (!parsed.success) return c.json({ error: 'invalid_body', message: MESSAGES.invalid_body, issues: describeIssues(parsed.issues) }, 400);
    const r = declarePhoto(db, dataDir, dev.team.id, dev.device.id, c.req.param('id'), parsed.output, now);
    if (r.state) withState(c, r.state);
    return r.ok ? c.json(r.state) : c.json({ error: r.error, message: MESSAGES[r.error], ...r.state }, STATUS[r.error]);
  });

  // HEAD (Hono answers it through GET, without the body): the offset in the headers.
  api.get('/:id', (c) => {
    const dev = who(c, db, clock());
    if ('error' in dev) return c.json({ error: dev.error, message: MESSAGES[dev.error] }, 401);
    const s = photoState(db, dataDir, dev.team.id, c.req.param('id'));
    if (!s) return c.json({ error: 'not_found', message: MESSAGES.not_found }, 404);
    withState(c, s);
    c.header('Upload-Done', s.done ? '1' : '0');
    return c.json(s);
  });

  api.patch('/:id', async (c) => {
    const now = clock();
    const dev = who(c, db, now);
    if ('error' in dev) return c.json({ error: dev.error, message: MESSAGES[dev.error] }, 401);
    const offset = Number(c.req.header('Upload-Offset') ?? 'x');
    if (!Number.isInteger(offset) || offset < 0) return c.json({ error: 'invalid_body', message: '缺少 Upload-Offset' }, 400);
    const declared = Number(c.req.header('Content-Length') ?? 0);
    if (declared > MAX_PIECE) {
      c.header('Connection', 'close');
      return c.json({ error: 'too_large', message: `每段不超过 ${MAX_PIECE} 字节` }, 413);
    }
    const piece = await readPiece(c, MAX_PIECE);
    if (!piece) {
      c.header('Connection', 'close');
      return c.json({ error: 'too_large', message: `每段不超过 ${MAX_PIECE} 字节` }, 413);
    }
    // A body shorter than its Content-Length was cut: nothing is written.
    if (declared && piece.length !== declared) return c.json({ error: 'invalid_body', message: '数据不完整' }, 400);
    const r = appendPiece(db, dataDir, dev.team.id, c.req.param('id'), offset, piece, now);
    if (r.state) withState(c, r.state);
    return r.ok ? c.json(r.state) : c.json({ error: r.error, message: MESSAGES[r.error], ...r.state }, STATUS[r.error]);
  });
  return api;
}
