import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app';

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'xzw-static-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>班组小政委</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"班组小政委"}');
  writeFileSync(join(dist, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(dist, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dist, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'big-abc123.js'), 'x'.repeat(20_000));
  writeFileSync(join(root, 'secret.txt'), 'outside dist');
  server = await startServer({ port: 0, dataDir: join(root, 'data'), distDir: dist });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, accept = '*/*') => fetch(server.url + path, { headers: { Accept: accept } });

describe('static PWA serving', () => {
  it('listens on loopback and reports its URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8'],
  ])('serves hashed %s as immutable', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '班组小政委'],
    ['/index.html', 'text/html; charset=utf-8', '班组小政委'],
    ['/sw.js', 'text/javascript; charset=utf-8', 'addEventListener'],
    ['/manifest.webmanifest', 'application/manifest+json', '"name"'],
    ['/robots.txt', 'text/plain; charset=utf-8', 'User-agent'],
    ['/icon.svg', 'image/svg+xml', '<svg'],
  ])('serves %s with no-cache', async (path, type, text) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain(text);
  });

  it('gzips text for a client that accepts it', async () => {
    const res = await fetch(server.url + '/assets/big-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.text()).length).toBe(20_000);
  });

  it('serves png bytes unchanged', async () => {
    const res = await get('/icon.png');
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('falls back to index.html for an app route that accepts HTML', async () => {
    const res = await get('/enrol?code=ABCD2345', 'text/html,application/xhtml+xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>班组小政委</title>');
  });

  it('does not answer a missing asset or non-HTML request with the shell', async () => {
    expect((await get('/assets/index-old999.js', 'text/html')).status).toBe(404);
    expect((await get('/missing.js', 'text/html')).status).toBe(404);
    expect((await get('/enrol', 'application/json')).status).toBe(404);
  });

  it('never serves files outside dist', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const res = await get(p);
      expect(await res.text()).not.toContain('outside dist');
    }
  });

  it('answers HEAD with headers and no body', async () => {
    const res = await fetch(server.url + '/sw.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('sends security headers, and no HSTS over plain HTTP', async () => {
    const res = await get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toContain('geolocation=()');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers unknown API paths with JSON 404, not the shell', async () => {
    const res = await get('/api/v1/nope', 'text/html');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});
