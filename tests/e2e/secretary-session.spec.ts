/**
 * The secretary's account in a real browser against the real server: the first sign-in with
 * a one-time password must set a new one (and the one-time password is dead after), and a
 * review typed into a session that expired is there again after signing in, not saved until
 * 保存评分 is pressed again. Accounts and data are made directly in the server's SQLite file.
 */
import { expect, test, type Page } from '@playwright/test';
import { generateTeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { today } from '../../src/server/secretary/params';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { DEFAULT_RUBRIC } from '../../src/server/secretary/rubric';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { withServerDb } from './helpers';

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('the first sign-in with a one-time password sets a new one; the one-time password stops working', async ({ page }) => {
  const username = `first-${Date.now()}`;
  const oneTime = withServerDb((db) => createSecretary(db, createBranch(db, '掘进二队党支部', Date.now()).id, username, Date.now()).password);
  await page.goto('/secretary/login');
  await signIn(page, username, oneTime);
  await expect(page.getByRole('heading', { name: '首次登录：请设置新密码' })).toBeVisible();
  // Nothing else opens before the new password is set.
  await page.goto('/secretary/');
  await expect(page).toHaveURL(/\/secretary\/password$/);

  await page.getByLabel('一次性密码').fill(oneTime);
  await page.getByLabel(/^新密码/).fill('woaini1314');
  await page.getByLabel('再次输入新密码').fill('woaini1314');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expect(page.getByRole('alert')).toContainText('这个密码太常见');

  await page.getByLabel('一次性密码').fill(oneTime);
  await page.getByLabel(/^新密码/).fill('Juejin-erdui-2026');
  await page.getByLabel('再次输入新密码').fill('Juejin-erdui-2026');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expect(page.getByRole('heading', { name: /掘进二队党支部/ })).toBeVisible();

  await page.getByRole('button', { name: /退出/ }).click();
  await expect(page).toHaveURL(/\/secretary\/login$/);
  await signIn(page, username, oneTime);
  await expect(page.getByRole('alert')).toHaveText('账号或密码不正确');
  await signIn(page, username, 'Juejin-erdui-2026');
  await expect(page.getByRole('heading', { name: /掘进二队党支部/ })).toBeVisible();
});

test('a review typed into an expired session is there after signing in again, and saves with 保存评分', async ({ page }) => {
  const username = `review-${Date.now()}`;
  const password = 'Review-own-password-1';
  const { reportId, accountId } = withServerDb((db) => {
    const now = Date.now();
    const branch = createBranch(db, '机运队党支部', now);
    const team = createTeam(db, branch.id, '机运队运输班', now);
    seedTeam(db, team, generateTeamData({ seed: 21, months: 2, workers: 8, endDay: today(now) }), { now, today: today(now), reportMonths: 1 });
    const account = createSecretary(db, branch.id, username, now);
    setOwnPassword(db, account.id, password, now);
    const report = db.prepare("SELECT id FROM records WHERE tbl = 'reports' AND team_id = ?").get(team.id) as { id: string };
    return { reportId: report.id, accountId: account.id };
  });
  await page.goto('/secretary/login');
  await signIn(page, username, password);
  await expect(page.getByRole('heading', { name: /机运队党支部/ })).toBeVisible();

  await page.goto(`/secretary/report/${reportId}`);
  const item = DEFAULT_RUBRIC[0]!;
  const feedback = '运输班交接记录清楚，下月重点抓斜巷跟车安全。';
  // Every item is required (some have no suggested score): she scores them all.
  for (const i of DEFAULT_RUBRIC) await page.getByLabel(i.name, { exact: true }).fill(i === item ? '7.5' : String(Math.floor(i.points / 2)));
  await page.getByLabel('反馈意见').fill(feedback);
  // The session ends while she types (12 hours passed, or an admin ended it).
  withServerDb((db) => db.prepare('DELETE FROM sessions WHERE secretary_id = ?').run(accountId));
  await page.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByRole('heading', { name: '未登录或登录已过期' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('暂存 30 分钟');

  await page.getByRole('link', { name: '重新登录' }).click();
  await signIn(page, username, password);
  await expect(page).toHaveURL(new RegExp(`/secretary/report/${reportId}$`));
  await expect(page.getByRole('status')).toContainText('已恢复登录过期前填写的内容');
  await expect(page.getByLabel('反馈意见')).toHaveValue(feedback);
  await expect(page.getByLabel(item.name, { exact: true })).toHaveValue('7.5');
  // Filled in, not saved: nothing is stored until she presses 保存评分 again.
  expect(withServerDb((db) => db.prepare('SELECT COUNT(*) AS n FROM reviews WHERE report_id = ?').get(reportId))).toEqual({ n: 0 });
  await page.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByRole('status')).toContainText('评分已保存');
  expect(withServerDb((db) => db.prepare('SELECT feedback FROM reviews WHERE report_id = ?').get(reportId))).toEqual({ feedback });
});
