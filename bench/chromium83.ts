/**
 * Cold start on the oldest engine of the browser floor: Chromium 83 (tests/engines' unpacked
 * build, driven by puppeteer-core 5.5 as the engine flow drives it), the app installed (service
 * worker, precache) and IndexedDB holding the same history as cold_start_ms. Unthrottled: this
 * build is already an old engine; the time is navigation start → the shift screen usable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TeamData } from '../tests/fixtures/generate';
import { OLD_CHROMIUM_ARGS, oldChromium } from '../tests/engines/chromium-old';
import { figure, type Figure } from './stats';
import { READY_STAMP } from './browser';

type Puppeteer = typeof import('puppeteer-core/lib/cjs/puppeteer/node-puppeteer-core.js').default;
type Page = import('puppeteer-core/lib/cjs/puppeteer/common/Page.js').Page;
const puppeteer = createRequire(import.meta.url)('puppeteer-core') as Puppeteer;

async function phonePage(newPage: () => Promise<Page>): Promise<Page> {
  const page = await newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  // The zone comes from TZ: in --single-process a second page's override is refused.
  page.setDefaultTimeout(60_000);
  return page;
}

/** `harness`: bench/harness-entry.ts built for Chromium 83's syntax (buildHarness('chrome83')). */
export async function coldStartChromium83(baseUrl: string, harness: string, data: TeamData, runs: number): Promise<Figure> {
  const profile = mkdtempSync(join(tmpdir(), 'xzw-bench-c83-'));
  const browser = await puppeteer.launch({
    executablePath: oldChromium('chromium-83'),
    args: [...OLD_CHROMIUM_ARGS, '--headless'],
    userDataDir: profile,
    env: { ...process.env, TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' },
  });
  try {
    const version = (await browser.version()).replace(/^HeadlessChrome\//, '');
    const setup = await phonePage(() => browser.newPage());
    await setup.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await setup.evaluate('navigator.serviceWorker.ready.then(() => 0)');
    await setup.waitForFunction('caches.keys().then((ks) => ks.some((k) => k.includes("precache")))', { polling: 200 });
    await setup.goto(`${baseUrl}/robots.txt`, { waitUntil: 'load' });
    await setup.evaluate(harness);
    const records = (await setup.evaluate(`globalThis.__bench.seed(${JSON.stringify(data)})`)) as number;
    await setup.close();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await phonePage(() => browser.newPage());
      await page.evaluateOnNewDocument(READY_STAMP);
      await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('[data-testid="progress"] button', { visible: true });
      ms.push((await (await page.waitForFunction('window.__xzwReadyAt')).jsonValue()) as unknown as number);
      // The figure means a start from the precache: one that went to the network is an error.
      if (!(await page.evaluate('!!navigator.serviceWorker.controller'))) throw new Error('Chromium 83: the page was not served by the service worker');
      await page.close();
    }
    return figure('cold_start_chromium83_ms', ms, 'ms', 1000, 'lower', { note: `Chromium ${version} (puppeteer-core), ${records} records in IndexedDB, from the service worker, CPU unthrottled` });
  } finally {
    // A --single-process browser may not answer close(): then its process is ended.
    await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5_000))]);
    browser.process()?.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  }
}
