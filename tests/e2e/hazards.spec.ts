/**
 * The 隐患/问题 ledger on the phone (issue 15.2, 15.3, 15.4, 15.11): age counted to today, a
 * draft that survives back, tab switch and reload, corrections with history, withdrawing a
 * mistaken entry with a reason (left out of the figures, sent to the server), the deadline
 * rule and messages that follow the form.
 */
import { expect, test, type Page } from '@playwright/test';
import { seedIndexedDb } from '../fixtures/report-data';
import { enrolAndSendAll, launchPhone, ownTeamCode, setUpTeam, withServerDb } from './helpers';

/** 10:00 on 2026-12-02 in the team's zone: 八点班 is the current shift. */
const NOW = new Date('2026-12-02T10:00:00+08:00');

async function phoneAt(now: Date | null): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  if (now) await page.clock.setFixedTime(now);
  await setUpTeam(page);
  return { page, close: () => context.close() };
}

async function pickDeadline(page: Page, y: number, m: number, d: number) {
  await page.getByLabel('整改期限（年）').selectOption(String(y));
  await page.getByLabel('整改期限（月）').selectOption(String(m));
  await page.getByLabel('整改期限（日）').selectOption(String(d));
}

test('15.2: the report counts an open hazard\'s age to today, as the secretary\'s dashboard does', async () => {
  const { page, close } = await phoneAt(NOW);
  await page.getByRole('link', { name: '前一天' }).click();
  await expect(page.getByTestId('shift-day')).toContainText('12月1日');
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('3号支架立柱漏液');
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  const toLedger = page.getByRole('link', { name: '到隐患台账销号 →' });
  await expect(toLedger).toBeVisible();
  await page.goto('/report');
  const oldest = page.getByTestId('figures').locator('li', { hasText: '3号支架立柱漏液' });
  await expect(oldest).toContainText('2026-12-01 发现 · 已 1 天');
  await page.goBack();
  const box = (await toLedger.boundingBox())!;
  expect([box.width >= 44, box.height >= 44]).toEqual([true, true]); // issue 15.12: was 148×26
  await close();
});

test('15.3: the hazard form keeps its draft across back, a tab switch and a reload', async () => {
  const { page, close } = await phoneAt(null);
  // On the ledger.
  await page.getByRole('link', { name: /隐患/ }).click();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('皮带机尾积煤');
  await page.getByLabel('整改责任人').fill('王五');
  await page.goBack();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel('隐患或问题')).toHaveValue('皮带机尾积煤');
  await page.getByRole('link', { name: /周帮扶/ }).click();
  await page.getByRole('link', { name: /隐患/ }).click();
  await expect(page.getByLabel('隐患或问题')).toHaveValue('皮带机尾积煤');
  await page.reload();
  await expect(page.getByLabel('隐患或问题')).toHaveValue('皮带机尾积煤');
  await expect(page.getByLabel('整改责任人')).toHaveValue('王五');
  // Saved: the draft is gone, the item is in the ledger.
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByTestId('hazard')).toHaveCount(1);
  await expect(page.getByLabel('隐患或问题')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('hazard')).toHaveCount(1);
  await expect(page.getByLabel('隐患或问题')).toHaveCount(0);

  // On the shift screen: leaving for another tab and coming back keeps it too.
  await page.getByRole('link', { name: /日跟班/ }).click();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('风筒破损漏风');
  await page.getByRole('link', { name: '月汇报', exact: true }).click();
  await page.getByRole('link', { name: /日跟班/ }).click();
  await expect(page.getByLabel('隐患或问题')).toHaveValue('风筒破损漏风');
  await close();
});

test('15.4: a registered hazard can be corrected (history kept) and a mistaken one withdrawn with a reason, out of the figures', async () => {
  test.setTimeout(90_000);
  const { page, close } = await phoneAt(null);
  await page.getByRole('link', { name: /隐患/ }).click();
  for (const text of ['皮带机托辊异向', '测试一下']) {
    await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
    await page.getByLabel('隐患或问题').fill(text);
    await page.getByRole('button', { name: '登记隐患', exact: true }).click();
    await expect(page.getByTestId('hazard').filter({ hasText: text })).toBeVisible();
  }
  const typo = page.getByTestId('hazard').filter({ hasText: '皮带机托辊异向' });
  await typo.getByRole('button', { name: '修改' }).click();
  await typo.getByLabel('隐患或问题').fill('皮带机托辊异响');
  await typo.getByLabel('整改责任人').fill('李四');
  await typo.getByLabel('类别').selectOption({ label: '机电' });
  await typo.getByRole('button', { name: '保存修改' }).click();
  const fixed = page.getByTestId('hazard').filter({ hasText: '皮带机托辊异响' });
  await expect(fixed).toContainText('责任人 李四');
  await expect(fixed).toContainText('机电');
  const expander = fixed.getByText('处理记录（1）');
  expect((await expander.boundingBox())!.height).toBeGreaterThanOrEqual(44); // issue 15.12: was 26 px high
  await expander.click();
  await expect(fixed).toContainText('修改');
  await expect(fixed).toContainText('内容 “皮带机托辊异向” → “皮带机托辊异响”');

  const mistaken = page.getByTestId('hazard').filter({ hasText: '测试一下' });
  await mistaken.getByRole('button', { name: '删除' }).click();
  await mistaken.getByRole('button', { name: '确认删除' }).click();
  await expect(mistaken.getByRole('alert')).toHaveText('请填写删除原因');
  await mistaken.getByLabel('说明').fill('测试数据，误登记');
  await mistaken.getByRole('button', { name: '确认删除' }).click();
  await expect(page.getByTestId('hazard')).toHaveCount(1);

  await page.goto('/report');
  await expect(page.getByTestId('fig-found').getByTestId('fig-value')).toHaveText('1');
  await expect(page.getByTestId('fig-open').getByTestId('fig-value')).toHaveText('1');

  // The tombstone and its reason reach the server, for the secretary's ledger.
  const { teamId, code } = ownTeamCode('隐患班组');
  await enrolAndSendAll(page, code);
  const rows = withServerDb((db) => db.prepare("SELECT deleted, body FROM records WHERE tbl = 'hazards' AND team_id = ?").all(teamId) as { deleted: number; body: string }[]);
  const withdrawn = rows.map((r) => ({ column: r.deleted, ...(JSON.parse(r.body) as { description: string; deleteReason?: string }) }))
    .filter((r) => r.description === '测试一下');
  expect(withdrawn.map((r) => [r.column, r.deleteReason])).toEqual([[1, '测试数据，误登记']]);
  await close();
});

