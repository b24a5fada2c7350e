/**
 * Issue 16, problems 2, 6, 8 and 9 in a real browser against the real server. On the code
 * before they fail: no counts or % per team, no sorting, day cells not links, no week view
 * (2); each card's chart had its own y scale and no numbers on the bars (6); 汇总 had no
 * title, month, 合计 row or page setup (8); the CSV had no 周帮扶 rows and no 整改期限, and a
 * bad range gave a bare text/plain 400 (9).
 * Two teams: 甲 with last month done from data, 乙 with only a few days of data, so 乙 is
 * behind (worst rate) and its chart values are smaller than 甲's.
 */
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { addDays, addMonths, isoWeekKey, localDay, monthDays, monthKey, monthLabel, weekDays, weekLabel } from '../../src/domain/calendar';
import { niceMax } from '../../src/server/secretary/chart';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { generateTeamData } from '../fixtures/generate';
import { withServerDb, signInSecretary } from './helpers';

const password = 'Month-own-password-2026';
let username = '';
let branchName = '';
let today = '';
let prev = '';
const ids = { a: '', b: '' };

test.beforeAll(() => {
  withServerDb((db) => {
    const now = Date.now();
    today = localDay(now, 'Asia/Shanghai');
    prev = addMonths(monthKey(today), -1);
    branchName = `月度测试党支部${now}`;
    const branch = createBranch(db, branchName, now);
    const a = createTeam(db, branch.id, '甲班', now);
    const b = createTeam(db, branch.id, '乙班', now);
    ids.a = a.id;
    ids.b = b.id;
    seedTeam(db, a, generateTeamData({ seed: 21, months: 3, workers: 10, endDay: addDays(today, -1) }), { now, today });
    // A week of data ending on the 10th of last month: few records, most of the month missed.
    seedTeam(db, b, generateTeamData({ seed: 22, months: 0.25, workers: 4, endDay: `${prev}-10` }), { now, today, deviceName: '乙班手机' });
    username = `month-${now}`;
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, password, now);
  });
});

const signIn = (page: Page) => signInSecretary(page, username, password, /月度测试党支部/);

const shortDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

/** The grid's team rows in page order, with the counts read from their cells. */
async function gridRows(page: Page): Promise<{ id: string; done: number; owed: number; missed: number; rate: string }[]> {
  const grid = page.getByRole('table', { name: '日跟班完成情况' });
  return grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const [done, owed] = tr.querySelector('[data-col=done]')!.textContent!.split('/').map(Number);
    return {
      id: tr.getAttribute('data-team')!, done: done!, owed: owed!,
      missed: Number(tr.querySelector('[data-col=missed]')!.textContent), rate: tr.querySelector('[data-col=rate]')!.textContent!.trim(),
    };
  }));
}

