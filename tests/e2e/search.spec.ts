/**
 * 我的 → 搜索 (issue 15.15): one box over people, hazards, help records and shift notes, on the
 * phone's own IndexedDB (offline), with filters by person, type and overdue; and the ledger's
 * own filter with overdue items in red and their days overdue.
 */
import { expect, test } from '@playwright/test';
import { launchPhone, setUpTeam, waitForServiceWorkerControl } from './helpers';

test('search finds people, hazards and shift notes offline; filters by type, person and overdue', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+08:00'));
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);

  // Two days ago: a hazard for 李四 due that same day (now 2 days overdue), and a lesson topic.
  await page.getByRole('link', { name: '前一天' }).click();
  await page.getByRole('link', { name: '前一天' }).click();
  await expect(page.getByTestId('shift-day')).toContainText('11月30日');
  await page.getByLabel('教育主题').fill('雨季防治水');
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('3号支架立柱漏液');
  await page.getByLabel('整改责任人').fill('李四');
  await page.getByLabel('整改期限（年）').selectOption('2026');
  await page.getByLabel('整改期限（月）').selectOption('11');
  await page.getByLabel('整改期限（日）').selectOption('30');
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByRole('link', { name: '到隐患台账销号 →' })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole('link', { name: /我的/ }).click();
  await page.getByRole('link', { name: /搜索/ }).click();
  await expect(page.getByRole('heading', { name: '搜索' })).toBeVisible();
  const results = page.getByTestId('search-result');
  await page.getByLabel('搜索', { exact: true }).fill('李四');
  await expect(results).toHaveCount(2);
  await expect(results.nth(0)).toHaveAttribute('data-kind', 'person');
  await expect(results.nth(1)).toHaveAttribute('data-kind', 'hazard');
  await page.getByLabel('类型').selectOption({ label: '隐患' });
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('超期');

  await page.getByLabel('搜索', { exact: true }).fill('防治水');
  await page.getByLabel('类型').selectOption({ label: '全部类型' });
  await expect(results).toHaveCount(1);
  await expect(results.first()).toHaveAttribute('data-kind', 'shift');
  await expect(results.first()).toContainText('2026-11-30');

  await page.getByLabel('搜索', { exact: true }).fill('');
  await page.getByRole('button', { name: '只看超期' }).click();
  await expect(results).toHaveCount(1);
  await page.waitForTimeout(500); // a deliberate second tap, not a glove bounce (tap-guard.ts drops those)
  await page.getByRole('button', { name: '只看超期' }).click();
  await expect(page.getByRole('button', { name: '只看超期' })).toHaveAttribute('aria-pressed', 'false');
  await page.getByLabel('人员').selectOption({ label: '张三' });
  await expect(page.getByTestId('search-count')).toHaveText('共 1 条');
  await page.getByLabel('人员').selectOption({ label: '李四' });
  await expect(results).toHaveCount(2);

  // A hazard result opens the ledger on that item; overdue in red with its days.
  await results.filter({ hasText: '3号支架立柱漏液' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: '隐患/问题台账' })).toBeVisible();
  const item = page.getByTestId('hazard');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('overdue')).toHaveText('⚠ 已超期 2 天');
  await page.getByLabel('在台账中查找').fill('没有这个');
  await expect(item).toHaveCount(0);
  await page.getByLabel('在台账中查找').fill('');
  await page.getByRole('tab', { name: /超期/ }).click();
  await expect(item).toHaveCount(1);
  await context.close();
});
