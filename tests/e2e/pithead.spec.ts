/**
 * Issue 15.7 and 15.16: offline is the normal state underground (a calm grey line, not a red
 * failure), and at the pithead the app uses the seconds of coverage by itself.
 */
import { expect, test } from '@playwright/test';
import { enrolAndSendAll, launchPhone, ownTeamCode, setUpTeam, waitForServiceWorkerControl, withServerDb } from './helpers';

const SHIFT = ['已参加', '全员到岗', '本班无文件传达', '完成安全确认', '无薄弱人员', '本班未谈心', '人员组织正常', '无隐患'];

test('offline with records waiting: one calm grey line 离线 · N 条待发送, no red failure', async () => {
  const { code } = ownTeamCode('井口班组一');
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await enrolAndSendAll(page, code);
  await context.setOffline(true);
  await page.goto('/');
  await page.getByRole('button', { name: '完成安全确认' }).click();
  const badge = page.locator('.sync-badge');
  await expect(badge).toContainText(/离线 · \d+ 条待发送（有信号时自动发送）/, { timeout: 15_000 });
  await expect(badge).not.toContainText('发送失败');
  const line = badge.locator('span:not(.stack)').first(); // the status text (the next line is 上次发送成功)
  const look = await line.evaluate((el) => {
    const s = getComputedStyle(el);
    const lineHeight = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.5;
    return { color: s.color, weight: Number(s.fontWeight), lines: Math.round(el.getBoundingClientRect().height / lineHeight) };
  });
  const [r, g, b] = look.color.match(/\d+/g)!.map(Number);
  expect(r! - Math.min(g!, b!)).toBeLessThan(40); // grey, not red (#b00020)
  expect(look.weight).toBeLessThan(600);
  expect(look.lines).toBe(1);
  await context.close();
});

test('back on a link that cuts most connections, after a long time offline: the records arrive without a tap', async () => {
  test.setTimeout(120_000);
  const { teamId, code } = ownTeamCode('井口班组二');
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await enrolAndSendAll(page, code);

  // Underground: no signal, a whole shift, and the radio flapping (each `online` fires a try that fails),
  // so the retry delay grows as it does over hours underground.
  await context.setOffline(true);
  await page.goto('/');
  for (const name of SHIFT) await page.getByRole('button', { name, exact: true }).click();
  await page.getByLabel('教育主题').fill('顶板管理');
  await expect(page.getByTestId('progress-text')).toHaveText('已完成 9/9');
  for (let i = 0; i < 8; i++) {
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(150);
  }

  // The pithead: a link that drops two connections of every three to the endpoint.
  let n = 0;
  let through = 0;
  await context.route('**/api/v1/sync/**', async (route) => {
    n++;
    if (n % 3 !== 0) return route.abort('connectionreset');
    through++;
    return route.continue();
  });
  await context.setOffline(false); // the `online` event; nothing is tapped from here on
  const duty = () => withServerDb((db) => db.prepare("SELECT body FROM records WHERE team_id = ? AND tbl = 'duties'").get(teamId) as { body: string } | undefined);
  await expect.poll(() => (duty() ? JSON.parse(duty()!.body).lessonTopic : null), { timeout: 30_000, intervals: [500] }).toBe('顶板管理');
  await expect(page.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 30_000 });
  expect(n).toBeGreaterThan(through); // the link really cut connections
  await context.close();
});
