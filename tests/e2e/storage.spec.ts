import { expect, test } from '@playwright/test';
import { launchPhone, setUpTeam, waitForServiceWorkerControl } from './helpers';
import { BASE_URL } from './playwright.config';

const SHOTS = '.tmp/shots';

test('storage full: a clear zh-CN warning, the tick is not shown as saved, and every earlier unsent entry survives', async () => {
  const first = await launchPhone();
  let page = first.context.pages()[0] ?? (await first.context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await first.context.setOffline(true);
  await page.getByRole('button', { name: '已参加' }).click();
  await expect(page.getByRole('button', { name: '已参加' })).toHaveAttribute('aria-pressed', 'true');
  await first.context.close();

  // The phone runs out of space: Chromium's quota for this origin drops below what is used.
  // It binds databases opened after it, so the browser restarts on the same profile first.
  const { context } = await launchPhone(first.profileDir);
  await context.setOffline(true);
  page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL, quotaSize: 1 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: '已参加' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '全员到岗' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '手机存储空间不足' })).toContainText('已保存的记录不会丢失');
  await expect(page.getByRole('button', { name: '全员到岗' })).not.toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: `${SHOTS}/storage-full.png` });

  // Space is freed: the earlier tick is still there and still waiting to be sent; the next tick saves.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL });
  await page.reload();
  await expect(page.getByRole('button', { name: '已参加' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: /条待发送/ })).toBeVisible();
  await page.getByRole('button', { name: '全员到岗' }).click();
  await expect(page.getByRole('button', { name: '全员到岗' })).toHaveAttribute('aria-pressed', 'true');
  await context.close();
});

test('retention setting: refused out of range in zh-CN, kept across a reload', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await page.goto('/settings');
  const card = page.getByTestId('retention');
  await expect(card.getByLabel('保留天数')).toHaveValue('62');
  await card.getByLabel('保留天数').fill('7');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByRole('alert')).toHaveText('保留天数须在 14 到 3650 天之间');
  await card.getByLabel('保留天数').fill('90');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByRole('status')).toHaveText('✓ 已保存');
  await card.screenshot({ path: `${SHOTS}/retention.png` });
  await page.reload();
  await expect(page.getByTestId('retention').getByLabel('保留天数')).toHaveValue('90');
  await context.close();
});
