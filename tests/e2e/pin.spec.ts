import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { enrolAndSendAll, firstTeamCode, launchPhone, setUpTeam, waitForServiceWorkerControl, withServerDb } from './helpers';

const lockHeading = (page: Page) => page.getByRole('heading', { name: '已锁定' });

/** Taps the PIN on the lock screen's keypad, then 确定. */
async function typePin(page: Page, pin: string) {
  for (const d of pin) await page.getByRole('group', { name: '数字键盘' }).getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();
}

/** A locked start: nothing of the app is in the DOM, no header, no menu, no team or instructor name. */
async function expectNothingUnderneath(page: Page) {
  await expect(lockHeading(page)).toBeVisible();
  await expect(page.locator('header.top, nav.bottom, [data-testid="progress"]')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain('检修班');
  expect(html).not.toContain('刘建国');
}

/** An idle lock: the lock screen over the screens, which stay mounted but hidden and inert. */
async function expectScreensHidden(page: Page) {
  await expect(lockHeading(page)).toBeVisible();
  await expect(page.locator('header.top')).toBeHidden();
  await expect(page.locator('nav.bottom')).toBeHidden();
  await expect(page.getByText('刘建国')).toBeHidden();
  expect(await page.locator('div[inert]').count()).toBe(1);
}

async function turnOn(page: Page, pin: string, idle: string) {
  await page.goto('/settings');
  const card = page.getByTestId('pin-settings');
  await card.getByLabel('设置 PIN（4–6 位数字）').fill(pin);
  await card.getByLabel('再次输入 PIN').fill(pin);
  await card.getByLabel('不操作多久后锁定').selectOption(idle);
  await card.getByRole('button', { name: '开启应用锁' }).click();
  await expect(card.getByRole('status')).toContainText('✓ 应用锁已开启');
}

test('a PIN set in 设置 locks the next start; wrong PIN refused, right PIN unlocks; turning off needs the PIN', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await page.goto('/settings');
  const card = page.getByTestId('pin-settings');
  const first = card.getByLabel('设置 PIN（4–6 位数字）');
  const again = card.getByLabel('再次输入 PIN');
  const on = card.getByRole('button', { name: '开启应用锁' });
  for (const [a, b, error] of [
    ['12', '12', 'PIN 至少 4 位数字。'],
    ['1234567', '1234567', 'PIN 最多 6 位数字。'],
    ['12a4', '12a4', 'PIN 只能是数字（0–9）。'],
    ['2580', '2581', '两次输入的 PIN 不一致，请重新输入。'],
  ]) {
    await first.fill(a!);
    await again.fill(b!);
    await on.click();
    await expect(card.getByRole('alert')).toHaveText(error!);
  }
  await expect(card.getByLabel('不操作多久后锁定')).toHaveValue('5'); // the default
  await again.fill('2580');
  await on.click();
  await expect(card.getByRole('status')).toHaveText('✓ 应用锁已开启：5 分钟不操作后锁定');
  mkdirSync('.tmp/shots', { recursive: true });
  await card.screenshot({ path: '.tmp/shots/pin-settings.png' });
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible(); // whoever set it is not locked out

  // A new start opens locked, with nothing of the app rendered underneath.
  await page.reload();
  await expectNothingUnderneath(page);
  await page.screenshot({ path: '.tmp/shots/pin-lock.png' });

  await typePin(page, '1111');
  await expect(page.getByRole('alert')).toHaveText('PIN 不正确。还可再试 4 次，之后需要等待。');
  await expectNothingUnderneath(page);

  await page.getByRole('button', { name: '忘记 PIN？' }).click();
  await expect(page.getByText('PIN 无法找回，也没有万能密码。')).toBeVisible();
  await page.screenshot({ path: '.tmp/shots/pin-forgot.png', fullPage: true });
  await page.getByRole('button', { name: '返回输入 PIN' }).click();

  await typePin(page, '2580');
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '综采一队 · 检修班' })).toBeVisible();
  await expect(lockHeading(page)).toHaveCount(0);

  // Turning it off: refused with a wrong PIN, done with the right one; the next start is open.
  await card.getByRole('button', { name: '关闭应用锁' }).click();
  await card.getByLabel('当前 PIN').fill('0000');
  await card.getByRole('button', { name: '确认关闭' }).click();
  await expect(card.getByRole('alert')).toHaveText('PIN 不正确。还可再试 4 次，之后需要等待。');
  await card.getByLabel('当前 PIN').fill('2580');
  await card.getByRole('button', { name: '确认关闭' }).click();
  await expect(card.getByRole('status')).toHaveText('✓ 应用锁已关闭');
  await expect(card.getByRole('button', { name: '开启应用锁' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(lockHeading(page)).toHaveCount(0);
  await context.close();
});

test('locks after the idle time without touches, and on coming back to a page hidden that long', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  // A fixed morning: the test's minutes never cross a hand-over (15:00, 23:00, 07:00).
  await page.clock.install({ time: new Date('2026-12-02T10:00:00+08:00') });
  await setUpTeam(page);
  await turnOn(page, '4826', '1');
  await page.getByRole('link', { name: /日跟班/ }).click(); // inside the app: no new start
  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible();

  // A touch before the minute is up starts the count again.
  await page.clock.fastForward('00:50');
  await page.getByRole('heading', { name: '综采一队 · 检修班' }).click();
  // A hazard being typed, not yet saved (登记 not tapped), when the instructor walks away.
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('皮带机尾积煤');
  await page.clock.fastForward('00:50');
  await expect(progress).toBeVisible();
  await expect(lockHeading(page)).toHaveCount(0);
  await page.clock.fastForward('00:11');
  await expectScreensHidden(page);
  await typePin(page, '4826');
  await expect(progress).toBeVisible();
  await expect(page.getByLabel('隐患或问题')).toHaveValue('皮带机尾积煤'); // nothing typed is lost

  // Hidden for longer than the idle time, its timers frozen: the clock moves, no timer fires.
  const t = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(t + 2 * 60_000);
  await expect(progress).toBeVisible();
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expectScreensHidden(page);
  await typePin(page, '4826');
  await expect(progress).toBeVisible();
  await context.close();
});

