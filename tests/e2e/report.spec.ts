import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { generateTeamData, seedIndexedDb } from '../fixtures/report-data';
import { addMonths, localDay, monthKey, monthLabel } from '../../src/domain/calendar';
import { newHazard } from '../../src/domain/hazard';
import { computeMonthFigures, WEEK_RULE_NOTE } from '../../src/domain/report-figures';
import type { Team, Worker } from '../../src/domain/types';
import { figureGroups } from '../../src/ui/screens/report/figure-rows';
import { launchPhone, setUpTeam, waitForServiceWorkerControl } from './helpers';

const SHOTS = '.tmp/shots';
const ROSTER = ['张三 采煤机司机', '李四 支架工', '王五 输送机司机', '赵六 电工', '孙七 泵工', '周八 验收员', '吴九 支架工', '郑十 采煤工'];

async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('xiaozhengwei');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const rows = await new Promise<unknown[]>((ok) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => ok(req.result);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

test('月汇报 offline: figures match the records, submit, revise (第2版), print', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page, ROSTER);
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);

  // Last month and the one before (people still watched and open items carry over), plus an
  // item found three months earlier and never closed.
  const month = addMonths(monthKey(localDay(Date.now(), 'Asia/Shanghai')), -1);
  const [team] = await readStore<Team>(page, 'teams');
  const workers = await readStore<Worker>(page, 'workers');
  const data = generateTeamData({ team: team!, workers, lastMonth: month, months: 2, seed: 7 });
  const oldOpen = newHazard({ id: '00000000-0000-7000-8000-0000000fffff', createdAt: 1 },
    { day: `${addMonths(month, -3)}-10`, shiftName: '八点班', dutyId: null },
    { description: '老空区密闭墙需复查', responsible: '王五', deadline: null });
  data.hazards.push(oldOpen);
  const { team: _team, ...records } = data;
  await seedIndexedDb(page, records);
  const expected = computeMonthFigures(month, { ...data, team: team! });
  expect(expected.daily.followed.value).toBeGreaterThan(10); // the data is a real month
  expect(expected.hazards.openAtEnd.sources[0]!.ids).toContain(oldOpen.id);

  await page.goto(`/report/${month}`);
  await expect(page.getByTestId('report-month')).toContainText('月汇报');
  await expect(page.getByTestId('status-label')).toHaveText('草稿（未提交）');
  for (const row of figureGroups(expected).flatMap((g) => g.rows)) {
    await expect(page.getByTestId(`fig-${row.key}`).getByTestId('fig-value'), row.label).toHaveText(String(row.count.value));
  }
  await page.screenshot({ path: `${SHOTS}/report-1-top.png` });
  await page.getByTestId('fig-helped').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/report-2-weekly.png` });

  // Tap a number: the shifts it was counted from.
  await page.getByTestId('fig-talks').click();
  const sheet = page.getByTestId('source-sheet');
  await expect(sheet.getByTestId('source-duties').locator('li')).toHaveCount(expected.daily.talks.count.sources[0]!.ids.length);
  await page.screenshot({ path: `${SHOTS}/report-sources.png` });
  await sheet.getByRole('button', { name: '关闭' }).click();

  // Submitting an empty report lists what is missing and keeps what was typed.
  await page.getByLabel('回头看', { exact: true }).fill('本月跟班正常，薄弱人员均已谈心。');
  await page.getByRole('button', { name: '提交月汇报' }).click();
  await expect(page.getByTestId('submit-issues')).toContainText('请填写班组管理进展');
  await expect(page.getByTestId('submit-issues')).toContainText('请至少填写一条次月工作重点');
  await page.screenshot({ path: `${SHOTS}/report-5-issues.png` });
  await expect(page.getByLabel('回头看', { exact: true })).toHaveValue('本月跟班正常，薄弱人员均已谈心。');

  await page.getByLabel('班组管理进展', { exact: true }).fill('班组安全质量标准化达标。');
  await expect(page.getByTestId('submit-issues')).not.toContainText('请填写班组管理进展'); // follows the text
  await page.getByRole('button', { name: '+ 添加一条工作重点' }).click();
  await page.getByLabel('次月工作重点第1条').fill('雨季防治水教育');
  await page.getByRole('button', { name: '+ 添加金点子' }).click();
  await page.getByLabel('金点子1标题').fill('班前会二维码签到');
  await page.getByLabel('金点子1内容').fill('扫码签到代替纸质签到表');
  await page.getByRole('button', { name: '提交月汇报' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/report-3-written.png` });
  await page.getByRole('button', { name: '提交月汇报' }).click();
  await expect(page.getByTestId('submitted-msg')).toContainText('已提交（待发送）');
  await expect(page.getByTestId('status-label')).toHaveText('已提交（待发送）');
  await expect(page.getByTestId('revision')).toHaveText('第1版');
  await expect(page.getByTestId('revised')).toHaveCount(0);

  // Revise: edit and submit again → a second revision, marked as revised, kept after a reload.
  await page.getByLabel('回头看', { exact: true }).fill('本月跟班正常，薄弱人员均已谈心。补充：月底复查隐患。');
  await expect(page.getByTestId('status-label')).toHaveText('有修改未提交');
  await page.getByRole('button', { name: '提交修订（第2版）' }).click();
  await expect(page.getByTestId('revision')).toHaveText('第2版');
  await page.reload();
  await expect(page.getByTestId('revised')).toHaveText('已修订');
  await expect(page.getByTestId('revision')).toHaveText('第2版');
  await expect(page.getByTestId('status-label')).toHaveText('已提交（待发送）');
  await page.getByTestId('history').locator('summary').click();
  await expect(page.getByTestId('history').locator('li')).toHaveCount(2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/report-4-submitted.png` });

  // The branch's review arrives through sync (settings row written by the outbox): shown as is.
  const [stored] = await readStore<{ id: string; ideas: { id: string }[] }>(page, 'reports');
  await seedIndexedDb(page, { settings: [{ key: `sync.review:${stored!.id}`, value: {
    reportId: stored!.id, score: 92, feedback: '谈心覆盖面广，继续保持', adoptedIdeaIds: [stored!.ideas[0]!.id], reviewedAt: Date.now() + 60_000,
  } }] });
  await page.reload();
  await expect(page.getByTestId('status-label')).toHaveText('已审阅');
  await expect(page.getByTestId('review')).toContainText('92');
  await expect(page.getByTestId('review')).toContainText('谈心覆盖面广，继续保持');
  await expect(page.getByTestId('review')).toContainText('采纳的金点子：班前会二维码签到');
  await expect(page.getByTestId('idea')).toContainText('已采纳');
  await page.screenshot({ path: `${SHOTS}/report-6-reviewed.png` });

  // Print view: title, team, figures as submitted, written parts, week rule, signatures.
  await page.getByRole('link', { name: '打印 / 存为PDF' }).click();
  await expect(page.getByRole('heading', { name: '班组小政委月度工作汇报' })).toBeVisible();
  const sheetA4 = page.locator('.sheet-a4');
  await expect(sheetA4).toContainText(`${team!.district} · ${team!.name}`);
  await expect(page.getByTestId('print-version')).toContainText('第2版');
  await expect(sheetA4).toContainText('班前会二维码签到（已采纳）');
  await expect(sheetA4).toContainText('评分：92 分');
  await expect(page.getByTestId('print-fig-followed')).toHaveText(new RegExp(`^${expected.daily.followed.value} 班`));
  await expect(page.getByTestId('print-fig-talks')).toHaveText(`${expected.daily.talks.count.value} 人次`);
  await expect(sheetA4).toContainText('补充：月底复查隐患');
  await expect(sheetA4).toContainText(WEEK_RULE_NOTE);
  await expect(sheetA4).toContainText('党支部书记签字');
  await page.screenshot({ path: `${SHOTS}/report-print-phone.png` });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印 / 存为PDF' })).toBeHidden();
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.screenshot({ path: `${SHOTS}/report-print-a4.png`, fullPage: true });
  await page.pdf({ path: `${SHOTS}/report-print.pdf`, format: 'A4', preferCSSPageSize: true });
  await context.close();
});

test('月汇报 reminder: early in a month, last month’s unsubmitted report is flagged and linked', async () => {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  const thisMonth = monthKey(localDay(Date.now(), 'Asia/Shanghai'));
  const lastMonth = addMonths(thisMonth, -1);
  // Set up during last month: a team set up this month owes no report for last month (due.ts).
  await page.clock.setFixedTime(new Date(`${lastMonth}-20T10:00:00+08:00`));
  await setUpTeam(page);
  // The 3rd of this month: within the five days after last month's end.
  await page.clock.setFixedTime(new Date(`${thisMonth}-03T10:00:00+08:00`));
  await page.goto('/report');
  const banner = page.getByTestId('report-due');
  await expect(banner).toContainText(`${monthLabel(lastMonth)}的月汇报还未提交`);
  await expect(banner).toContainText(`请在${Number(thisMonth.slice(5))}月5日前提交`);
  await page.screenshot({ path: `${SHOTS}/report-due-banner.png` });
  await banner.click();
  await expect(page).toHaveURL(new RegExp(`/report/${lastMonth}$`));
  await expect(page.getByTestId('report-month')).toHaveText(`${monthLabel(lastMonth)} 月汇报`);
  await expect(page.getByTestId('report-due')).toHaveCount(0); // not on the month it points to

  // The 10th: past the due day (the 5th), still not submitted: the reminder stays and says it is late (issue 16.3).
  await page.clock.setFixedTime(new Date(`${thisMonth}-10T10:00:00+08:00`));
  await page.goto('/report');
  await expect(page.getByTestId('report-month')).toHaveText(`${monthLabel(thisMonth)} 月汇报`);
  await expect(page.getByTestId('report-due')).toContainText(`${monthLabel(lastMonth)}的月汇报还未提交，已过截止日（${Number(thisMonth.slice(5))}月5日）`);
  await context.close();
});
