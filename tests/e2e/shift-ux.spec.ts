/**
 * Issue 15.5, 15.10, 15.13 and the drafts of forms other than the hazard form and the report:
 * undo for destructive taps, the glove bounce, counters instead of silent cutting, weak workers
 * kept from going down, a temporary worker on one shift, and drafts that survive leaving.
 */
import { expect, test, type Page } from '@playwright/test';
import { launchPhone, setUpTeam } from './helpers';

async function phone() {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  return { context, page };
}

const present = (page: Page) => page.getByTestId('present');

test('全员到岗 over two absentees offers 撤销, which brings them back; a double tap on 完成安全确认 keeps it done', async () => {
  const { context, page } = await phone();
  await page.getByRole('button', { name: /有缺勤/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /张三/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /李四/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  await expect(present(page)).toHaveText('2');

  await page.getByRole('button', { name: '全员到岗' }).click();
  await expect(present(page)).toHaveText('4');
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('已清空缺勤名单（2 人）');
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect(present(page)).toHaveText('2');
  await expect(page.getByText('缺勤：张三、李四')).toBeVisible();
  await expect(toast).toHaveCount(0);

  // A glove bounce: two clicks within a moment on the same button count once.
  const safety = page.getByRole('button', { name: /完成安全确认/ });
  await safety.dblclick();
  await expect(safety).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(500);
  await expect(safety).toHaveAttribute('aria-pressed', 'true');
  // Toggling it off on purpose is possible, and offered back.
  await safety.click();
  await expect(safety).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('undo-toast').getByRole('button', { name: '撤销' }).click();
  await expect(safety).toHaveAttribute('aria-pressed', 'true');
  await context.close();
});

test('停止下井/劝返 and rest take a worker off 实到; a temporary worker joins one shift, not the roster', async () => {
  const { context, page } = await phone();
  await page.getByRole('button', { name: '全员到岗' }).click();
  await expect(present(page)).toHaveText('4');
  await page.getByRole('button', { name: '+ 选择人员' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /李四/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  const entry = page.getByTestId('weak-entry');
  await entry.getByRole('button', { name: '酒后' }).click();
  await entry.getByRole('button', { name: '停止下井/劝返' }).click();
  await expect(present(page)).toHaveText('3');
  await expect(page.getByTestId('sent-off')).toContainText('李四');

  await page.getByRole('button', { name: '+ 临时/借调人员' }).click();
  await page.getByLabel('临时人员姓名').fill('钱七');
  await page.getByLabel('临时人员工种').fill('掘进二班借调');
  await page.getByRole('button', { name: '添加到本班' }).click();
  await expect(page.getByTestId('guests')).toContainText('钱七');
  await expect(page.getByTestId('expected')).toHaveText('5');
  await expect(present(page)).toHaveText('4');
  await page.reload();
  await expect(page.getByTestId('expected')).toHaveText('5');
  await expect(present(page)).toHaveText('4');

  // Not in the roster, and not on the next day's shift.
  await page.goto('/settings');
  await expect(page.getByTestId('roster').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('roster')).not.toContainText('钱七');
  await page.goto('/');
  await page.getByRole('link', { name: '后一天' }).click();
  await expect(page.getByTestId('expected')).toHaveText('4');
  await context.close();
});

test('a text past its limit is not cut silently: a counter, a message, and what fits is saved', async () => {
  const { context, page } = await phone();
  await page.getByRole('button', { name: '已参加', exact: true }).click();
  const field = page.getByLabel('早会要求');
  await field.fill('顶'.repeat(150));
  await expect(page.getByText('150/200')).toBeVisible();
  await field.fill('顶'.repeat(205));
  await expect(field).toHaveValue('顶'.repeat(205)); // nothing cut on screen
  await expect(page.getByRole('alert').filter({ hasText: '超出 5 字（最多 200 字）' })).toBeVisible();
  await page.waitForTimeout(300);
  await page.reload();
  await expect(page.getByLabel('早会要求')).toHaveValue('顶'.repeat(200));

  // A document title (limit 100) is refused with the message, not cut.
  const doc = page.getByLabel('文件名称或文号');
  await doc.fill('文'.repeat(101));
  await expect(page.getByRole('alert').filter({ hasText: '超出 1 字（最多 100 字）' })).toBeVisible();
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(doc).toHaveValue('文'.repeat(101));
  await expect(page.locator('#sec-documents li')).toHaveCount(0);
  await context.close();
});

test('forms saved by a final tap keep their drafts through back, another tab and a reload', async () => {
  const { context, page } = await phone();
  // Shift screen: a document title and a temporary worker being typed.
  await page.getByLabel('文件名称或文号').fill('关于雨季三防的通知');
  await page.getByRole('button', { name: '+ 临时/借调人员' }).click();
  await page.getByLabel('临时人员姓名').fill('钱七');
  await page.getByRole('link', { name: /隐患/ }).last().click();
  await page.goBack();
  await expect(page.getByLabel('文件名称或文号')).toHaveValue('关于雨季三防的通知');
  await expect(page.getByLabel('临时人员姓名')).toHaveValue('钱七');

  // People: a hardship entry half typed, then another tab, then a reload.
  await page.goto('/people');
  await page.getByRole('button', { name: '+ 登记困难帮扶' }).click();
  await page.getByLabel('困难类型').fill('子女上学');
  await page.getByRole('link', { name: /月汇报/ }).click();
  await page.getByRole('link', { name: /周帮扶/ }).click();
  await page.goto('/people');
  await expect(page.getByLabel('困难类型')).toHaveValue('子女上学');
  await page.reload();
  await expect(page.getByLabel('困难类型')).toHaveValue('子女上学');
  await page.getByRole('button', { name: '取消' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: '+ 登记困难帮扶' })).toBeVisible();

  // Settings: the team form.
  await page.goto('/settings');
  await page.getByLabel('班组', { exact: true }).fill('检修二班');
  await page.goto('/more');
  await page.goto('/settings');
  await expect(page.getByLabel('班组', { exact: true })).toHaveValue('检修二班');
  await context.close();
});
