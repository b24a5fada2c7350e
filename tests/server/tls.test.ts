import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/app';
import { createBranch, createEnrolCode, createTeam, redeemEnrolCode } from '../../src/server/store';

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
        const get = (path: string, headers: Record<string, string> = {}) => new Promise<{ status: number; hsts: unknown; body: string }>((ok, fail) => {
          const req = request(server.url + path, { ca: cert, headers }, (r) => {
            let body = '';
            r.on('data', (d: Buffer) => (body += d.toString()));
            r.on('end', () => ok({ status: r.statusCode ?? 0, hsts: r.headers['strict-transport-security'], body }));
          });
          req.on('error', fail);
          req.end();
        });
        const res = await get('/');
        expect(res.status).toBe(200);
        expect(res.hsts).toBe('max-age=31536000');
        expect(res.body).toContain('班组小政委');
        // A sync answer is built whole (json-answer.ts), past the middleware: HSTS too.
        const team = createTeam(server.db, createBranch(server.db, 'TLS 支部', Date.now()).id, 'TLS 班组', Date.now());
        const device = redeemEnrolCode(server.db, { code: createEnrolCode(server.db, team.id, Date.now()).code, nonce: 'tls-test-nonce-0123456789', deviceName: 'tls' }, Date.now());
        if (!device.ok) throw new Error('enrolment failed');
        const pulled = await get('/api/v1/sync/pull?v=1&since=0', { Authorization: `Bearer ${device.token}` });
        expect(pulled.status).toBe(200);
        expect(pulled.hsts).toBe('max-age=31536000');
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
