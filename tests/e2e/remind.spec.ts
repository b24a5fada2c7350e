/**
 * 提醒 end to end (issue 16.3): the secretary reminds a team from its page, the phone shows
 * the reminder on its home screen after its next sync, the secretary sees 已送达; the
 * instructor taps 知道了 and the secretary sees 已读. The branch's report due day set on
 * 支部设置 reaches the phone's 月汇报 banner.
 */
import { expect, test, type Page } from '@playwright/test';
import { addMonths, isoWeekKey, localDay, monthKey, monthLabel } from '../../src/domain/calendar';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createEnrolCode, createSecretary, createTeam } from '../../src/server/store';
import { enrolAndSendAll, launchPhone, setUpTeam, withServerDb, signInSecretary } from './helpers';

const password = 'Shuji-remind-password-2026';
let username = '';
let teamId = '';

test.beforeAll(() => {
  withServerDb((db) => {
    const now = Date.now();
    const branch = createBranch(db, '提醒测试党支部', now);
    teamId = createTeam(db, branch.id, '掘进三队甲班', now).id;
    username = `sec-remind-${now}`;
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, password, now);
  });
});

const signIn = (page: Page) => signInSecretary(page, username, password, /提醒测试党支部/);

/** The state cell of the newest reminder on the team page, after a reload. */
async function newestState(page: Page): Promise<string> {
  await page.goto(`/secretary/team/${teamId}`);
  return (await page.getByTestId('reminder-state').first().textContent()) ?? '';
}

async function sendNow(phone: Page): Promise<void> {
  await phone.goto('/sync');
  await phone.getByRole('button', { name: '立即发送' }).click();
  await expect(phone.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 20_000 });
}

test('a reminder sent by the secretary shows on the phone’s home screen; 知道了 reaches her as 已读', async ({ page }) => {
  const { context } = await launchPhone();
  const phone = context.pages()[0] ?? (await context.newPage());
  // Set up during last month: a team set up this month owes no report for last month (due.ts),
  // and the banner checked below is last month's. Then back to the real time for the rest.
  const setUpMonth = addMonths(monthKey(localDay(Date.now(), 'Asia/Shanghai')), -1);
  await phone.clock.setFixedTime(new Date(`${setUpMonth}-20T10:00:00+08:00`));
  await setUpTeam(phone);
  await phone.clock.setFixedTime(new Date());
  await enrolAndSendAll(phone, withServerDb((db) => createEnrolCode(db, teamId, Date.now()).code));
  await phone.goto('/');
  await expect(phone.getByTestId('progress')).toBeVisible();
  await expect(phone.getByTestId('reminder')).toHaveCount(0);

  // The secretary, from the team page: 提醒 → the form with this team ticked, a line of text, send.
  await signIn(page);
  await page.goto(`/secretary/team/${teamId}`);
  await page.getByRole('link', { name: '提醒', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: '掘进三队甲班' })).toBeChecked();
  await page.getByLabel(/附言/).fill('请今天补记本周帮扶');
  await page.getByRole('button', { name: '发送提醒' }).click();
  await expect(page.getByRole('status')).toContainText('已向 1 个班组发送提醒');
  expect(await newestState(page)).toContain('已发送');

  // The phone's next sync brings it to the home screen; its answer makes it 已送达.
  await sendNow(phone);
  await phone.goto('/');
  const notice = phone.getByTestId('reminder');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('提醒测试党支部提醒');
  await expect(notice).toContainText('请今天补记本周帮扶');
  await expect.poll(() => newestState(page), { timeout: 20_000 }).toContain('已送达');

  // 知道了: gone from the home screen (also after a reload), and 已读 for the secretary.
  await notice.getByRole('button', { name: '知道了' }).click();
  await expect(phone.getByTestId('reminder')).toHaveCount(0);
  await expect.poll(() => newestState(page), { timeout: 20_000 }).toContain('已读');
  await phone.reload();
  await expect(phone.getByTestId('progress')).toBeVisible();
  await expect(phone.getByTestId('reminder')).toHaveCount(0);

  // A reminder about this week's 周帮扶 (as the 未完成 list links it): it closes once the week is done on the phone.
  const week = isoWeekKey(localDay(Date.now(), 'Asia/Shanghai'));
  await page.goto(`/secretary/remind?teams=${teamId}&about=week:${week}`);
  await expect(page.getByTestId('remind-about')).toHaveText(`第${Number(week.slice(-2))}周的周帮扶`);
  await page.getByRole('button', { name: '发送提醒' }).click();
  await sendNow(phone);
  await phone.goto('/');
  await expect(phone.getByTestId('reminder')).toContainText(`第${Number(week.slice(-2))}周的周帮扶还未完成`);
  await phone.goto(`/week/${week}`);
  await phone.getByRole('button', { name: '本周无人需要帮扶' }).click();
  await expect(phone.getByRole('button', { name: '✓ 本周无人需要帮扶' })).toBeVisible(); // saved before we leave
  await phone.goto('/');
  await expect(phone.getByTestId('progress')).toBeVisible();
  await expect(phone.getByTestId('reminder')).toHaveCount(0);

  // 支部设置: the report is due on the 12th; the phone's 月汇报 banner says so after a sync.
  await page.goto('/secretary/settings');
  await page.getByLabel(/月汇报截止日/).fill('12');
  await page.getByRole('button', { name: '保存截止日' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  await page.goto('/secretary/');
  await expect(page.getByTestId('report-due-day')).toContainText('（次月12日）');
  await sendNow(phone);
  const thisMonth = monthKey(localDay(Date.now(), 'Asia/Shanghai'));
  await phone.clock.setFixedTime(new Date(`${thisMonth}-08T10:00:00+08:00`));
  await phone.goto('/');
  const banner = phone.getByTestId('report-due');
  await expect(banner).toContainText(`${monthLabel(addMonths(thisMonth, -1))}的月汇报还未提交`);
  await expect(banner).toContainText(`请在${Number(thisMonth.slice(5))}月12日前提交`);
  await context.close();
});
