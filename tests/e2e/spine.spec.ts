import { expect, test, type Page } from '@playwright/test';
import { launchPhone, recordRequests, setUpTeam, TapCounter, waitForServiceWorkerControl } from './helpers';

test('installable, controlled by the service worker, and every route renders offline', async () => {
  const { context } = await launchPhone();
  const urls = recordRequests(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);

  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: '综采一队 · 检修班' })).toBeVisible();
  for (const [path, heading] of [['/hazards', '隐患/问题台账'], ['/history', /年\d+月/], ['/settings', '设置']] as const) {
    await page.goto(path); // a real navigation, answered by the service worker
    await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
  }
  const foreign = urls.filter((u) => !u.startsWith('http://127.0.0.1:'));
  expect(foreign).toEqual([]);
  await context.close();
});

/** A fuller shift: documents typed, a weak worker with reasons and actions, a hazard. */
async function fullShift(page: Page) {
  await page.getByRole('button', { name: '已参加', exact: true }).click();
  await page.getByLabel('早会要求').fill('加强顶板管理');
  await page.getByRole('button', { name: '全员到岗' }).click();
  await page.getByLabel('文件名称或文号').fill('矿安〔2026〕12号');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByLabel('教育主题').fill('雨季防治水');
  await page.getByRole('button', { name: '完成安全确认' }).click();
  await page.getByRole('button', { name: '+ 选择人员' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /李四/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  const entry = page.getByTestId('weak-entry');
  await entry.getByRole('button', { name: '疲劳' }).click();
  await entry.getByRole('button', { name: '谈心' }).click();
  await page.getByRole('button', { name: '选择谈心人员' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /李四/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '人员组织正常' }).click();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('3号支架立柱漏液');
  await page.getByLabel('整改责任人').fill('王五');
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByTestId('progress-text')).toHaveText('已完成 9/9');
}

test('a whole shift done offline survives a reload and a browser restart; a normal shift takes ≤ 12 taps', async () => {
  const first = await launchPhone();
  const profileDir = first.profileDir;
  let context = first.context;
  let page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);

  // Yesterday's same shift, done in full (this also leaves a topic and a document to reuse).
  await page.getByRole('link', { name: '前一天' }).click();
  await fullShift(page);
  const yesterday = new URL(page.url()).pathname;

  // Today's current shift, a normal one: every answer by a tap.
  await page.getByRole('link', { name: /日跟班/ }).click();
  const taps = new TapCounter(page);
  await taps.tap('已参加');
  await taps.tap('全员到岗');
  await taps.tap('本班无文件传达');
  await taps.tap('雨季防治水');
  await taps.tap('完成安全确认');
  await taps.tap('无薄弱人员');
  await taps.tap('选择谈心人员');
  await page.getByRole('dialog').getByRole('button', { name: /张三/ }).click();
  taps.count++;
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  taps.count++;
  await taps.tap('人员组织正常');
  await taps.tap('无隐患');
  await expect(page.getByTestId('progress-text')).toHaveText('已完成 9/9');
  console.log(`TAPS_NORMAL_SHIFT=${taps.count}`);
  expect(taps.count).toBeLessThanOrEqual(12);

  const check = async (p: Page) => {
    await p.goto('/');
    await expect(p.getByTestId('progress-text')).toHaveText('已完成 9/9');
    await expect(p.getByTestId('talk-count')).toHaveText('1');
    await p.goto(yesterday);
    await expect(p.getByTestId('progress-text')).toHaveText('已完成 9/9');
    await p.goto('/history');
    await expect(p.getByTestId(`day-${yesterday.split('/')[2]}-${yesterday.split('/')[3]}`)).toContainText('✓ 完成');
    await p.goto('/hazards');
    await expect(p.getByTestId('hazard').filter({ hasText: '3号支架立柱漏液' })).toBeVisible();
  };
  await page.reload();
  await check(page);

  // "Restart": close the whole browser and start it again on the same profile, still offline.
  await context.close();
  ({ context } = await launchPhone(profileDir));
  await context.setOffline(true);
  page = context.pages()[0] ?? (await context.newPage());
  await check(page);
  await context.close();
});

test('hazard ledger: close (销号) and reopen offline; closed items stay findable', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.goto('/hazards');
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('皮带机托辊异响');
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  const item = page.getByTestId('hazard').filter({ hasText: '皮带机托辊异响' });
  await item.getByRole('button', { name: '销号' }).click();
  await item.getByLabel('说明').fill('已更换托辊，验收合格');
  await item.getByRole('button', { name: '确认销号' }).click();
  await expect(page.getByTestId('hazard')).toHaveCount(0); // gone from 未销号 …
  await page.getByRole('tab', { name: '已销号' }).click();
  const closed = page.getByTestId('hazard').filter({ hasText: '皮带机托辊异响' });
  await expect(closed).toHaveAttribute('data-status', 'closed'); // … but findable
  await expect(closed).toContainText('已更换托辊，验收合格');
  await closed.getByRole('button', { name: '重新打开' }).click();
  await closed.getByLabel('说明').fill('复查仍有异响');
  await closed.getByRole('button', { name: '确认重新打开' }).click();
  await expect(closed).toHaveCount(0); // the write landed: it left the 已销号 list
  await page.reload();
  await page.getByRole('tab', { name: /未销号/ }).click();
  const reopened = page.getByTestId('hazard').filter({ hasText: '皮带机托辊异响' });
  await expect(reopened).toHaveAttribute('data-status', 'open');
  await reopened.getByText('处理记录（2）').click();
  await expect(reopened).toContainText('复查仍有异响');
  await context.close();
});

test.describe('where installing is not offered', () => {
  test.use({ userAgent: 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47' });
  test('inside WeChat: a guide to open the system browser, the app still works', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('install-wechat')).toContainText('在浏览器打开');
    await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  });
});

test.describe('on iPhone', () => {
  test.use({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' });
  test('shows the 添加到主屏幕 steps', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('install-ios')).toContainText('添加到主屏幕');
  });
});