test('problem 2: counts and % per team, sorting, the 未完成 list with due dates, day cells open the day, a week view', async ({ page }) => {
  await signIn(page);
  await page.goto(`/secretary/?month=${prev}&sort=name`);
  let rows = await gridRows(page);
  expect(rows.map((r) => r.id)).toEqual([ids.a, ids.b]); // 甲 before 乙 by name
  for (const r of rows) {
    expect(r.owed, 'last month: days owed').toBeGreaterThan(0);
    expect(r.rate).toBe(`${Math.round((r.done / r.owed) * 100)}%`);
    // The card says the same as the grid.
    await expect(page.locator(`section.card[data-team="${r.id}"] dd`).first()).toHaveText(`${r.done} / ${r.owed} 天（${r.rate}）`);
  }
  const rate = (r: { rate: string }) => Number(r.rate.replace('%', ''));
  expect(rate(rows[1]!), '乙 is behind').toBeLessThan(rate(rows[0]!));

  // The 完成率 header sorts: the worst team first.
  await page.getByRole('table', { name: '日跟班完成情况' }).getByRole('link', { name: '完成率', exact: true }).click();
  await expect(page).toHaveURL(/sort=rate/);
  await expect(page).toHaveURL(new RegExp(`month=${prev}`));
  rows = await gridRows(page);
  expect(rows.map((r) => r.id)).toEqual([ids.b, ids.a]);
  expect(rows.map(rate)).toEqual([...rows.map(rate)].sort((x, y) => x - y));
  await page.getByRole('table', { name: '日跟班完成情况' }).getByRole('link', { name: '缺失', exact: true }).click();
  rows = await gridRows(page);
  expect(rows.map((r) => r.missed)).toEqual([...rows.map((r) => r.missed)].sort((x, y) => y - x));
  // The cards follow the grid's order.
  expect(await page.locator('section.card').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-team')))).toEqual(rows.map((r) => r.id));

  // A missed day of 乙 is a link to that day of the team.
  const missed = page.locator(`tr[data-team="${ids.b}"] td.d-missing a.cell`).first();
  const label = (await missed.getAttribute('aria-label'))!;
  const day = label.slice(0, 10);
  expect(day.startsWith(prev)).toBe(true);
  await missed.click();
  await expect(page).toHaveURL(new RegExp(`/secretary/team/${ids.b}\\?.*day=${day}`));
  await expect(page.getByRole('heading', { name: `${day} 的记录` })).toBeVisible();
  // The team page lists every due day, done or not, and has a week view.
  await expect(page.getByTestId('due-days').getByRole('row').filter({ hasText: '缺失' }).first()).toBeVisible();
  const weekView = page.getByTestId('week-view');
  await expect(weekView).toBeVisible();
  const buttons = page.locator('a[href*="&week="]');
  const weekHref = (await buttons.nth(1).getAttribute('href'))!;
  const week = /week=(\d{4}-W\d{2})/.exec(weekHref)![1]!;
  await buttons.nth(1).click();
  await expect(page.getByRole('heading', { name: `一周视图：${weekLabel(week)}` })).toBeVisible();
  await expect(weekView.locator('tbody tr')).toHaveCount(7);
  await expect(weekView.locator('tbody tr').first()).toContainText(String(Number(weekDays(week)[0]!.slice(8))));

  // The current month: the 未完成 list, each item with its due date.
  await page.goto('/secretary/');
  const todo = page.getByTestId('todo');
  await expect(todo).toBeVisible();
  const items = await todo.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
  expect(items.length).toBeGreaterThan(0);
  const sunday = weekDays(isoWeekKey(today))[6]!;
  for (const [team, what, due] of items) {
    expect(['甲班', '乙班']).toContain(team);
    if (what!.startsWith('今日日跟班')) expect(due).toBe(`${shortDay(today)}前`);
    else if (what!.startsWith('本周周帮扶')) expect(due).toBe(`${shortDay(sunday)}前`);
    else {
      expect(what).toBe(`${monthLabel(prev)}月汇报`);
      expect(due).toMatch(/^\d+月\d+日前$/);
    }
  }
  // No report was sent for last month: both teams owe it.
  expect(items.filter((i) => i[1] === `${monthLabel(prev)}月汇报`).map((i) => i[0]).sort()).toEqual(['乙班', '甲班'].sort());
});

test('problem 6: the cards\' charts share one y scale and show the number on every bar', async ({ page }) => {
  await signIn(page);
  await page.goto(`/secretary/?month=${prev}`);
  const charts = await page.locator('section.card').evaluateAll((cards) => cards.map((card) => {
    const svg = card.querySelector('svg.chart')!;
    return {
      team: card.getAttribute('data-team')!,
      scale: Number(svg.getAttribute('data-scale')),
      bars: [...svg.querySelectorAll('rect[data-value]')].map((r) => ({
        value: Number(r.getAttribute('data-value')), height: Number(r.getAttribute('height')),
        shown: r.nextElementSibling?.tagName === 'text' ? r.nextElementSibling.textContent : null,
      })),
    };
  }));
  expect(charts.map((c) => c.team).sort()).toEqual([ids.a, ids.b].sort());
  const max = (c: (typeof charts)[number]) => Math.max(...c.bars.map((b) => b.value));
  const [a, b] = [charts.find((c) => c.team === ids.a)!, charts.find((c) => c.team === ids.b)!];
  expect(max(b), '乙 has smaller figures than 甲').toBeLessThan(max(a));
  expect(a.scale).toBe(b.scale);
  expect(a.scale).toBeGreaterThanOrEqual(max(a));
  for (const c of charts) {
    expect(c.bars).toHaveLength(18); // 6 months × 3 series
    for (const bar of c.bars) expect(bar.shown, 'the number above the bar').toBe(String(bar.value));
  }
  // One scale: height is proportional to the value with the same factor on both cards, so
  // the same value gives the same height, and 乙's tallest bar is shorter than 甲's.
  const all = charts.flatMap((c) => c.bars).filter((x) => x.value > 0);
  const k = all[0]!.height / all[0]!.value;
  for (const bar of all) expect(bar.height / bar.value).toBeCloseTo(k, 1);
  const tallest = (c: (typeof charts)[number]) => Math.max(...c.bars.map((x) => x.height));
  expect(tallest(b)).toBeLessThan(tallest(a));
  // Each card on its own scale (the code before) would differ: the data makes that so.
  expect(niceMax(max(b)), 'own scales would differ').toBeLessThan(niceMax(max(a)));
  // Rendered: a value found on both cards has bars of the same drawn height.
  const common = a.bars.map((x) => x.value).filter((v) => v > 0 && b.bars.some((y) => y.value === v));
  expect(common.length, 'a value on both cards').toBeGreaterThan(0);
  const drawn = (team: string) => page.locator(`section.card[data-team="${team}"] rect[data-value="${common[0]}"]`)
    .evaluateAll((rs) => rs.map((r) => Math.round((r as SVGGraphicsElement).getBoundingClientRect().height * 10)));
  const [da, db] = [await drawn(ids.a), await drawn(ids.b)];
  expect(da[0]).toBeGreaterThan(0);
  expect(new Set([...da, ...db])).toEqual(new Set([da[0]]));
});

test('problem 8: the month\'s Excel from the 导出 page has title, month, 合计 and A4 landscape', async ({ page }) => {
  await signIn(page);
  await page.goto('/secretary/exports');
  await page.getByRole('textbox', { name: '月份' }).fill(prev);
  await page.getByRole('button', { name: '选择' }).click();
  await expect(page.getByRole('heading', { name: monthLabel(prev), exact: true })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '月度汇总（Excel）' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const ws = wb.getWorksheet('汇总')!;
  expect(ws, 'a sheet 汇总').toBeTruthy();
  expect(String(ws.getCell('A1').value)).toBe(`${branchName} 班组小政委月度工作汇总`);
  expect(String(ws.getCell('A2').value)).toContain(`月份：${monthLabel(prev)}`);
  expect(String(ws.getCell('A2').value)).toContain('班组数：2');
  // Team rows between the header (row 3) and 合计; each number of 合计 is the sum of the rows.
  const head = ws.getRow(3).values as unknown[];
  expect(head).toContain('班组');
  const teamRows: unknown[][] = [];
  let total: unknown[] | null = null;
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).values as unknown[];
    if (v[1] === '合计') total = v;
    else if (v.length > 1) teamRows.push(v);
  }
  expect(total, 'a 合计 row').not.toBeNull();
  expect(teamRows).toHaveLength(2);
  let summed = 0;
  for (let col = 2; col < total!.length; col++) {
    if (typeof total![col] !== 'number') continue;
    expect(total![col], `合计 of ${String(head[col])}`).toBe(teamRows.reduce((s, r) => s + Number(r[col] ?? 0), 0));
    summed++;
  }
  expect(summed, 'numeric columns in 合计').toBeGreaterThan(3);
  expect(ws.pageSetup.paperSize).toBe(9);
  expect(ws.pageSetup.orientation).toBe('landscape');
  expect(ws.pageSetup.fitToWidth).toBe(1);
});

