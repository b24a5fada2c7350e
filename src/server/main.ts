/**
 * Entry: `tsx src/server/main.ts` (npm start builds first). Environment:
 * PORT (8080), HOST (127.0.0.1), DATA_DIR (./data), DIST_DIR (./dist),
 * TLS_CERT / TLS_KEY (paths to PEM files → HTTPS), PUBLIC_URL (for the enrolment link),
 * TRUST_PROXY (behind a reverse proxy: 1, or the number of proxies; see client-address.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from './app';
import { bootstrapIfEmpty, formatFirstStart } from './bootstrap';
import { trustedHops } from './client-address';

const env = process.env;
const port = Number(env.PORT ?? 8080);
const tls = env.TLS_CERT && env.TLS_KEY
  ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) }
  : undefined;

const running = await startServer({
  port: Number.isInteger(port) && port >= 0 ? port : 8080,
  host: env.HOST ?? '127.0.0.1',
  dataDir: resolve(env.DATA_DIR ?? 'data'),
  distDir: resolve(env.DIST_DIR ?? 'dist'),
  trustProxy: trustedHops(env.TRUST_PROXY),
  ...(tls ? { tls } : {}),
});
console.log(`班组小政委 已启动: ${running.url}/`);
console.log(`党支部书记页面: ${running.url}/secretary/`);
const first = bootstrapIfEmpty(running.db, Date.now());
if (first) console.log(formatFirstStart(first, publicUrl()));
else console.log('新的设备登记码: npm run admin -- code:create <班组编号>（班组编号见 npm run admin -- team:list）');

/** The address phones use: PUBLIC_URL when behind a proxy or on a LAN address. */
function publicUrl(): string {
  return (env.PUBLIC_URL ?? running.url).replace(/\/+$/, '');
}

const stop = () => void running.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
