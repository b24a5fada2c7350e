/**
 * 月度导出 (.xlsx) for a branch: a 汇总 sheet (one row per team: every computed figure and
 * the score) and one detail sheet per team (日跟班, 周帮扶, 隐患, 金点子). Written with
 * exceljs' streaming WorkbookWriter, one team in memory at a time: the summary is
 * computed in a first pass (figures only) because an open sheet holds the zip back.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { adoptedIds } from './ideas';
import { monthLabel, weekLabel, weeksOfMonth } from '../../domain/calendar';
import { dutyProgress } from '../../domain/checklist';
import { riskTypeLabels } from '../../domain/risk-types';
import { xmlSafe, xmlSafeCells } from '../../domain/xml-text';
import type { DayKey, MonthKey } from '../../domain/types';
import { HELP_RESULT_LABELS, WEEK_STATUS_LABELS, weekStatus } from '../../domain/weekly';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';
import {
  REPORT_STATE_LABEL, cachedFigures, loadMonthDetail, loadTeam, monthRange, reportOfMonth, reportState, workerName, type TeamRecords,
} from './data';
import { FIGURE_COLUMNS } from './figures-table';
import { dailyRate } from './rubric';
import { A4_LANDSCAPE, LINE_HEIGHT, WRAP, fitWidth, setPrintTitles, wrappedLines } from './xlsx-layout';
import { dayStates, dueTeam } from './due-states';
import { today as dayOf } from './params';

export const SUMMARY_SHEET = '汇总';
export const SUMMARY_HEAD = ['班组', '小政委', '月汇报状态', '得分', '日跟班完成率', ...FIGURE_COLUMNS.map((c) => c.label), '反馈意见'];
/** Rows above the header on 汇总: the title and the month line. */
export const SUMMARY_HEADER_ROW = 3;
const FIRST_FIGURE = 6; // column F: the first of FIGURE_COLUMNS
const FEEDBACK_WIDTH = 40;

/** A real date cell for a 'yyyy-MM-dd' key (Excel serials are UTC-based in exceljs). */
export function dateCell(day: DayKey | null): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

/** Excel: ≤ 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetName(name: string, used: Set<string>): string {
  const base = xmlSafe(name).replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '班组';
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
  used.add(n);
  return n;
}

/** `now`: the clock, for the due rule (today's unfinished shift is not counted as missed). */
export async function writeBranchXlsx(db: Sqlite, teams: readonly TeamRow[], month: MonthKey, out: Writable, now: number, branchName = ''): Promise<void> {
  const today = dayOf(now);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '班组小政委';
  const range = monthRange(month);
  // First pass: the summary rows (figures only, a few numbers a team), so the widths can fit them.
  const rows = teams.map((team) => {
    const d = loadTeam(db, team.id, range);
    const f = cachedFigures(db, team.id, month, d);
    const rs = reportState(db, team.id, reportOfMonth(d, month));
    // Every string cell through xmlSafe: one U+FFFE from a phone would make the sheet's XML ill-formed.
    return xmlSafeCells([team.name, d.team?.instructorName ?? '', REPORT_STATE_LABEL[rs.state], rs.review?.score ?? null,
      dailyRate(dayStates(month, d, dueTeam(db, team, d), now)), ...FIGURE_COLUMNS.map((c) => c.get(f)), rs.review?.feedback ?? '']);
  });
  const summary = wb.addWorksheet(SUMMARY_SHEET, {
    views: [{ state: 'frozen', ySplit: SUMMARY_HEADER_ROW, xSplit: 1 }],
    pageSetup: A4_LANDSCAPE,
  });
  const widths = SUMMARY_HEAD.map((h, i) => (i === SUMMARY_HEAD.length - 1 ? FEEDBACK_WIDTH
    : fitWidth([h, ...rows.map((r) => (typeof r[i] === 'string' ? r[i] : ''))], 10, 24)));
  summary.columns = widths.map((width) => ({ width }));
  summary.getColumn(5).numFmt = '0%';
  const last = SUMMARY_HEAD.length;
  const title = summary.addRow([xmlSafe(`${branchName ? `${branchName} ` : ''}班组小政委月度工作汇总`)]);
  title.font = { bold: true, size: 16 };
  title.height = 24;
  const sub = summary.addRow([`月份：${monthLabel(month)}　　班组数：${teams.length}　　统计至：${today < range.to ? today : range.to}`]);
  // Merged before the rows are committed: the streaming writer cannot reach back.
  summary.mergeCells(1, 1, 1, last);
  summary.mergeCells(2, 1, 2, last);
  title.commit();
  sub.commit();
  const head = summary.addRow(SUMMARY_HEAD);
  head.font = { bold: true };
  head.eachCell((cell) => { cell.alignment = { vertical: 'middle', horizontal: 'center' }; });
  head.commit();
  for (const values of rows) {
    const r = summary.addRow(values);
    r.getCell(last).alignment = WRAP;
    r.height = LINE_HEIGHT * wrappedLines(values, widths);
    r.commit();
  }
  // 合计 as plain numbers: a formula's cached 0 is dropped by exceljs, and not every viewer recalculates.
  const totals: unknown[] = ['合计', '', '', null, null,
    ...FIGURE_COLUMNS.map((_, j) => rows.reduce((acc, r) => acc + (r[FIRST_FIGURE - 1 + j] as number), 0))];
  const total = summary.addRow(totals);
  total.font = { bold: true };
  total.commit();
  summary.commit();
  const used = new Set([SUMMARY_SHEET]);
  const titles = [{ sheet: SUMMARY_SHEET, index: 0, rows: `${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}` }];
  // The calendar's time-zone maths is slow (~0.4 ms a call): weeks and labels once per export.
  const weeks = weeksOfMonth(month).map((week) => ({ week, label: weekLabel(week) }));
  for (const team of teams) {
    const detail = loadMonthDetail(db, team.id, month, weeks.map((w) => w.week));
    teamSheet(db, team.id, wb.addWorksheet(sheetName(team.name, used), { pageSetup: A4_LANDSCAPE }), detail, month, weeks);
  }
  setPrintTitles(wb, titles);
  await wb.commit();
}