test('15.11: a deadline before the discovery day is refused; messages follow the form', async () => {
  const { page, close } = await phoneAt(NOW);
  await page.getByRole('link', { name: /隐患/ }).click();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('请填写隐患描述');
  await page.getByLabel('隐患或问题').fill('电缆吊挂不规范');
  await expect(page.getByRole('alert')).toHaveCount(0); // filled: the message goes at once

  await pickDeadline(page, 2026, 12, 1);
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('整改期限不能早于发现日期（2026-12-02）');
  await expect(page.getByTestId('hazard')).toHaveCount(0);
  await pickDeadline(page, 2026, 12, 2);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await pickDeadline(page, 2026, 11, 20);
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await pickDeadline(page, 2026, 12, 5);
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByTestId('hazard')).toContainText('期限 2026-12-05');
  await close();
});

test('15.11: once the report is sent, no 待发送 under 已提交，已发送', async () => {
  test.setTimeout(90_000);
  const { page, close } = await phoneAt(null);
  const { code } = ownTeamCode('隐患汇报班组');
  await enrolAndSendAll(page, code);
  await page.goto('/report');
  await page.getByLabel('回头看', { exact: true }).fill('本月跟班正常。');
  await page.getByLabel('班组管理进展', { exact: true }).fill('安全生产平稳。');
  await page.getByRole('button', { name: '+ 添加一条工作重点' }).click();
  await page.getByLabel('次月工作重点第1条').fill('雨季防治水教育');
  await page.getByRole('button', { name: '提交月汇报' }).click();
  await expect(page.getByTestId('submitted-msg')).toBeVisible();
  await expect(page.getByTestId('status-label')).toHaveText('已提交，已发送', { timeout: 30_000 });
  // The report screen (review) words it as sent; what matters here: no 待发送 once sent.
  await expect(page.getByTestId('submitted-msg')).toHaveText('✓ 第1版已提交，已发送给党支部。');
  await expect(page.getByTestId('submitted-msg')).not.toContainText('待发送');
  await close();
});

test('15.4: where the branch asks for 复查, 销号 waits for it; the branch lists are offered', async () => {
  const { page, close } = await phoneAt(null);
  // As the sync engine stores a pulled config entry.
  await seedIndexedDb(page, { settings: [{ key: 'sync.config:hazardLists', value: { updatedAt: 1, value: {
    reviewBeforeClose: true,
    categories: [{ id: 'k1', name: '采掘', retired: false, order: 0 }, { id: 'k0', name: '已停用类别', retired: true, order: 1 }],
    severities: [{ id: 'v1', name: 'C级', retired: false, order: 0 }, { id: 'v2', name: 'A级', retired: false, order: 1 }],
  } } }] });
  await page.goto('/hazards');
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('工作面端头支护不到位');
  await expect(page.getByLabel('类别').locator('option')).toHaveText(['未选', '采掘']);
  await page.getByLabel('类别').selectOption({ label: '采掘' });
  await page.getByLabel('等级').selectOption({ label: 'A级' });
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  const item = page.getByTestId('hazard');
  await expect(item).toContainText('采掘 · A级');
  await expect(item.getByRole('button', { name: '销号' })).toBeDisabled();
  await expect(item).toContainText('本支部要求先复查合格再销号');
  await item.getByRole('button', { name: '复查' }).click();
  await item.getByLabel('说明').fill('王班长复查合格');
  await item.getByRole('button', { name: '确认复查合格' }).click();
  await expect(item).toContainText('已复查');
  await item.getByRole('button', { name: '销号' }).click();
  await item.getByRole('button', { name: '确认销号' }).click();
  await page.getByRole('tab', { name: '全部' }).click();
  await expect(item).toHaveAttribute('data-status', 'closed');
  await item.getByText('处理记录（2）').click();
  await expect(item.locator('li')).toHaveText([/复查：王班长复查合格/, /销号/]);
  await close();
});
