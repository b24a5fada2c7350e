/**
 * Issue 15.1, 16.4 and 16.5 in the browser against the real server, one report's story:
 * the phone submits, the secretary scores; a shift and a hazard added afterwards make the
 * phone say 数据已变化 (figure by figure) and offer 重新提交; the new figures reach the
 * secretary as 待复评 with a diff against the scored revision, and revision 1 still opens.
 * Then the rubric changes (月汇报按时 15 → 10): the old score is re-saved under its own
 * rubric and printed with it; a rubric with a repeated name or a total other than 100 is refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { monthKey, localDay } from '../../src/domain/calendar';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { launchPhone, setUpTeam, withServerDb, signInSecretary } from './helpers';

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'Shuji-own-password-2026';
const TEAM = '综采二队检修班';
let username = '';
let teamId = '';
let reportUrl = '';
const month = monthKey(localDay(Date.now(), 'Asia/Shanghai'));

test.beforeAll(() => {
  withServerDb((db) => {
    const now = Date.now();
    const branch = createBranch(db, '综采二队党支部', now);
    teamId = createTeam(db, branch.id, TEAM, now).id;
    username = `rereview-${now}`;
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, PASSWORD, now);
  });
});

const signIn = (page: Page) => signInSecretary(page, username, PASSWORD, /综采二队党支部/);

/** Sends what the phone holds, then reads the team's card on the dashboard until it says `text`. */
async function sendUntilCardSays(phone: Page, page: Page, text: string): Promise<void> {
  await expect.poll(async () => {
    await phone.goto('/sync');
    await phone.getByRole('button', { name: '立即发送' }).click().catch(() => undefined);
    await page.goto(`/secretary/?month=${month}`);
    return page.locator('.card').filter({ hasText: TEAM }).textContent();
  }, { timeout: 60_000 }).toContain(text);
}

test('15.1: entries after submitting make the report 数据已变化; 重新提交 brings the new figures to the secretary as 待复评', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto(`/secretary/team/${teamId}`);
  await page.getByRole('button', { name: '生成设备登记码' }).click();
  const code = (await page.getByTestId('enrol-code').textContent())!.trim();

  const { context } = await launchPhone();
  const phone = await context.newPage();
  await setUpTeam(phone);
  await phone.goto('/enrol');
  await phone.getByLabel(/设备登记码/).fill(code);
  await phone.getByRole('button', { name: '登记设备' }).click();
  await expect(phone.getByText(/本机登记在/)).toBeVisible();

  // Submit the month with no entries yet: 跟班 0, 发现隐患 0.
  await phone.goto(`/report/${month}`);
  await phone.getByLabel('回头看').first().fill('本月班前会流程执行到位。');
  await phone.getByLabel('班组管理进展').first().fill('安全生产平稳。');
  await phone.getByRole('button', { name: '+ 添加一条工作重点' }).click();
  await phone.getByLabel('次月工作重点第1条').fill('雨季防治水教育');
  await phone.getByRole('button', { name: '提交月汇报' }).click();
  await expect(phone.getByTestId('revision')).toHaveText('第1版');
  // Online, the phone sends by itself; on this screen the two status lines then agree:
  // no 第1版已提交（待发送） under 已提交，已发送.
  await expect(phone.getByTestId('status-label')).toHaveText('已提交，已发送', { timeout: 30_000 });
  await expect(phone.getByTestId('submitted-msg')).toHaveText('✓ 第1版已提交，已发送给党支部。');
  await sendUntilCardSays(phone, page, '已提交');

  // The secretary scores revision 1.
  await page.locator('.card').filter({ hasText: TEAM }).getByRole('link', { name: '查看' }).click();
  await page.getByLabel('汇报质量').fill('18');
  await page.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByRole('status')).toContainText('评分已保存');
  reportUrl = page.url().replace(/&saved=1$/, '');

  // A shift followed and a hazard found after submitting.
  await phone.goto('/');
  await phone.getByRole('button', { name: '已参加', exact: true }).click();
  await phone.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await phone.getByLabel('隐患或问题').fill('3号支架立柱漏液');
  await phone.getByLabel('整改责任人').fill('王五');
  await phone.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(phone.getByText('3号支架立柱漏液').first()).toBeVisible();

  await phone.goto(`/report/${month}`);
  await expect(phone.getByTestId('status-label')).toHaveText('数据已变化');
  const changes = phone.getByTestId('data-changes');
  await expect(changes.getByTestId('data-change').filter({ hasText: '跟班班次' })).toHaveText('跟班班次：0 → 1 班');
  await expect(changes.getByTestId('data-change').filter({ hasText: '发现隐患' })).toHaveText('发现隐患：0 → 1 项');
  await phone.screenshot({ path: '.tmp/shots/report-data-changed.png', fullPage: true });
  // No text edited: 重新提交 is offered anyway.
  await phone.getByRole('button', { name: '重新提交（第2版）' }).click();
  await expect(phone.getByTestId('revision')).toHaveText('第2版');
  await expect(phone.getByTestId('data-changes')).toHaveCount(0);
  await expect(phone.getByTestId('status-label')).toHaveText('已提交（待发送）');

  await sendUntilCardSays(phone, page, '待复评');
  await expect(page.locator('.card').filter({ hasText: TEAM })).not.toContainText('已评分');
  await page.goto(`/secretary/team/${teamId}?month=${month}`);
  await expect(page.getByRole('cell', { name: '待复评' })).toBeVisible();
  await page.goto(reportUrl);
  await expect(page.getByTestId('rereview')).toContainText('第1次提交已评');
  // The submission shown is revision 2, with the new figures.
  await expect(page.getByRole('heading', { name: /汇报数据（第 2 次提交/ })).toBeVisible();
  await expect(page.locator('tr').filter({ has: page.locator('th', { hasText: /^跟班班次$/ }) }).locator('td')).toHaveText('1');
  await expect(page.locator('tr').filter({ has: page.locator('th', { hasText: /^发现隐患$/ }) }).locator('td')).toHaveText('1');
  await context.close();
});

