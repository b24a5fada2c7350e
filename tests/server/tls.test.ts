import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/app';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenssl())('TLS', () => {
  it('serves over HTTPS with HSTS when a certificate is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xzw-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      writeFileSync(join(dir, 'index.html'), '<title>班组小政委</title>');
      const cert = readFileSync(join(dir, 'cert.pem'));
      const server = await startServer({
        port: 0, dataDir: join(dir, 'data'), distDir: dir, tls: { cert, key: readFileSync(join(dir, 'key.pem')) },
      });
      try {
        expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const res = await new Promise<{ status: number; hsts: unknown; body: string }>((ok, fail) => {
          const req = request(server.url + '/', { ca: cert }, (r) => {
            let body = '';
            r.on('data', (d: Buffer) => (body += d.toString()));
            r.on('end', () => ok({ status: r.statusCode ?? 0, hsts: r.headers['strict-transport-security'], body }));
          });
          req.on('error', fail);
          req.end();
        });
        expect(res.status).toBe(200);
        expect(res.hsts).toBe('max-age=31536000');
        expect(res.body).toContain('班组小政委');
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
