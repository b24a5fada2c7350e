/** Issue 15.9 (the branch's words, no records from a visit) and 15.14 (WeChat). */
import { expect, test } from '@playwright/test';
import { launchPhone, setUpTeam } from './helpers';

test('周帮扶 and settings say 帮扶类型, never 隐患类型, and a visit creates no record', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  const pendingRiskTypes = () => page.evaluate(() => new Promise<number>((resolve, reject) => {
    const req = indexedDB.open('xiaozhengwei');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const count = req.result.transaction('riskTypes').objectStore('riskTypes').count();
      count.onsuccess = () => resolve(count.result);
    };
  }));
  await page.goto('/week');
  await expect(page.getByTestId('week-label')).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: /帮扶类型 · 不稳定不安全因素/ })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('隐患类型');
  await page.goto('/week');
  await page.getByRole('button', { name: '管理类型' }).click();
  await expect(page.getByTestId('default-types')).toBeVisible();
  expect(await pendingRiskTypes()).toBe(0); // looking wrote nothing

  // Acting does: the first person helped brings the default types, named 帮扶类型 on the card.
  await page.getByRole('button', { name: '+ 添加帮扶对象' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /王五/ }).click();
  await expect(page.locator('[data-testid="help-record"]')).toContainText('帮扶类型');
  await expect(page.locator('body')).not.toContainText('隐患类型');
  expect(await pendingRiskTypes()).toBeGreaterThan(0);
  await context.close();
});

test.describe('inside WeChat', () => {
  test.use({ userAgent: 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47' });
  test('the banner cannot be closed, 复制链接 copies the address, and setup does not go on silently', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    const banner = page.getByTestId('install-wechat');
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('button', { name: '关闭提示' })).toHaveCount(0);
    await banner.getByRole('button', { name: '复制链接' }).click();
    await expect(banner.getByRole('status')).toContainText('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(new URL('/', page.url()).href);

    // Setup stops at the gate; going on is a deliberate choice, and the banner stays after it.
    await expect(page.getByTestId('wechat-gate')).toBeVisible();
    await expect(page.getByRole('button', { name: '新建班组' })).toHaveCount(0);
    await page.getByRole('button', { name: '仍在微信中继续（不能离线使用）' }).click();
    await expect(page.getByRole('button', { name: '新建班组' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('install-wechat')).toBeVisible();
    await expect(page.getByTestId('wechat-gate')).toBeVisible();
  });
});
