import { parse } from 'acorn';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cssAboveFloor } from './css-floor';

// The browser floor is Chromium 83 and Safari/iOS 14 (package.json browserslist). The lint gate
// covers our sources; this covers what actually ships, dependencies included: every emitted
// chunk, the service worker too, must parse as ES2020, and the CSS must hold on the floor.
const root = join(import.meta.dirname, '../..');
let outDir = '';
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'floor-build-'));
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}, 180_000);
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the built app holds on the browser floor', () => {
  it('every emitted script, the service worker included, parses at ES2020', () => {
    const scripts = files(outDir).filter((f) => /\.m?js$/.test(f));
    expect(scripts.some((f) => f.endsWith('sw.js'))).toBe(true);
    expect(scripts.length).toBeGreaterThan(10);
    const refused: string[] = [];
    for (const f of scripts) {
      try {
        parse(readFileSync(f, 'utf8'), { ecmaVersion: 2020, sourceType: 'module' });
      } catch (e) {
        refused.push(`${f.slice(outDir.length)}: ${(e as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
  });
  it('boot.js and crash.js, which must run where the bundle cannot, are classic ES5; boot.js loads before the app', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.filter((s) => !s.includes('type="module"'))).toEqual(['<script src="/boot.js">']);
    // Classic scripts run before deferred module scripts wherever they stand; nothing else is inline (CSP).
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const name of ['boot.js', 'crash.js']) {
      expect(() => parse(readFileSync(join(outDir, name), 'utf8'), { ecmaVersion: 5, sourceType: 'script' }), name).not.toThrow();
    }
  });
  it('no built script calls a built-in above the floor unguarded', () => {
    // The lint gate refuses these in our code; a dependency could still bring them.
    const risky = /\.at\((?:-1|0)\)|structuredClone\(|Object\.hasOwn\(|\.replaceAll\(|\.findLast(?:Index)?\(|\.toSorted\(|randomUUID\(|AbortSignal\.timeout\(/g;
    const hits = files(outDir).filter((f) => /\.m?js$/.test(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(risky)].map((m) => `${f.slice(outDir.length)}: ${m[0]}`));
    expect(hits).toEqual([]);
  });
  it('the built CSS uses nothing above the floor outside @supports', () => {
    const sheets = files(outDir).filter((f) => f.endsWith('.css'));
    expect(sheets.length).toBeGreaterThan(0);
    expect(sheets.flatMap((f) => cssAboveFloor(readFileSync(f, 'utf8')).map((x) => `${f.slice(outDir.length)} ${x}`))).toEqual([]);
  });
});

describe('the CSS check itself', () => {
  it('finds flex gap, inset, :is, dvh, nesting, @layer; lets grid gap and @supports through', () => {
    const bad = cssAboveFloor(`.a{display:flex;gap:8px}.b{inset:0}.c:is(.d){color:red}.e{height:100dvh}.f{color:red;&:hover{color:blue}}@layer x{.g{color:red}}.h{aspect-ratio:1}`);
    expect(bad).toHaveLength(7);
    expect(cssAboveFloor(`.a{display:grid;gap:8px}.w{gap:0}@supports (aspect-ratio:1){.b{inset:0;gap:4px}}@media print{.c{top:0}}`)).toEqual([]);
    expect(cssAboveFloor(`@media (min-width:1px){.a{display:flex;gap:8px}}`)).toHaveLength(1);
  });
});
