/**
 * Printing the secretary's pages (issue 16.7), in the real browser: the dashboard prints
 * on A4 landscape with every day of a 31-day month inside the page (it used to stop at
 * day 23), 添加班组 (marked noprint) does not print, and every printable page has a 打印
 * button that calls the browser's print (a script file of ours, under the strict CSP).
 */
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { withServerDb } from './helpers';

const SHOTS = resolve(fileURLToPath(new URL('../../', import.meta.url)), '.tmp/shots');
const PASSWORD = 'Shuji-print-password-2026';
let username = '';
const teamIds: string[] = [];

/** A4 landscape in CSS px (96 dpi) less the 10 mm margins of landscape.css: 277 mm × 190 mm. */
const A4_LANDSCAPE_CONTENT = { width: Math.floor((277 / 25.4) * 96), height: Math.floor((190 / 25.4) * 96) };

test.beforeAll(() => {
  withServerDb((db) => {
    const now = Date.now();
    const branch = createBranch(db, `打印测试党支部${now}`, now);
    for (const name of ['综采一队检修班（夜班组）', '掘进二队甲班']) teamIds.push(createTeam(db, branch.id, name, now).id);
    username = `print-${now}`;
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, PASSWORD, now);
  });
});

async function signIn(page: Page): Promise<void> {
  // window.print is the browser's dialog: counted instead, to see the button reach it.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed += 1; };
  });
  await page.goto('/secretary/login');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /打印测试党支部/ })).toBeVisible();
}

async function printButtonPrints(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: /^打印/ });
  await expect(button).toBeVisible();
  await button.click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
}

test('the dashboard prints the whole month on A4 landscape, without the 添加班组 form', async ({ page }) => {
  await signIn(page);
  await page.goto('/secretary/?month=2026-10');
  await printButtonPrints(page);

  // The PDF Chromium makes from the page's own @page rule: A4 landscape (842 × 595 pt).
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
  expect(box, 'a MediaBox in the PDF').not.toBeNull();
  expect(Math.round(Number(box![1]))).toBe(842);
  expect(Math.round(Number(box![2]))).toBe(595);

  // Laid out as printed: the page area of A4 landscape, print media.
  await page.setViewportSize(A4_LANDSCAPE_CONTENT);
  await page.emulateMedia({ media: 'print' });
  const grid = page.getByRole('table', { name: '日跟班完成情况' });
  // The day columns (the 完成/缺失/完成率 count columns before them are th.count).
  const heads = grid.locator('thead th[scope=col]:not(.count)');
  await expect(heads).toHaveCount(31);
  const scroll = await grid.locator('xpath=..').boundingBox();
  for (let d = 0; d < 31; d++) {
    const b = (await heads.nth(d).boundingBox())!;
    expect(await heads.nth(d).textContent()).toBe(String(d + 1));
    // Inside the page and not cut off by the scrolling box around the grid.
    expect(b.x + b.width, `day ${d + 1}`).toBeLessThanOrEqual(A4_LANDSCAPE_CONTENT.width + 0.5);
    expect(b.x + b.width, `day ${d + 1}`).toBeLessThanOrEqual(scroll!.x + scroll!.width + 0.5);
  }
  // The box around the grid scrolls on screen; on paper it must not cut (that cut it at day 23 on A4 portrait).
  expect(await grid.locator('xpath=..').evaluate((el) => getComputedStyle(el).overflowX)).toBe('visible');
  expect(await grid.locator('xpath=..').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  // Every team row is there with a cell for each day.
  for (const id of teamIds) await expect(grid.locator(`tr:has(a[href^="/secretary/team/${id}"]) td:not(.team):not([data-col])`)).toHaveCount(31);
  // noprint: the add-team form, the month navigation and the 打印 button itself.
  await expect(page.locator('form[action="/secretary/teams"]')).toBeHidden();
  await expect(page.getByRole('heading', { name: '添加班组' })).toBeHidden();
  await expect(page.getByRole('heading', { name: '各班组' })).toBeVisible(); // the rest prints
  await expect(page.locator('.monthnav').first()).toBeHidden();
  await expect(page.getByRole('button', { name: /^打印/ })).toBeHidden();
  await expect(page.locator('header.top')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/sec-print-dashboard-a4-landscape.png`, fullPage: true });
});

test('the team page and the A4 report page have a working 打印 button', async ({ page }) => {
  await signIn(page);
  await page.goto(`/secretary/team/${teamIds[0]}?month=2026-10`);
  await printButtonPrints(page);
  await page.goto(`/secretary/print?team=${teamIds[0]}&month=2026-10`);
  await expect(page.getByRole('heading', { name: '班组小政委月度工作汇报' })).toBeVisible();
  await printButtonPrints(page);
  // The report page keeps A4 portrait (210 × 297 mm = 595 × 842 pt).
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)!;
  expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
});
