/** Old Chromium (83, 92) through puppeteer-core 5.5, the last line that speaks their DevTools protocol. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Query } from './dom-query';
import { findJs, type Driver, type Handle } from './driver';
import { OLD_CHROMIUM_ARGS, oldChromium, type OldChromium } from './chromium-old';

// The package has no "types" entry; its own declarations sit beside the CommonJS build.
type Puppeteer = typeof import('puppeteer-core/lib/cjs/puppeteer/node-puppeteer-core.js').default;
type ElementHandle = import('puppeteer-core/lib/cjs/puppeteer/common/JSHandle.js').ElementHandle;
const puppeteer = createRequire(import.meta.url)('puppeteer-core') as Puppeteer;
// A string-built function: the test runner's transpiler must not add helpers the page lacks.
const scrollToCentre = new Function('e', 'e.scrollIntoView({ block: "center" })') as (e: unknown) => void;

export const launchOldChromium = (alias: OldChromium): Promise<Driver> => launchChromium(oldChromium(alias));

/** Any Chromium puppeteer-core 5.5 can drive, with the phone's viewport, zone and language. */
export async function launchChromium(executablePath: string): Promise<Driver> {
  const profile = mkdtempSync(join(tmpdir(), 'xzw-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    args: [...OLD_CHROMIUM_ARGS, '--headless'],
    userDataDir: profile,
    env: { ...process.env, TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.emulateTimezone('Asia/Shanghai');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  const errors: string[] = [];
  page.on('pageerror', (e: Error) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()} ${JSON.stringify(m.location())}`);
  });
  page.on('error', (e: Error) => errors.push(`crash: ${e.message}`));
  const version = `Chromium ${(await browser.version()).replace(/^HeadlessChrome\//, '')}`;
  const wrap = (body: string, args: unknown[]) => `(function (args) {\n${body}\n})(${JSON.stringify(args)})`;

  return {
    version,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    url: async () => page.url(),
    run: <T>(body: string, args: unknown[] = []) => page.evaluate(wrap(body, args)) as Promise<T>,
    async handle(q: Query) {
      const h = await page.evaluateHandle(wrap(findJs(q), []));
      const el = h.asElement();
      if (!el) await h.dispose();
      return el;
    },
    async click(h: Handle) {
      await (h as ElementHandle).click();
    },
    async type(h: Handle, text: string) {
      const el = h as ElementHandle;
      await el.evaluate(scrollToCentre);
      await el.click({ clickCount: 3 }); // focus and select what is there: typing replaces it
      await page.keyboard.press('Backspace');
      await el.type(text);
    },
    async upload(h: Handle, path: string) {
      // DOM.setFileInputFiles: the browser then fires input and change, as after a real choice.
      await (h as ElementHandle).uploadFile(path);
    },
    async screenshot(path) {
      await page.screenshot({ path });
    },
    errors: async () => [...errors],
    async close() {
      // A --single-process browser may not answer close(): then its process is ended.
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5_000))]);
      browser.process()?.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
