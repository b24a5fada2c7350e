/**
 * The baseline of endpoint_batches_per_s: the endpoint's own stack (hono on @hono/node-server,
 * the app's front middleware (useFrontMiddleware), then the whole app as src/server/app.ts
 * builds it) plus one route, POST /api/v1/echo, that parses a JSON body and answers a small
 * JSON ack without storing anything. It exists only in this bench process, never in
 * src/server: production has no such route. Started by bench/sync.ts as its own process, as
 * the real server is, so the load generator and the server each keep a core in both runs.
 * Prints its URL like src/server/main.ts does.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createApp, useFrontMiddleware } from '../src/server/app';
import { openDatabase } from '../src/server/db';
import { sendJson } from '../src/server/json-answer';

const db = openDatabase(resolve(process.env.DATA_DIR ?? '.tmp/bench-echo'));
const app = new Hono();
useFrontMiddleware(app, false);
app.post('/api/v1/echo', async (c) => {
  const body = (await c.req.json()) as { records?: unknown[] };
  // Answered as the sync route answers (json-answer.ts): only the storing differs.
  return sendJson(c, false, { v: 1, accepted: Array.isArray(body.records) ? body.records.length : 0 });
});
app.route('/', createApp({ distDir: resolve(process.env.DIST_DIR ?? 'dist'), db, tls: false }));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`echo baseline: http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
