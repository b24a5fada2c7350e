import { expect, test, type Locator, type Page } from '@playwright/test';
import { setUpTeam } from './helpers';

// Time and date fields are the app's own selects (components/TimeField.tsx, DateField.tsx): 24-hour,
// zh-CN, whole at 390 px whatever the engine's own time/date inputs would print.
const SHOTS = '.tmp/shots';

async function expectInside390(page: Page, field: Locator) {
  const box = (await field.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // Each select is at least as wide as the text it shows (nothing cut off).
  const cut = await field.locator('select').evaluateAll((els) => els.filter((el) => {
    const s = el as HTMLSelectElement;
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(s).font;
    probe.textContent = s.options[s.selectedIndex]?.text ?? '';
    document.body.appendChild(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return w > s.clientWidth;
  }).length);
  expect(cut).toBe(0);
}

test('shift times: 24-hour selects, readable at 390 px, saved as set', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  await page.getByRole('button', { name: '新建班组' }).click(); // the team form follows the found/join choice
  expect(await page.locator('input[type="time"], input[type="date"]').count()).toBe(0);
  const second = page.getByTestId('shift-row').nth(1);
  const end = second.getByRole('group', { name: '结束时间' });
  await expect(end.getByRole('combobox', { name: '结束时间（时）' })).toHaveValue('16');
  await end.getByRole('combobox', { name: '结束时间（分）' }).selectOption('30');
  const third = page.getByTestId('shift-row').nth(2);
  await third.getByRole('group', { name: '开始时间' }).getByRole('combobox', { name: '开始时间（时）' }).selectOption('17');
  for (const f of await page.locator('.dt-field').all()) await expectInside390(page, f);
  await second.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/shift-editor-390.png` });

  // The edited times are what the team keeps: the settings screen reads them back.
  await page.getByLabel('小政委姓名').fill('刘建国');
  await page.getByLabel('区队 / 工区').fill('综采一队');
  await page.getByLabel('班组', { exact: true }).fill('检修班');
  await page.getByRole('button', { name: '下一步：花名册' }).click();
  await page.getByLabel('批量粘贴（一行一人，姓名后可加空格和工种）').fill('张三 采煤机司机');
  await page.getByRole('button', { name: '批量添加' }).click();
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.goto('/settings');
  const saved = page.getByTestId('shift-row').nth(1);
  await expect(saved.getByRole('combobox', { name: '开始时间（时）' })).toHaveValue('08');
  await expect(saved.getByRole('combobox', { name: '结束时间（时）' })).toHaveValue('16');
  await expect(saved.getByRole('combobox', { name: '结束时间（分）' })).toHaveValue('30');
  await expect(page.getByTestId('shift-row').nth(2).getByRole('combobox', { name: '开始时间（时）' })).toHaveValue('17');
});

test('a hazard deadline: 年/月/日 selects, optional, saved as a day', async ({ page }) => {
  await setUpTeam(page);
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  const deadline = page.getByRole('group', { name: '整改期限' });
  await expectInside390(page, deadline);
  await page.getByLabel('隐患或问题').fill('皮带机托辊异响');
  const year = String(new Date().getFullYear() + 1);
  await deadline.getByRole('combobox', { name: '整改期限（年）' }).selectOption(year);
  await deadline.getByRole('combobox', { name: '整改期限（月）' }).selectOption('2');
  await deadline.getByRole('combobox', { name: '整改期限（日）' }).selectOption('28');
  await deadline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/hazard-deadline-390.png` });
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByLabel('隐患或问题')).toBeHidden(); // saved: the shift's form closes
  await page.goto('/hazards');
  await expect(page.getByText(`期限 ${year}-02-28`)).toBeVisible();
});
