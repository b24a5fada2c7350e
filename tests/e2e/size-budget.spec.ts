/**
 * Size gate: bytes are deterministic, so budgets are tests (the bench only reports them).
 * - First load: the JS+CSS a first visit downloads (setup screen), gzip as received, counted
 *   by the browser's Resource Timing exactly as `npm run bench` counts first_load_gzip_kb.
 * - Every other chunk of the build (lazy screens, the service worker): gzip size against its
 *   budget. Exceeding a budget means moving code out, not raising the number.
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHUNK_BUDGET_KB, FIRST_LOAD_BUDGET_KB, budgetOf } from './size-budgets';

const DIST = resolve(process.env.E2E_DIST ?? 'dist');
const kb = (bytes: number) => bytes / 1024;
const gzipKb = (file: string) => kb(gzipSync(readFileSync(file)).length);

function table(rows: { name: string; kb: number; budget: number }[]): string {
  const lines = rows.map((r) => `${r.kb > r.budget ? '✗' : ' '} ${r.name.padEnd(34)} ${r.kb.toFixed(2).padStart(7)} KB  / ${r.budget} KB`);
  return lines.join('\n');
}

test('first visit loads at most the first-load budget of JS+CSS (gzip, as received)', async ({ page }) => {
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((e) => /\.(js|css)(\?|$)/.test(e.name))
      .map((e) => ({ name: new URL(e.name).pathname, bytes: (e as PerformanceResourceTiming).encodedBodySize })));
  expect(loaded.length, 'the first visit loaded no JS/CSS at all').toBeGreaterThan(0);
  const total = kb(loaded.reduce((n, r) => n + r.bytes, 0));
  console.log(`first load (${loaded.length} files):\n${table(loaded.map((r) => ({ name: r.name, kb: kb(r.bytes), budget: FIRST_LOAD_BUDGET_KB })))}\n  total ${total.toFixed(2)} KB / ${FIRST_LOAD_BUDGET_KB} KB`);
  expect(total, 'first-load JS+CSS over budget: move code out of the first load').toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
});

test('every lazy chunk of the build stays within its gzip budget', async ({ page }) => {
  // Chunks of the first visit are bounded together by the first-load budget; chunk names
  // (the shared vendor chunk's included) are picked by the bundler and may change.
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  const firstLoad = new Set(await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1))));
  const assets = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => join('assets', f));
  const files = [...assets.filter((f) => !firstLoad.has(f)), 'sw.js'];
  const rows = files.map((f) => {
    const name = f.replace(/-[\w-]{8}(\.\w+)$/, '$1'); // drop the content hash
    return { name, kb: gzipKb(join(DIST, f)), budget: budgetOf(name) };
  });
  console.log(`lazy chunks and the service worker (gzip):\n${table(rows)}`);
  expect(firstLoad.size, 'the first visit loaded nothing').toBeGreaterThan(0);
  expect(rows.length).toBeGreaterThan(5);
  const over = rows.filter((r) => r.kb > r.budget).map((r) => `${r.name} ${r.kb.toFixed(2)} KB > ${r.budget} KB`);
  expect(over, `chunks over budget (default ${CHUNK_BUDGET_KB} KB)`).toEqual([]);
});
