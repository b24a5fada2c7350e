/**
 * The branch secretary's side in a real browser against the real server: sign-in,
 * dashboard, enrolment code with QR, and the round trip of a report — the phone submits,
 * the secretary scores it on the web, the phone shows score, feedback and the adopted
 * 金点子 after its next sync. Accounts are made directly in the server's SQLite file.
 */
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monthKey, localDay } from '../../src/domain/calendar';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { launchPhone, setUpTeam, withServerDb } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = resolve(ROOT, '.tmp/shots');
let password = '';
let username = '';
let teamId = '';

test.beforeAll(() => {
  withServerDb((db) => {
    const now = Date.now();
    const branch = createBranch(db, '综采一队党支部', now);
    teamId = createTeam(db, branch.id, '综采一队检修班', now).id;
    username = `sec-${now}`; // the SQLite dir is fresh per run, the name is unique anyway
    // Her own password, as her first sign-in sets it (that forced change is secretary-session.spec.ts).
    password = 'Shuji-own-password-2026';
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, password, now);
  });
});

async function signIn(page: Page): Promise<void> {
  await page.goto('/secretary/');
  await expect(page).toHaveURL(/\/secretary\/login$/);
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /综采一队党支部/ })).toBeVisible();
}

test('sign-in refuses a wrong password, then opens the dashboard; sign-out closes it', async ({ page }) => {
  await page.goto('/secretary/login');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('账号或密码不正确');
  await signIn(page);
  await expect(page.getByRole('table', { name: '日跟班完成情况' })).toBeVisible();
  await expect(page.getByRole('link', { name: '综采一队检修班' }).first()).toBeVisible();
  // The month's report is not yet due (issue 16.1: no red 未提交 before the due day).
  await expect(page.locator('.card').filter({ hasText: '综采一队检修班' })).toContainText('未到期');
  await page.screenshot({ path: `${SHOTS}/sec-e2e-dashboard-390.png`, fullPage: true });
  await page.getByRole('button', { name: /退出/ }).click();
  await expect(page).toHaveURL(/\/secretary\/login$/);
  await page.goto('/secretary/');
  await expect(page).toHaveURL(/\/secretary\/login$/);
});

test('the code page: a new code is shown once; reloading makes no code and lists it masked with 作废', async ({ page }) => {
  await signIn(page);
  await page.goto(`/secretary/team/${teamId}`);
  const count = () => withServerDb((db) => (db.prepare('SELECT COUNT(*) AS n FROM enrolment_codes WHERE team_id = ?').get(teamId) as { n: number }).n);
  const before = count();
  await page.getByRole('button', { name: '生成设备登记码' }).click();
  const code = (await page.getByTestId('enrol-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{8}$/);
  await page.reload();
  await expect(page.getByRole('heading', { name: '有效的登记码' })).toBeVisible();
  await expect(page.getByTestId('enrol-code')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `作废 ******${code.slice(-2)}` })).toBeVisible();
  expect(count()).toBe(before + 1);
  await page.getByRole('button', { name: `作废 ******${code.slice(-2)}` }).click();
  await expect(page.getByRole('button', { name: `作废 ******${code.slice(-2)}` })).toHaveCount(0);
  expect(count()).toBe(before + 1);
});

test('a report goes phone → secretary (score, feedback, adopted idea) → phone', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto(`/secretary/team/${teamId}`);
  await page.getByRole('button', { name: '生成设备登记码' }).click();
  const code = (await page.getByTestId('enrol-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{8}$/);
  await expect(page.getByRole('img', { name: /登记二维码/ })).toBeVisible();

  const { context } = await launchPhone();
  const phone = await context.newPage();
  await setUpTeam(phone);
  await phone.goto('/enrol');
  await phone.getByLabel(/设备登记码/).fill(code);
  await phone.getByRole('button', { name: '登记设备' }).click();
  // The form gives way to the enrolled state at once (its 登记成功 message may not stay).
  await expect(phone.getByText('本机登记在：综采一队党支部 · 综采一队检修班')).toBeVisible();

  const month = monthKey(localDay(Date.now(), 'Asia/Shanghai'));
  await phone.goto(`/report/${month}`);
  await phone.getByLabel('回头看').first().fill('本月班前会流程执行到位。');
  await phone.getByLabel('班组管理进展').first().fill('安全生产平稳。');
  await phone.getByRole('button', { name: '+ 添加一条工作重点' }).click();
  await phone.getByLabel('次月工作重点第1条').fill('雨季防治水教育');
  await phone.getByRole('button', { name: '+ 添加金点子' }).click();
  await phone.getByLabel('金点子1标题').fill('班前一人一题');
  await phone.getByLabel('金点子1内容').fill('随机抽一名职工复述当班风险点');
  await phone.getByLabel('金点子1预期效果').fill('人人会辨识风险');
  await phone.getByRole('button', { name: '提交月汇报' }).click();
  await expect(phone.getByTestId('submitted-msg')).toBeVisible();

  // The phone sends when it can; the secretary sees 已提交 once it has arrived.
  await expect.poll(async () => {
    await phone.goto('/sync');
    await phone.getByRole('button', { name: '立即发送' }).click().catch(() => undefined);
    await page.goto('/secretary/');
    return page.locator('.card').filter({ hasText: '综采一队检修班' }).textContent();
  }, { timeout: 60_000 }).toContain('已提交');

  await page.locator('.card').filter({ hasText: '综采一队检修班' }).getByRole('link', { name: '查看' }).click();
  await expect(page.getByRole('heading', { name: /月度工作汇报/ })).toBeVisible();
  await page.getByLabel('汇报质量').fill('18');
  await page.getByLabel('反馈意见').fill('回头看具体，继续保持。');
  await page.getByLabel(/班前一人一题/).check();
  await page.screenshot({ path: `${SHOTS}/sec-e2e-review-390.png`, fullPage: true });
  await page.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByRole('status')).toContainText('评分已保存');
  const total = await page.locator('p.muted').filter({ hasText: '上次评分' }).textContent();
  const score = /上次评分：([\d.]+) 分/.exec(total ?? '')![1]!;

  await expect.poll(async () => {
    await phone.goto('/sync');
    await phone.getByRole('button', { name: '立即发送' }).click().catch(() => undefined);
    await phone.goto(`/report/${month}`);
    return (await phone.getByTestId('review').textContent().catch(() => '')) ?? '';
  }, { timeout: 60_000 }).toContain('回头看具体，继续保持。');
  const review = phone.getByTestId('review');
  await expect(review.locator('.score')).toHaveText(score);
  await expect(review).toContainText('采纳的金点子：班前一人一题');
  await context.close();

  await page.goto('/secretary/');
  await expect(page.locator('.card').filter({ hasText: '综采一队检修班' })).toContainText('已评分');
});
