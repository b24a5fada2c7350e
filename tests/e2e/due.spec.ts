/**
 * The due rule in the browser (issue 15.6, 15.8, 16.1): the phone opens at 07:30 on 八点班,
 * whose 班前会 is due, not on the ending 零点班; a 倒班 set in 设置 limits 往日记录 to the
 * shift worked; a team set up on the 2nd is not told last month's report is owed, cannot
 * submit one, and cannot fill a future week; the secretary at 05:08 on 2 Dec sees no ✕ for
 * the 2nd, none before a team created that day, and an xlsx rate that leaves today out.
 */
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, addMonths, addWeeks, isoWeekKey, localDay, monthKey, monthLabel } from '../../src/domain/calendar';
import { startServer, type RunningServer } from '../../src/server/app';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { generateTeamData } from '../fixtures/generate';
import { launchPhone, setUpTeam } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const thisMonth = monthKey(localDay(Date.now(), 'Asia/Shanghai'));
const day2 = `${thisMonth}-02`;
const selectedTab = (page: Page) => page.getByRole('tablist', { name: '班次' }).getByRole('tab', { selected: true });

test('15.6: at 07:30 the app opens on 八点班 (its 班前会), and a 倒班 limits 往日记录 to the shift worked', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.clock.setFixedTime(new Date(`${addDays(day2, 7)}T07:30:00+08:00`));
  await setUpTeam(page);
  await expect(selectedTab(page)).toHaveText('八点班');
  await expect(page.getByTestId('progress')).toContainText('八点班（08:00–16:00）');

  // 固定四点班: 往日记录 lists only 四点班 each day; at 07:30 the app opens on last night's 四点班.
  await page.goto('/settings');
  const rota = page.getByTestId('rota');
  await rota.getByRole('button', { name: '固定一个班' }).click();
  await rota.getByRole('button', { name: '四点班', exact: true }).click();
  await rota.getByRole('button', { name: '保存倒班' }).click();
  await expect(rota).toContainText('当前：固定四点班');
  await page.goto('/history');
  const today = addDays(day2, 7);
  await expect(page.getByTestId(`day-${today}-s3`)).toBeVisible();
  await expect(page.getByTestId(`day-${today}-s1`)).toHaveCount(0);
  await expect(page.getByTestId(`day-${today}-s2`)).toHaveCount(0);
  await page.goto('/');
  await expect(selectedTab(page)).toHaveText('四点班');
  const yesterday = addDays(today, -1);
  await expect(page.getByTestId('shift-day')).toContainText(`${Number(yesterday.slice(5, 7))}月${Number(yesterday.slice(8))}日`);
  await context.close();
});

test('15.8: a team set up on the 2nd owes no report for last month and cannot fill a future week', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.clock.setFixedTime(new Date(`${day2}T10:00:00+08:00`));
  await setUpTeam(page);
  const lastMonth = addMonths(thisMonth, -1);
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByTestId('report-due')).toHaveCount(0);
  await page.goto(`/report/${lastMonth}`);
  await expect(page.getByTestId('report-month')).toHaveText(`${monthLabel(lastMonth)} 月汇报`);
  await expect(page.getByTestId('report-not-due')).toBeVisible();
  await expect(page.getByRole('button', { name: /提交/ })).toHaveCount(0);
  const future = addWeeks(isoWeekKey(day2), 1);
  await page.goto(`/week/${future}`);
  await expect(page.getByTestId('week-not-due')).toContainText('还没有开始');
  await expect(page.getByRole('button', { name: '+ 添加帮扶对象' })).toHaveCount(0);
  await page.goto(`/week/${isoWeekKey(day2)}`);
  await expect(page.getByRole('button', { name: '+ 添加帮扶对象' })).toBeVisible();
  await context.close();
});

test.describe('16.1: the secretary at 05:08 on 2 Dec', () => {
  const NOW = Date.parse('2026-12-02T05:08:00+08:00');
  let server: RunningServer;
  let dir: string;
  let old: TeamRow;
  let fresh: TeamRow;
  const password = 'Shuji-own-password-2026';

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xzw-due-'));
    // Its own server: the suite's runs on the real clock; this one's clock is fixed.
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), distDir: resolve(ROOT, 'dist'), clock: () => NOW });
    const at = Date.parse('2026-10-01T08:00:00+08:00');
    const branch = createBranch(server.db, '综采一队党支部', at);
    old = createTeam(server.db, branch.id, '甲班', at);
    seedTeam(server.db, old, generateTeamData({ seed: 3, months: 2, workers: 8, endDay: '2026-12-01' }), { now: at, today: '2026-12-01' });
    fresh = createTeam(server.db, branch.id, '丙班', Date.parse('2026-12-02T05:00:00+08:00'));
    setOwnPassword(server.db, createSecretary(server.db, branch.id, 'shuji', at).id, password, at);
  });
  test.afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('nothing of the 2nd is ✕, a team created today has no ✕, the xlsx rate leaves today out', async ({ page }) => {
    await page.goto(`${server.url}/secretary/login`);
    await page.getByLabel('账号').fill('shuji');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    const grid = page.getByRole('table', { name: '日跟班完成情况' });
    await expect(grid).toBeVisible();
    const row = (t: TeamRow) => grid.locator(`tr[data-team="${t.id}"]`);
    // Day cells follow the team name and its three count columns.
    const dayCell = (t: TeamRow, d: number) => row(t).locator('td').nth(3 + d);
    await expect(dayCell(old, 2)).toHaveAttribute('title', '2026-12-02 进行中');
    await expect(dayCell(old, 2)).not.toContainText('✕');
    await expect(dayCell(fresh, 1)).toHaveAttribute('title', '2026-12-01 班组未建立');
    await expect(row(fresh)).not.toContainText('✕');
    // The 未完成 list names today's shift with its due day and links to the reminder page.
    const todo = page.getByRole('table', { name: '未完成' });
    await expect(todo.locator(`tr[data-team="${fresh.id}"]`).first()).toContainText('今日日跟班（12月2日）');
    await expect(todo.getByRole('link', { name: '提醒' }).first()).toHaveAttribute('href', /\/secretary\/remind\?teams=/);
    // A day cell opens that day of the team.
    await dayCell(old, 1).getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/secretary/team/${old.id}\\?month=2026-12&day=2026-12-01#day`));
    await expect(page.getByRole('heading', { name: '2026-12-01 的记录' })).toBeVisible();

    const res = await page.request.get(`${server.url}/secretary/export/branch.xlsx?month=2026-12`);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.body()) as unknown as ArrayBuffer);
    const rate = new Map<string, number>();
    wb.worksheets[0]!.eachRow((r, i) => { if (i > 1) rate.set(String(r.getCell(1).value), Number(r.getCell(5).value)); });
    // 甲班 did 1 Dec in full; today's unfinished shift does not halve that to 50 %.
    expect(rate.get('甲班')).toBe(1);
  });
});