type Sheet = ExcelJS.Worksheet;

function section(ws: Sheet, title: string, head: string[]): void {
  const t = ws.addRow([title]);
  t.font = { bold: true, size: 12 };
  t.commit();
  const h = ws.addRow(head);
  h.font = { bold: true };
  h.commit();
}

/** Team sheet columns: the week label (第44周 10月26日–11月1日) and 金点子 wrap within these. */
export const TEAM_WIDTHS = [14, 14, 14, 16, 30, 30, 14, 14];

function teamSheet(db: Sqlite, teamId: string, ws: Sheet, d: TeamRecords, month: MonthKey, weeks: { week: string; label: string }[]): void {
  ws.columns = TEAM_WIDTHS.map((width) => ({ width }));
  const { from, to } = monthRange(month);
  const row = (raw: unknown[], pct?: number) => {
    const values = xmlSafeCells(raw);
    const r = ws.addRow(values);
    values.forEach((v, i) => {
      const cell = r.getCell(i + 1);
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      else if (typeof v === 'string') cell.alignment = WRAP;
      if (i + 1 === pct) cell.numFmt = '0%';
    });
    const lines = wrappedLines(values, TEAM_WIDTHS);
    if (lines > 1) r.height = LINE_HEIGHT * lines;
    r.commit();
  };
  section(ws, '日跟班', ['日期', '班次', '完成情况', '完成项/总项', '班前教育', '文件传达', '谈心人数', '薄弱人员']);
  for (const x of d.duties.filter((x) => !x.deleted && x.day >= from && x.day <= to)) {
    const p = dutyProgress(x, d.hazards.filter((h) => h.dutyId === x.id && !h.deleted).length);
    row([dateCell(x.day), x.shiftName, x.dayOff ? '休息' : p.complete ? '完成' : '部分', x.dayOff ? null : p.done / p.total,
      x.lessonTopic, x.documents.items.join('；'), x.talks.workerIds.length, x.weak.entries.map((e) => workerName(d, e.workerId)).join('、')], 4);
  }
  row([]);
  section(ws, '周帮扶', ['周', '完成情况', '人员', '类型', '情况', '措施', '结果', '下一步']);
  for (const { week, label } of weeks) {
    const recs = d.helpRecords.filter((r) => !r.deleted && r.week === week);
    const status = WEEK_STATUS_LABELS[weekStatus(d.weeklyScreenings.find((s) => !s.deleted && s.week === week), recs)];
    if (recs.length === 0) row([label, status]);
    for (const r of recs) {
      row([label, status, workerName(d, r.workerId), riskTypeLabels(d.riskTypes, r.riskTypeIds).join('、'),
        r.situation, r.measures, r.result ? HELP_RESULT_LABELS[r.result] : '未填', r.nextStep]);
    }
  }
  row([]);
  section(ws, '隐患', ['发现日期', '班次', '状态', '责任人', '内容', '销号说明', '整改期限', '销号日期']);
  for (const h of d.hazards.filter((h) => !h.deleted && h.foundDay <= to && (h.status === 'open' || (h.closedDay ?? '') >= from))) {
    row([dateCell(h.foundDay), h.shiftName, h.status === 'open' ? '未销号' : '已销号', h.responsible, h.description, h.closeNote,
      dateCell(h.deadline), dateCell(h.closedDay)]);
  }
  row([]);
  section(ws, '金点子', ['月份', '标题', '采纳', '', '内容', '预期效果']);
  const report = reportOfMonth(d, month);
  const adopted = report ? adoptedIds(db, teamId, report.id) : new Set<string>();
  for (const i of report?.submissions.at(-1)?.text.ideas ?? []) {
    row([month, i.title, adopted.has(i.id) ? '已采纳' : '未采纳', '', i.content, i.expectedEffect]);
  }
  ws.commit();
}
