/**
 * Files ready to hand on (issue 16.8/16.9): the xlsx opened with exceljs and checked cell
 * by cell (title, month, 合计, widths that fit the Chinese headers, page setup, wrapped
 * text, the feedback column); the CSV line by line per record type; a bad CSV range as a
 * zh-CN page; the 导出 page offering every file for a picked month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { weekDays, weekLabel, weeksOfMonth } from '../../src/domain/calendar';
import { dutyProgress } from '../../src/domain/checklist';
import { computeMonthFigures } from '../../src/domain/report-figures';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { CSV_HEAD, CSV_TYPES } from '../../src/server/secretary/export-csv';
import { SUMMARY_HEAD, SUMMARY_HEADER_ROW, TEAM_WIDTHS } from '../../src/server/secretary/export-xlsx';
import { FIGURE_COLUMNS } from '../../src/server/secretary/figures-table';
import { textWidth } from '../../src/server/secretary/xlsx-layout';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { generateTeamData, type TeamData } from '../fixtures/generate';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

const MONTH = '2026-10';
const FEEDBACK = '回头看写得具体，班前会“一人一题”值得推广；下月请把薄弱人员排查的措施写清楚，并跟踪三号支架漏液隐患的整改到期情况。';
let s: TestServer;
let h: { cookie: string };
const teams: { row: TeamRow; data: TeamData }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  ['甲班', '乙班'].forEach((name, i) => {
    const row = createTeam(s.db, b.id, name, s.clock.now + i);
    const data = generateTeamData({ seed: 31 + i, months: 3, workers: 10 + i, endDay: '2026-11-02' });
    seedTeam(s.db, row, data, { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
    teams.push({ row, data });
  });
  // 甲班's October report is scored with a long feedback (the review page writes this row).
  const report = s.db.prepare("SELECT id FROM records WHERE tbl = 'reports' AND team_id = ? AND json_extract(body, '$.month') = ?")
    .get(teams[0]!.row.id, MONTH) as { id: string };
  s.db.prepare('INSERT INTO reviews (team_id, report_id, score, feedback, reviewed_at, seq) VALUES (?, ?, 88, ?, ?, 1)')
    .run(teams[0]!.row.id, report.id, FEEDBACK, s.clock.now);
  h = { cookie: (await signIn(s.url, 'sec', pw)).cookie };
});
afterAll(async () => {
  await s.stop();
});

async function workbook(): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${s.url}/secretary/export/branch.xlsx?month=${MONTH}`, { headers: h });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

describe('汇总 sheet ready to print and hand on', () => {
  it('has a title, the month, the header row, one row per team and a 合计 row of every figure', async () => {
    const sum = (await workbook()).getWorksheet('汇总')!;
    expect(String(sum.getCell('A1').value)).toBe('综采一队党支部 班组小政委月度工作汇总');
    expect(sum.getCell('A1').isMerged).toBe(true);
    expect(sum.getCell('A1').font.bold).toBe(true);
    expect(String(sum.getCell('A2').value)).toContain('月份：2026年10月');
    expect((sum.getRow(SUMMARY_HEADER_ROW).values as unknown[]).slice(1)).toEqual(SUMMARY_HEAD);
    const totals = sum.getRow(SUMMARY_HEADER_ROW + teams.length + 1);
    expect(totals.getCell(1).value).toBe('合计');
    FIGURE_COLUMNS.forEach((c, j) => {
      const expected = teams.reduce((acc, t) => acc + c.get(computeMonthFigures(MONTH, t.data)), 0);
      expect(totals.getCell(6 + j).value, c.label).toBe(expected);
    });
  });

  it('is wide enough for every Chinese header, A4 landscape one page wide, header row repeated', async () => {
    const sum = (await workbook()).getWorksheet('汇总')!;
    SUMMARY_HEAD.forEach((head, i) => {
      // A CJK character is 2 width units: 薄弱人员排查人次 needs 16 and must not be cut.
      expect(sum.getColumn(i + 1).width!, head).toBeGreaterThanOrEqual(textWidth(head) + 1);
    });
    expect(sum.getColumn(SUMMARY_HEAD.indexOf('困难职工帮扶次数') + 1).width).toBeGreaterThanOrEqual(17);
    expect(sum.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: SUMMARY_HEADER_ROW, xSplit: 1 });
  });

  it('carries the score and the review feedback, wrapped in a row tall enough to show it', async () => {
    const sum = (await workbook()).getWorksheet('汇总')!;
    const col = SUMMARY_HEAD.indexOf('反馈意见') + 1;
    const scored = sum.getRow(SUMMARY_HEADER_ROW + 1);
    expect(scored.getCell(1).value).toBe('甲班');
    expect(scored.getCell(SUMMARY_HEAD.indexOf('得分') + 1).value).toBe(88);
    expect(scored.getCell(col).value).toBe(FEEDBACK);
    expect(scored.getCell(col).alignment).toMatchObject({ wrapText: true });
    const lines = Math.ceil(textWidth(FEEDBACK) / (sum.getColumn(col).width! - 1));
    expect(lines).toBeGreaterThan(1);
    expect(scored.height).toBeGreaterThanOrEqual(15 * lines);
    expect(sum.getRow(SUMMARY_HEADER_ROW + 2).getCell(col).value ?? '').toBe(''); // 乙班 not scored
  });
});

describe('team sheets', () => {
  it('wrap the week labels and the 金点子 instead of cutting them, and print A4 landscape', async () => {
    const ws = (await workbook()).getWorksheet('甲班')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    const col = ws.getColumn(1).values.map(String);
    const label = weekLabel(weeksOfMonth(MONTH)[0]!);
    expect(textWidth(label)).toBeGreaterThan(TEAM_WIDTHS[0]!); // longer than its column: it must wrap
    const week = ws.getRow(col.indexOf(label));
    expect(week.getCell(1).alignment).toMatchObject({ wrapText: true });
    expect(week.height).toBeGreaterThanOrEqual(30);
    const idea = ws.getRow(col.indexOf('金点子') + 2);
    expect(idea.getCell(2).value).toBe('班前会“一人一题”提问');
    for (const c of [2, 5, 6]) expect(idea.getCell(c).alignment, `column ${c}`).toMatchObject({ wrapText: true });
    expect(idea.height).toBeGreaterThanOrEqual(30);
  });
});

async function csv(query: string): Promise<string[][]> {
  const res = await fetch(`${s.url}/secretary/export/entries.csv?${query}`, { headers: h });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // The generated text has no comma, quote or line break inside a cell.
  return new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('raw entries CSV carries every record type', () => {
  const col = (name: string) => CSV_HEAD.indexOf(name);

  it('has 日跟班 with 完成/部分/休息 as the dashboard counts them', async () => {
    const { row, data } = teams[0]!;
    const lines = await csv(`from=2026-10-01&to=2026-10-31&team=${row.id}`);
    expect(lines[0]).toEqual(CSV_HEAD);
    const duties = lines.filter((l) => l[col('类型')] === CSV_TYPES.duty);
    const expected = data.duties.filter((d) => !d.deleted && d.day >= '2026-10-01' && d.day <= '2026-10-31');
    expect(duties).toHaveLength(expected.length);
    for (const d of expected) {
      const l = duties.find((x) => x[col('记录编号')] === d.id)!;
      const fromDuty = data.hazards.filter((x) => x.dutyId === d.id && !x.deleted).length;
      expect(l[col('状态')]).toBe(d.dayOff ? '休息' : dutyProgress(d, fromDuty).complete ? '完成' : '部分');
      expect(l[col('日期')]).toBe(d.day);
    }
  });

  it('has one 周帮扶 line per help record of the weeks in the range, with the person and the week', async () => {
    const { row, data } = teams[0]!;
    const lines = await csv(`from=2026-10-01&to=2026-10-31&team=${row.id}`);
    const help = lines.filter((l) => l[col('类型')] === CSV_TYPES.help);
    const weeks = weeksOfMonth(MONTH);
    const expected = data.helpRecords.filter((r) => !r.deleted && weeks.includes(r.week));
    expect(expected.length).toBeGreaterThan(0);
    expect(help.map((l) => l[col('记录编号')]).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const r of expected) {
      const l = help.find((x) => x[col('记录编号')] === r.id)!;
      expect(l[col('周')]).toBe(weekLabel(r.week));
      expect(l[col('日期')]).toBe(weekDays(r.week)[0]);
      expect(l[col('人员')]).toBe(data.workers.find((w) => w.id === r.workerId)!.name);
      expect(l[col('内容')]).toBe(r.situation);
    }
  });

  it('has 困难职工帮扶 of the range and the 1+X pairs active in it', async () => {
    const { row, data } = teams[0]!;
    const lines = await csv(`from=2026-09-01&to=2026-10-31&team=${row.id}`);
    const name = (id: string) => data.workers.find((w) => w.id === id)!.name;
    const hardships = lines.filter((l) => l[col('类型')] === CSV_TYPES.hardship);
    const expected = data.hardships.filter((e) => !e.deleted && e.day >= '2026-09-01' && e.day <= '2026-10-31');
    expect(expected.length).toBeGreaterThan(0);
    expect(hardships.map((l) => l[col('记录编号')]).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const e of expected) {
      const l = hardships.find((x) => x[col('记录编号')] === e.id)!;
      expect([l[col('日期')], l[col('人员')], l[col('金额(元)')]]).toEqual([e.day, name(e.workerId), e.help === 'fund' ? String(e.amountYuan) : '']);
    }
    const pairs = lines.filter((l) => l[col('类型')] === CSV_TYPES.pair);
    const active = data.pairs.filter((p) => !p.deleted && p.since <= '2026-10-31' && (p.until ?? '9999') >= '2026-09-01');
    expect(active.length).toBeGreaterThan(0);
    expect(pairs.map((l) => l[col('记录编号')]).sort()).toEqual(active.map((p) => p.id).sort());
    const p = active[0]!;
    expect(pairs.find((l) => l[col('记录编号')] === p.id)![col('内容')]).toBe(`结对：${p.workerIds.map(name).join('、')}`);
  });

  it('has 隐患 with their 整改期限 and 销号日期', async () => {
    const { row, data } = teams[1]!;
    const lines = await csv(`from=2026-10-01&to=2026-10-31&team=${row.id}`);
    const hazards = lines.filter((l) => l[col('类型')] === CSV_TYPES.hazard);
    const expected = data.hazards.filter((x) => !x.deleted && x.foundDay >= '2026-10-01' && x.foundDay <= '2026-10-31');
    expect(hazards).toHaveLength(expected.length);
    expect(expected.some((x) => x.deadline)).toBe(true);
    for (const x of expected) {
      const l = hazards.find((y) => y[col('记录编号')] === x.id)!;
      expect(l[col('整改期限')]).toBe(x.deadline ?? '');
      expect(l[col('销号日期')]).toBe(x.closedDay ?? '');
      expect(l[col('状态')]).toBe(x.status === 'open' ? '未销号' : '已销号');
    }
  });

  it('answers a bad date range with a zh-CN HTML page, status 400', async () => {
    for (const q of ['from=2026-10-31&to=2026-10-01', 'from=2026-13-01&to=2026-10-01', 'to=2026-10-01']) {
      const res = await fetch(`${s.url}/secretary/export/entries.csv?${q}`, { headers: h });
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type'), q).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body).toContain('<html lang="zh-CN">');
      expect(body).toContain('开始不晚于结束');
    }
  });
});

describe('导出 page for any month', () => {
  it('has a month picker and, for the picked month, Excel, CSV of that month, and Word/print of every team', async () => {
    const res = await fetch(`${s.url}/secretary/exports?month=2026-09`, { headers: h });
    const body = await res.text();
    expect(body).toMatch(/<form method="get" action="\/secretary\/exports"[^>]*>[\s\S]*?<input type="month"[^>]*name="month" value="2026-09"/);
    const hrefs = [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(hrefs.some((x) => /^\/secretary\/export\/branch\.xlsx\?branch=[^&]+&month=2026-09$/.test(x))).toBe(true);
    expect(hrefs.some((x) => /^\/secretary\/export\/entries\.csv\?branch=[^&]+&from=2026-09-01&to=2026-09-30$/.test(x))).toBe(true);
    for (const { row } of teams) {
      expect(hrefs).toContain(`/secretary/export/report.docx?team=${row.id}&month=2026-09`);
      expect(hrefs).toContain(`/secretary/print?team=${row.id}&month=2026-09`);
    }
    // The dashboard of a month leads to that month's files.
    const dash = await (await fetch(`${s.url}/secretary/?month=2026-09`, { headers: h })).text();
    expect([...dash.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).some((x) => /^\/secretary\/exports\?branch=[^&]+&month=2026-09$/.test(x))).toBe(true);
  });
});
