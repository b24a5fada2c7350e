/**
 * Issue 16, problems 10 and 11 in a real browser against the real server. Both fail on the
 * code before: no overdue mark, no branch hazard list or 困难职工 page (10); a roster saved at
 * once with "王 建国" read as name 王 + 工种 建国, an emptied roster saved, a renamed shift
 * retired and made anew, overlapping shifts accepted (11).
 */
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { addDays, localDay } from '../../src/domain/calendar';
import { newHazard } from '../../src/domain/hazard';
import { recordMeta } from '../../src/domain/weekly-meta';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { generateTeamData } from '../fixtures/generate';
import { withServerDb, signInSecretary } from './helpers';

const SHOTS = fileURLToPath(new URL('../../.tmp/shots', import.meta.url));
const password = 'Views-own-password-2026';
let username = '';
let teamId = '';
let today = '';

test.beforeAll(() => {
  withServerDb((db) => {
    const now = Date.now();
    today = localDay(now, 'Asia/Shanghai');
    const branch = createBranch(db, '综采三队党支部', now);
    const team = createTeam(db, branch.id, '综采三队甲班', now);
    teamId = team.id;
    const d = generateTeamData({ seed: 11, months: 2, workers: 8, endDay: addDays(today, -1) });
    d.hazards.push(newHazard({ id: 'e2e-late-hazard', createdAt: now - 80 * 86_400_000 }, { day: addDays(today, -82), shiftName: '八点班', dutyId: null },
      { description: '回风巷锚杆托盘松动', responsible: '王班长', deadline: addDays(today, -82 + 8) }));
    d.hardships.push({ ...recordMeta('e2e-fund', now), workerId: d.workers[2]!.id, kind: '子女上学', help: 'fund', amountYuan: 800, day: today, note: '发放助学帮扶金', followUp: '' });
    seedTeam(db, team, d, { now, today });
    username = `views-${now}`;
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, password, now);
  });
});

const signIn = (page: Page) => signInSecretary(page, username, password, /综采三队党支部/);

test('problem 10: an overdue hazard is marked, listed across teams, and 困难职工 shows the 帮扶金 behind the figure', async ({ page }) => {
  await signIn(page);
  await page.goto(`/secretary/team/${teamId}`);
  const row = page.getByRole('row').filter({ hasText: '回风巷锚杆托盘松动' });
  await expect(row.getByTestId('overdue')).toHaveText('逾期 74 天');
  await expect(row.getByTestId('overdue')).toHaveCSS('color', 'rgb(163, 21, 21)');

  await page.getByRole('link', { name: '隐患', exact: true }).click();
  await expect(page.getByRole('heading', { name: '全支部隐患台账' })).toBeVisible();
  await page.getByLabel('只看逾期').check();
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByTestId('branch-hazards').getByRole('row').filter({ hasText: '回风巷锚杆托盘松动' })).toContainText('逾期 74 天');
  await expect(page.getByTestId('hazard-summary')).toContainText('销号率');
  await page.screenshot({ path: `${SHOTS}/sec-hazards-390.png`, fullPage: true });

  await page.goto(`/secretary/team/${teamId}`);
  await page.getByRole('link', { name: '困难职工台账' }).click();
  await expect(page.getByTestId('hardship-totals')).toContainText('帮扶金 800 元');
  await page.getByTestId('hardships').getByRole('row').filter({ hasText: '发放助学帮扶金' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('综采三队甲班');
  await expect(page.getByText('困难职工帮扶', { exact: true }).first()).toBeVisible();
});

test('problem 11: a roster is previewed as stored, an empty one needs a tick, a renamed shift keeps its id, overlaps are refused', async ({ page }) => {
  await signIn(page);
  await page.goto(`/secretary/team/${teamId}/config`);
  const before = rosterOf();
  await page.getByLabel(/一行一人/).fill('王 建国 安全员 党员\n李四，支架工');
  await page.getByRole('button', { name: '保存花名册' }).click();
  const preview = page.getByTestId('roster-preview');
  await expect(preview.getByRole('row').nth(1)).toHaveText(/王建国\s*安全员\s*党员/);
  expect(rosterOf()).toEqual(before); // nothing saved yet
  await page.screenshot({ path: `${SHOTS}/sec-roster-preview-390.png`, fullPage: true });
  await expect(page.getByText(/确认停用以上 \d+ 人/)).toBeVisible();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '确认保存花名册' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  expect(rosterOf().filter((w) => !w.retired).map((w) => [w.name, w.post, w.partyMember])).toEqual([['王建国', '安全员', true], ['李四', '支架工', false]]);

  // Emptied: shows who would be retired, and without the tick saves nothing.
  await page.getByLabel(/一行一人/).fill('');
  await page.getByRole('button', { name: '保存花名册' }).click();
  await expect(page.getByTestId('roster-retired')).toHaveText('王建国、李四');
  await page.getByRole('button', { name: '确认保存花名册' }).click();
  await expect(page.getByRole('alert')).toContainText('请勾选确认后再保存');
  expect(rosterOf().filter((w) => !w.retired)).toHaveLength(2);

  await page.goto(`/secretary/team/${teamId}/config`);
  const shifts = page.getByLabel(/一行一个：名称 开始-结束/);
  await shifts.fill('零点班 00:00-08:00\n八点班 08:00-16:00\n四点班 16:00-00:00');
  await page.getByRole('button', { name: '保存班次' }).click();
  const id = shiftsOf().find((x) => x.name === '四点班')!.id;
  await shifts.fill('零点班 00:00-08:00\n八点班 08:00-16:00\n中班 16:00-00:00');
  await page.getByRole('button', { name: '保存班次' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  expect(shiftsOf().map((x) => [x.name, x.id === id, x.retired])).toEqual([['零点班', false, false], ['八点班', false, false], ['中班', true, false]]);
  await shifts.fill('早班 08:00-16:00\n中班 12:00-20:00');
  await page.getByRole('button', { name: '保存班次' }).click();
  await expect(page.getByRole('alert')).toContainText('班次「早班」与「中班」的时间重叠');
  expect(shiftsOf().find((x) => x.name === '中班')!.id).toBe(id);
});

type Item = { id: string; name: string; post: string; partyMember: boolean; retired: boolean };
const configOf = (what: string): Item[] => withServerDb((db) => {
  const row = db.prepare('SELECT value FROM config WHERE key = ?').get(`team:${teamId}:${what}`) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Item[]) : [];
});
const rosterOf = () => configOf('roster');
const shiftsOf = () => configOf('shifts');