test('problem 9: a bad range gives a zh-CN error page, a good one a CSV with 日跟班, 周帮扶 and 隐患 with 整改期限', async ({ page }) => {
  await signIn(page);
  await page.goto('/secretary/exports');
  const days = monthDays(prev);
  await page.getByLabel('开始日期').fill(days[days.length - 1]!);
  await page.getByLabel('结束日期').fill(days[0]!);
  const [bad] = await Promise.all([page.waitForResponse((r) => r.url().includes('/export/entries.csv')), page.getByRole('button', { name: '下载 CSV' }).click()]);
  expect(bad.status()).toBe(400);
  expect(bad.headers()['content-type']).toMatch(/^text\/html/);
  await expect(page.getByRole('heading', { name: '请求有误' })).toBeVisible();
  await expect(page.getByText(/开始不晚于结束/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

  await page.goto('/secretary/exports');
  await page.getByLabel('开始日期').fill(addDays(days[0]!, -30));
  await page.getByLabel('结束日期').fill(days[days.length - 1]!);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
  const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = parseCsv(text);
  const head = lines[0]!;
  const col = (name: string) => head.indexOf(name);
  expect(col('整改期限')).toBeGreaterThan(0);
  const ofType = (t: string) => lines.slice(1).filter((l) => l[col('类型')] === t);
  const duties = ofType('日跟班');
  expect(duties.length).toBeGreaterThan(0);
  expect(new Set(duties.map((l) => l[col('状态')]))).not.toEqual(new Set(['跟班']));
  for (const l of duties) expect(['完成', '部分', '休息']).toContain(l[col('状态')]);
  expect(ofType('周帮扶').length).toBeGreaterThan(0);
  const hazards = ofType('隐患');
  expect(hazards.length).toBeGreaterThan(0);
  for (const l of hazards) expect(l[col('整改期限')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // Both teams are in the file.
  expect(new Set(duties.map((l) => l[col('班组')]))).toEqual(new Set(['甲班', '乙班']));
});

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); out.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); out.push(row); }
  return out;
}
