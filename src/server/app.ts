/**
 * The endpoint as a value: `startServer` opens the SQLite file, builds the Hono app
 * (security headers → /api/v1 → the built PWA) and listens. Tests start it on port 0.
 */
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { apiRoutes } from './api';
import { photoApiRoutes } from './photo-api';
import { openDatabase, type Sqlite } from './db';
import { securityHeaders } from './headers';
import { serveDist } from './static';
import { startCheckpointer } from './checkpointer';
import { secretaryRoutes } from './secretary';

export interface ServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  distDir: string;
  /** PEM contents; both set → HTTPS (and HSTS). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Injected in tests (enrolment expiry); Date.now otherwise. */
  clock?: () => number;
  /** TRUST_PROXY: how many reverse proxies of our own stand in front (client-address.ts). */
  trustProxy?: number;
  /** The sign-in limiter's waits; injected in tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Sqlite;
  close(): Promise<void>;
}

/**
 * What every answer passes through: the security headers, then gzip of text above 1 KB for
 * pages and the app's files (the first load crosses a weak 2G link). Not for /api/: the API
 * gzips its own JSON in one zlib call (json-answer.ts) and photos are JPEG, while hono's
 * compress reads every answer's headers and, on a large one, builds a web stream around it.
 * Exported for the bench's echo baseline, which must run the same stack.
 */
export function useFrontMiddleware(app: Hono, tls: boolean): void {
  app.use('*', securityHeaders(tls));
  const gzipText = compress({ encoding: 'gzip', threshold: 1024 });
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : gzipText(c, next)));
}

export function createApp(opts: {
  distDir: string; db: Sqlite; tls: boolean; clock?: () => number; trustProxy?: number; sleep?: (ms: number) => Promise<void>;
}): Hono {
  const app = new Hono();
  useFrontMiddleware(app, opts.tls);
  app.route('/api/v1/photos', photoApiRoutes(opts.db, opts.clock));
  app.route('/api/v1', apiRoutes(opts.db, opts.clock, opts.trustProxy ?? 0, opts.tls));
  app.all('/api/*', (c) => c.json({ error: 'not_found', message: '接口不存在' }, 404));
  app.route('/secretary', secretaryRoutes({
    db: opts.db, tls: opts.tls, trustProxy: opts.trustProxy ?? 0,
    ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}),
  }));
  const dist = serveDist(opts.distDir);
  app.get('*', dist); // Hono answers HEAD through GET routes
  return app;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const db = openDatabase(opts.dataDir);
  const checkpointer = startCheckpointer(db);
  const tls = Boolean(opts.tls);
  const app = createApp({
    distDir: opts.distDir, db, tls, trustProxy: opts.trustProxy ?? 0,
    ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  const server: ServerType = await new Promise((ok, fail) => {
    const base = { fetch: app.fetch, port: opts.port, hostname: host };
    const s = opts.tls
      ? serve({ ...base, createServer: createHttpsServer, serverOptions: { cert: opts.tls.cert, key: opts.tls.key } }, () => ok(s))
      : serve(base, () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
  return {
    url,
    port,
    db,
    close: () =>
      new Promise<void>((ok) => {
        // Keep-alive sockets from phones would otherwise hold close() open.
        const s = server as ServerType & { closeAllConnections?: () => void };
        server.close(() => {
          void checkpointer.stop().then(() => {
            db.close();
            ok();
          });
        });
        s.closeAllConnections?.();
      }),
  };
}