test('16.4: the review page shows the diff against the scored revision, and revision 1 opens', async ({ page }) => {
  await signIn(page);
  await page.goto(reportUrl);
  const diff = page.getByTestId('revision-diff');
  await expect(diff).toContainText('与已评分的版本（第1次）相比');
  const row = (label: string) => diff.getByRole('table', { name: '变化的数据' }).locator('tr').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await expect(row('跟班班次').locator('td')).toHaveText(['跟班班次', '0', '1']);
  await expect(row('发现隐患').locator('td')).toHaveText(['发现隐患', '0', '1']);
  await page.screenshot({ path: '.tmp/shots/sec-rereview-diff.png', fullPage: true });
  await page.getByTestId('revisions').getByRole('link', { name: /第1次/ }).click();
  await expect(page.getByText('第1次提交的内容（历史版本，只读）')).toBeVisible();
  await expect(page.locator('tr').filter({ has: page.locator('th', { hasText: /^跟班班次$/ }) }).locator('td')).toHaveText('0');
  await expect(page.getByRole('button', { name: '保存评分' })).toHaveCount(0);
});

test('16.5: a rubric change keeps the old score (re-saved and printed under its rubric); repeated names and totals ≠ 100 are refused', async ({ page }) => {
  await signIn(page);
  await page.goto('/secretary/rubric');
  await page.getByLabel('第3项分值').fill('10'); // 月汇报按时 15 → 10
  await page.getByLabel('第4项分值').fill('25'); // 汇报质量 20 → 25: still 100
  await page.getByRole('button', { name: '保存考核细则' }).click();
  await expect(page.getByRole('status')).toContainText('考核细则已保存');

  await page.goto(reportUrl);
  await expect(page.getByTestId('rubric-note')).toContainText('按评分时的考核细则');
  await expect(page.getByLabel('月汇报按时')).toHaveValue('15');
  await page.getByLabel('反馈意见').fill('补充：隐患按期销号。');
  await page.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByRole('status')).toContainText('评分已保存');

  await page.goto(`/secretary/print?team=${teamId}&month=${month}`);
  await expect(page.getByRole('cell', { name: '月汇报按时（15分）' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '汇报质量（20分）' })).toBeVisible();
  await expect(page.getByText('考核细则之后已修改')).toBeVisible();

  await page.goto('/secretary/rubric');
  await page.getByLabel('第2项名称').fill('日跟班完成率');
  await page.getByRole('button', { name: '保存考核细则' }).click();
  await expect(page.getByRole('alert')).toContainText('考核项目名称重复：「日跟班完成率」');
  await page.goto('/secretary/rubric');
  await page.getByLabel('第4项分值').fill('30');
  await page.getByRole('button', { name: '保存考核细则' }).click();
  await expect(page.getByRole('alert')).toContainText('各项分值合计应为100分（现为105分）');
  await page.goto('/secretary/rubric');
  await expect(page.getByLabel('第3项分值')).toHaveValue('10');
  await expect(page.getByLabel('第4项分值')).toHaveValue('25');
});
