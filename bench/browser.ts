/** In-browser figures: first-load bytes, cold start, tick latency — in Debian's Chromium, phone emulation. */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import type { TeamData } from '../tests/fixtures/generate';
import { figure, median, type Figure } from './stats';

import { CHROMIUM, CHROMIUM_ARGS } from '../tests/fixtures/chromium';
const PHONE = {
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
};

export const launch = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
export const phoneContext = (b: Browser, baseURL: string) => b.newContext({ ...PHONE, baseURL, serviceWorkers: 'allow' });

/** The app's real src/db code as one script, for page.evaluate in a page of the app's origin; `target`: an older engine's syntax. */
export async function buildHarness(target?: string): Promise<string> {
  const out = await build({
    configFile: false, logLevel: 'silent', mode: 'production',
    build: { write: false, minify: true, ...(target ? { target } : {}), lib: { entry: 'bench/harness-entry.ts', formats: ['iife'], name: 'BenchHarness', fileName: () => 'h.js' } },
  });
  const first = (Array.isArray(out) ? out[0] : out) as { output: { code?: string }[] };
  const code = first.output[0]?.code;
  if (!code) throw new Error('harness build produced no code');
  return code;
}

export async function injectHarness(page: Page, harness: string): Promise<void> {
  await page.evaluate(harness);
}

/** Bytes (as transferred, gzip) of the JS and CSS a first visit loads, from the browser's own accounting. */
export async function firstLoad(b: Browser, baseURL: string, runs: number): Promise<Figure> {
  const kbs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await phoneContext(b, baseURL);
    const page = await ctx.newPage();
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: '首次设置' }).waitFor();
    // Resource Timing's encodedBodySize: the compressed body bytes as received (headers excluded).
    const bytes = await page.evaluate(() =>
      performance.getEntriesByType('resource')
        .filter((e) => /\.(js|css)(\?|$)/.test(e.name))
        .reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0));
    kbs.push(bytes / 1024);
    await ctx.close();
  }
  return figure('first_load_gzip_kb', kbs, 'KB', 60, 'lower', { note: 'JS+CSS bodies of the first visit (setup screen) as received (gzip), per Resource Timing' });
}

/** A context whose app is installed (service worker, precache) and whose IndexedDB holds `data`. */
export async function installedWithData(b: Browser, baseURL: string, harness: string, data: TeamData): Promise<{ ctx: BrowserContext; records: number }> {
  const ctx = await phoneContext(b, baseURL);
  const page = await ctx.newPage();
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.includes('precache')));
  await injectHarness(page, harness);
  const records = await page.evaluate((d) => (globalThis as never as { __bench: { seed(d: unknown): Promise<number> } }).__bench.seed(d), data as unknown);
  await page.close();
  return { ctx, records };
}

/**
 * Stamps, in the page itself, the first frame that shows the shift as stored: the tick buttons
 * and the progress read from IndexedDB (已完成 3/9, not 读取中…). A MutationObserver sees them
 * arrive, the next animation frame is when they are painted. Until 2 Dec the stamp was the
 * buttons alone, which a screen still reading its data already shows (~300 ms earlier at 4×).
 * Reading performance.now() after Playwright's waitForSelector instead counted its polling
 * and a CDP round trip too (200–600 ms more at 4× CPU), not the app.
 * A string, not a function: tsx would wrap a function's body in helpers the page lacks.
 */
export const READY_STAMP = `(() => {
  const shown = () => {
    const text = document.querySelector('[data-testid="progress-text"]');
    return !!document.querySelector('[data-testid="progress"] button') && !!text && text.textContent.indexOf('读取中') < 0;
  };
  const seen = () => {
    if (window.__xzwReadyAt || !shown()) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__xzwReadyAt = performance.now(); });
  };
  const obs = new MutationObserver(seen);
  obs.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Navigation start → the first frame of the shift screen showing its stored progress, everything from the service worker, CPU `rate`× slower. */
async function coldStartOnce(ctx: BrowserContext, rate: number): Promise<number> {
  const page = await ctx.newPage();
  await page.addInitScript(READY_STAMP);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto('/', { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid="progress"] button', { state: 'visible' });
  const ms = await page.waitForFunction(() => (window as { __xzwReadyAt?: number }).__xzwReadyAt).then((h) => h.jsonValue() as Promise<number>);
  await page.close();
  return ms;
}

/**
 * Cold start with the history (`ctx`) and, run for run in turn, of a profile just set up
 * (`empty`: the same team and workers, no records): the ratio is what the data costs.
 */
export async function coldStart(ctx: BrowserContext, empty: BrowserContext, runs: number, records: number, rate: 1 | 4): Promise<Figure[]> {
  const data: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    data.push(await coldStartOnce(ctx, rate));
    base.push(await coldStartOnce(empty, rate));
  }
  const cpu = rate === 1 ? 'CPU unthrottled' : `CPU ${rate}× slower (CDP)`;
  const suffix = rate === 1 ? '' : `_${rate}x`;
  const emptyMedian = median(base);
  const out = [figure(`cold_start${suffix}_ms`, data, 'ms', rate === 1 ? 1000 : 600, 'lower', { note: `${records} records in IndexedDB, ${cpu}, until the shift's stored progress is painted`, baseline: emptyMedian })];
  out.push(figure(`cold_start_empty${suffix}_ms`, base, 'ms', null, 'lower', { note: `baseline: team and workers only, no records, ${cpu}` }));
  if (rate === 1) out.push(figure('cold_start_vs_empty', data.map((d, i) => d / base[i]!), '×', null, 'lower', { note: 'with data ÷ empty profile, per pair of adjacent runs' }));
  return out;
}

/** `n` ticks (updateDuty until its transaction completed); p95 reported; CPU `rate`× slower. */
export async function tickCommit(ctx: BrowserContext, harness: string, n: number, rate: 1 | 4 = 1): Promise<Figure> {
  const page = await ctx.newPage();
  await page.goto('/robots.txt');
  await injectHarness(page, harness);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const times = await page.evaluate((k) => (globalThis as never as { __bench: { ticks(n: number): Promise<number[]> } }).__bench.ticks(k), n);
  await cdp.detach();
  await page.close();
  const name = rate === 1 ? 'tick_commit_p95_ms' : `tick_commit_p95_${rate}x_ms`;
  return figure(name, times, 'ms', 16, 'lower', { use: 'p95', note: `updateDuty: read-modify-write transaction until complete${rate === 1 ? '' : `, CPU ${rate}× slower (CDP)`}` });
}
