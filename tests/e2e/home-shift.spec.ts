/**
 * The home screen (/) at the hand-over: the shift the instructor is filling in stays under her
 * fingers when the clock reaches the next shift's 班前会; the next shift is offered, and taken
 * on a tap, on a new visit of the home screen, or when the phone comes out of the pocket.
 */
import { expect, test } from '@playwright/test';
import { launchPhone, setUpTeam } from './helpers';

test('at the hand-over the shift being filled in stays, 已到四点班 is offered and opened on a tap or a new visit', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  // 14:50 in the team's zone: 八点班 (08:00–16:00); 四点班's 班前会 begins at 15:00 (an hour before 16:00).
  await page.clock.install({ time: new Date('2026-12-02T14:50:00+08:00') });
  await setUpTeam(page);
  const card = page.getByTestId('progress');
  await expect(card).toContainText('八点班');
  await expect(page.getByText('当前班', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('皮带机尾积煤');

  await page.clock.fastForward('15:00'); // 15 minutes: 15:05
  const next = page.getByTestId('next-shift');
  await expect(next).toContainText('已到四点班');
  await page.getByLabel('隐患或问题').fill('皮带机尾积煤，已清理一半'); // still typing: the same form
  await expect(card).toContainText('八点班');
  await expect(page.getByText('当前班', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByRole('link', { name: '到隐患台账销号 →' })).toBeVisible();
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: '.tmp/shots/home-next-shift.png' });

  await next.getByRole('button', { name: '打开四点班' }).click();
  await expect(card).toContainText('四点班');
  await expect(next).toHaveCount(0);
  await expect(page.getByText('当前班', { exact: true })).toBeVisible();

  // At 00:05 the next day 零点班 runs; a new visit of the home screen opens on it.
  await page.clock.fastForward('09:00:00');
  await expect(next).toContainText('已到零点班');
  const menu = page.getByRole('navigation', { name: '主菜单' });
  await menu.getByRole('link', { name: '我的' }).click();
  await expect(page).toHaveURL(/\/more$/);
  await menu.getByRole('link', { name: '日跟班' }).click();
  await expect(card).toContainText('零点班');
  await expect(next).toHaveCount(0);

  // Five minutes and more in the pocket: the phone comes back on the shift of its time (07:05: 八点班).
  await page.clock.fastForward('07:00:00');
  await expect(next).toContainText('已到八点班');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward('06:00'); // 6 minutes hidden
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(card).toContainText('八点班');
  await expect(next).toHaveCount(0);
  await context.close();
});