test('after 5 wrong tries a countdown, kept across a reload; data and PIN are kept', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.clock.install();
  await setUpTeam(page);
  await turnOn(page, '13579', '5');
  await page.goto('/'); // a new start
  for (let i = 1; i <= 4; i++) {
    await typePin(page, '0000');
    await expect(page.getByRole('alert')).toHaveText(`PIN 不正确。还可再试 ${5 - i} 次，之后需要等待。`);
  }
  await typePin(page, '0000');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('错误次数过多，请 30 秒 后再试。');
  const one = page.getByRole('button', { name: '1', exact: true });
  await expect(one).toBeDisabled();
  await page.screenshot({ path: '.tmp/shots/pin-wait.png' });

  await page.reload(); // a reload does not reset the wait
  await expect(alert).toContainText('错误次数过多');
  await expect(one).toBeDisabled();
  await page.clock.fastForward('00:31');
  await expect(one).toBeEnabled();
  await expect(alert).toBeEmpty();

  await typePin(page, '13579');
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByRole('heading', { name: '综采一队 · 检修班' })).toBeVisible();
  await context.close();
});

test('sync goes on while locked: a shift done offline reaches the server after a locked start', async () => {
  const { teamId, code } = firstTeamCode();
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await enrolAndSendAll(page, code);
  await turnOn(page, '5678', '5');

  type Row = { id: string; rev: number; dirty: number };
  /** The phone's duties (a phone enrolled to a team that has some pulls them first). */
  const phoneDuties = () => page.evaluate(
    () =>
      new Promise<Row[]>((resolve, reject) => {
        const req = indexedDB.open('xiaozhengwei');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('duties').objectStore('duties').getAll();
          get.onsuccess = () => {
            resolve(get.result as Row[]);
            req.result.close();
          };
        };
      }),
  );
  await context.setOffline(true);
  await page.getByRole('link', { name: /日跟班/ }).click();
  await page.getByRole('button', { name: '已参加', exact: true }).click();
  await expect.poll(async () => (await phoneDuties()).filter((d) => d.dirty === 1).length).toBe(1); // written before the reload
  const { id } = (await phoneDuties()).find((d) => d.dirty === 1)!;
  const phoneDuty = async () => (await phoneDuties()).find((d) => d.id === id);
  await page.reload(); // a new start, offline: locked
  await expectNothingUnderneath(page);
  await context.setOffline(false);

  await expect.poll(async () => (await phoneDuty())?.dirty, { timeout: 30_000 }).toBe(0);
  const duty = (await phoneDuty())!;
  const stored = withServerDb((db) =>
    db.prepare("SELECT rev FROM records WHERE team_id = ? AND tbl = 'duties' AND id = ?").get(teamId, duty.id) as { rev: number } | undefined);
  expect(stored?.rev).toBe(duty.rev);
  await expectNothingUnderneath(page); // still locked: it was sent without unlocking
  await page.getByRole('button', { name: '忘记 PIN？' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已全部发送' })).toBeVisible();
  await context.close();
});
