import { chromium, expect, test } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/app';
import { launchPhone, setUpTeam, waitForServiceWorkerControl } from './helpers';
import { killChromium, spawnChromium } from '../fixtures/chromium';
import { BASE_URL } from './playwright.config';

test('a new version waits while a shift is half filled; after 更新 the half-filled shift is still there', async () => {
  // Our own server on a copy of the build, so the test can publish "the next version".
  const root = mkdtempSync(join(tmpdir(), 'xzw-update-'));
  cpSync('dist', join(root, 'dist'), { recursive: true });
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(root, 'data'), distDir: join(root, 'dist') });
  const { context } = await launchPhone();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await setUpTeam(page, undefined, server.url);
    await waitForServiceWorkerControl(page);
    await page.getByRole('button', { name: '已参加', exact: true }).click();
    await page.getByLabel('早会要求').fill('注意顶板');
    await page.getByRole('button', { name: '全员到岗' }).click();
    await expect(page.getByTestId('progress-text')).toHaveText('已完成 2/9');

    appendFileSync(join(root, 'dist', 'sw.js'), '\n// next version\n');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1; // gone if the page reloads
      return navigator.serviceWorker.getRegistration().then((r) => r?.update());
    });
    await expect(page.getByRole('button', { name: '更新' })).toBeVisible();
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // never reloads by itself

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '更新' }).click()]);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    await expect(page.getByTestId('progress-text')).toHaveText('已完成 2/9');
    await expect(page.getByLabel('早会要求')).toHaveValue('注意顶板');
    await expect(page.getByRole('button', { name: '更新' })).toHaveCount(0);
  } finally {
    await context.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

/** A browser we start ourselves, so the test can kill its process like a phone killing the app. */
async function startChromium(profile: string) {
  const { proc, port } = await spawnChromium(profile);
  return { proc, browser: await chromium.connectOverCDP(`http://127.0.0.1:${port}`) };
}

test('browser killed in the middle of a shift: on reopening every confirmed tick is there, nothing corrupt', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'xzw-kill-'));
  let { proc, browser } = await startChromium(profile);
  let page = await browser.contexts()[0]!.newPage();
  await setUpTeam(page, undefined, BASE_URL);
  const ticks = ['已参加', '全员到岗', '本班无文件传达', '完成安全确认', '无薄弱人员'];
  for (const [i, name] of ticks.entries()) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByTestId('progress-text')).toHaveText(`已完成 ${i + 1}/9`); // acknowledged on screen
  }
  // One more tap, and the process is killed at once, without waiting for anything.
  await page.getByRole('button', { name: '人员组织正常' }).click();
  await killChromium(proc);

  ({ proc, browser } = await startChromium(profile));
  page = await browser.contexts()[0]!.newPage();
  await page.goto(`${BASE_URL}/`);
  await expect(page.getByTestId('progress-text')).toHaveText(/已完成/);
  const text = await page.getByTestId('progress-text').textContent();
  // The five confirmed ticks survive; the sixth either landed whole or not at all.
  expect(['已完成 5/9', '已完成 6/9']).toContain(text);
  for (const name of ['已参加', '全员到岗', '本班无文件传达', '无薄弱人员']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveClass(/\bon\b/);
  }
  await page.getByRole('button', { name: '无隐患' }).click(); // the database still takes writes
  await expect(page.getByTestId('progress-text')).not.toHaveText(text ?? '');
  await browser.close();
  await killChromium(proc);
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
});

test('two tabs on the same shift: each sees the other, one record, no lost tick', async () => {
  const { context } = await launchPhone();
  const a = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(a);
  const b = await context.newPage();
  await b.goto('/');
  await a.getByRole('button', { name: '已参加', exact: true }).click();
  await expect(b.getByRole('button', { name: '已参加', exact: true })).toHaveClass(/\bon\b/); // live across tabs
  await Promise.all([
    b.getByRole('button', { name: '全员到岗' }).click(),
    a.getByRole('button', { name: '完成安全确认' }).click(),
  ]);
  for (const p of [a, b]) await expect(p.getByTestId('progress-text')).toHaveText('已完成 3/9');
  const rows = await a.evaluate(
    () =>
      new Promise<{ rev: number; dirty: number }[]>((resolve, reject) => {
        const req = indexedDB.open('xiaozhengwei');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('duties').objectStore('duties').getAll();
          get.onsuccess = () => resolve(get.result as { rev: number; dirty: number }[]);
        };
      }),
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]!.rev).toBe(4); // created by the first tick (rev 1, then +1 per tick: 3 ticks → 4)
  expect(rows[0]!.dirty).toBe(1);
  await context.close();
});
