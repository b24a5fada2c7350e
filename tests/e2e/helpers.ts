import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/server/db';
import { createEnrolCode, createTeam, listTeams } from '../../src/server/store';
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS, PORT } from './playwright.config';

/** The SQLite dir of the server the suite started (WAL: a test may read and write it while it runs). */
const SERVER_DATA = fileURLToPath(new URL(`../../.tmp/e2e-data-${PORT}`, import.meta.url));

export function withServerDb<T>(fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(SERVER_DATA);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The first team the server created at its start, with a fresh enrolment code for it. */
export function firstTeamCode(): { teamId: string; code: string } {
  return withServerDb((db) => {
    const team = listTeams(db)[0]!;
    return { teamId: team.id, code: createEnrolCode(db, team.id, Date.now()).code };
  });
}

/**
 * A team of its own in the first branch, with an enrolment code: for a test whose phone leaves
 * records in today's shift (a hazard, a photo) that would reach the next test's phone of the
 * first team when it enrols and pulls (its 无隐患 would then be rightly disabled).
 */
export function ownTeamCode(name: string): { teamId: string; code: string } {
  return withServerDb((db) => {
    const team = createTeam(db, listTeams(db)[0]!.branch_id, name, Date.now());
    return { teamId: team.id, code: createEnrolCode(db, team.id, Date.now()).code };
  });
}

/** A browser with a real profile on disk, so it can be closed and started again (a "restart"). */
export async function launchPhone(profileDir = mkdtempSync(join(tmpdir(), 'xzw-profile-'))) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: BASE_URL,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  });
  return { context, profileDir };
}

/** Every URL the browser asks for, pages and service worker alike. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((r) => navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true }));
    }
  });
  // After the first visit the precache must be complete before we go offline.
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.includes('precache')));
}

/** First run through the UI: team with the 三八制 preset and a pasted roster. */
export async function setUpTeam(page: Page, names = ['张三 采煤机司机', '李四 支架工', '王五 输送机司机', '赵六 电工'], base = '') {
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  await page.getByRole('button', { name: '新建班组' }).click();
  await page.getByLabel('小政委姓名').fill('刘建国');
  await page.getByLabel('区队 / 工区').fill('综采一队');
  await page.getByLabel('班组', { exact: true }).fill('检修班');
  await page.getByRole('button', { name: '下一步：花名册' }).click();
  await page.getByLabel('批量粘贴（一行一人，姓名后可加空格和工种）').fill(names.join('\n'));
  await page.getByRole('button', { name: '批量添加' }).click();
  await expect(page.getByTestId('roster').locator('li')).toHaveCount(names.length);
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByTestId('progress')).toBeVisible();
}

/** Counts the taps a duty takes: every click goes through here. */
export class TapCounter {
  count = 0;
  constructor(private page: Page) {}
  async tap(name: string | RegExp, opts: { exact?: boolean } = {}) {
    this.count++;
    await this.page.getByRole('button', { name, exact: opts.exact ?? true }).first().click();
  }
}

/** Enrols the phone with a code on the 同步 screen, then sends everything it holds. */
export async function enrolAndSendAll(page: Page, code: string): Promise<void> {
  await page.goto('/sync');
  await page.getByLabel(/设备登记码/).fill(code);
  await page.getByRole('button', { name: '登记设备' }).click();
  await expect(page.getByText(/本机登记在/)).toBeVisible();
  await page.getByRole('button', { name: '立即发送' }).click();
  await expect(page.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 20_000 });
}

/** Signs a secretary in through the login form and waits for her branch's dashboard (`branch`: its heading). */
export async function signInSecretary(page: Page, username: string, password: string, branch: RegExp): Promise<void> {
  await page.goto('/secretary/login');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: branch })).toBeVisible();
}
