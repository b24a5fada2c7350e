/**
 * Exports read back with real readers: the xlsx parsed by exceljs (sheets, headers,
 * real dates, figures equal to computeMonthFigures of the same generated records), the
 * docx unzipped with JSZip and its text checked, the CSV and the A4 print page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { computeMonthFigures } from '../../src/domain/report-figures';
import { generateTeamData, type TeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { csvCell, CSV_HEAD } from '../../src/server/secretary/export-csv';
import { SUMMARY_HEAD, SUMMARY_HEADER_ROW, sheetName } from '../../src/server/secretary/export-xlsx';
import { FIGURE_COLUMNS } from '../../src/server/secretary/figures-table';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

const MONTH = '2026-10';
let s: TestServer;
let h: { cookie: string };
const teams: { row: TeamRow; data: TeamData }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  ['甲班', '乙班', '掘进/检修[夜]班'].forEach((name, i) => {
    const row = createTeam(s.db, b.id, name, s.clock.now + i);
    const data = generateTeamData({ seed: 11 + i, months: 3, workers: 12 + i, endDay: '2026-11-02' });
    seedTeam(s.db, row, data, { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
    teams.push({ row, data });
  });
  h = { cookie: (await signIn(s.url, 'sec', pw)).cookie };
});
afterAll(async () => {
  await s.stop();
});

describe('branch month .xlsx', () => {
  it('has a summary row per team with every figure of computeMonthFigures, and a detail sheet per team', async () => {
    const res = await fetch(`${s.url}/secretary/export/branch.xlsx?month=${MONTH}`, { headers: h });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '甲班', '乙班', '掘进_检修_夜_班']);
    const sum = wb.getWorksheet('汇总')!;
    expect((sum.getRow(SUMMARY_HEADER_ROW).values as unknown[]).slice(1)).toEqual(SUMMARY_HEAD);
    teams.forEach(({ row, data }, i) => {
      const f = computeMonthFigures(MONTH, data);
      const values = (sum.getRow(SUMMARY_HEADER_ROW + 1 + i).values as unknown[]).slice(1);
      expect(values[0]).toBe(row.name);
      expect(values[2]).toBe('已提交');
      const figures = values.slice(5, 5 + FIGURE_COLUMNS.length);
      expect(figures).toEqual(FIGURE_COLUMNS.map((c) => c.get(f)));
      expect(figures.every((v) => typeof v === 'number')).toBe(true);
      expect(typeof values[4]).toBe('number'); // 日跟班完成率, formatted 0%
    });
    const detail = wb.getWorksheet('甲班')!;
    expect(detail.getCell('A1').value).toBe('日跟班');
    expect((detail.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['日期', '班次', '完成情况']);
    const first = detail.getCell('A3').value;
    expect(first).toBeInstanceOf(Date);
    expect((first as Date).toISOString().slice(0, 7)).toBe(MONTH);
    expect(detail.getCell('A3').numFmt).toBe('yyyy-mm-dd');
    const col = detail.getColumn(1).values.map(String);
    for (const title of ['周帮扶', '隐患', '金点子']) expect(col).toContain(title);
    const ideas = col.indexOf('金点子');
    expect(detail.getRow(ideas + 2).getCell(2).value).toBe('班前会“一人一题”提问');
    const dutyRows = col.slice(3, col.indexOf('周帮扶')).filter((v) => v !== 'undefined').length;
    expect(dutyRows).toBe(computeMonthFigures(MONTH, teams[0]!.data).daily.total.value);
    const hazardRows = col.slice(col.indexOf('隐患') + 2, col.indexOf('金点子')).filter((v) => v !== 'undefined').length;
    expect(hazardRows).toBe(teams[0]!.data.hazards.filter((x) => x.foundDay <= '2026-10-31' && (x.status === 'open' || (x.closedDay ?? '') >= '2026-10-01')).length);
  });

  it('names sheets within Excel rules', () => {
    const used = new Set(['汇总']);
    expect(sheetName('汇总', used)).toBe('汇总_2');
    expect(sheetName('a'.repeat(40), used)).toHaveLength(28);
    expect(sheetName('a:b*c?', used)).toBe('a_b_c_');
  });
});

describe('one team report .docx and print page', () => {
  it('is a formal document with title, team, figures, written parts, review and signatures', async () => {
    const { row, data } = teams[0]!;
    const res = await fetch(`${s.url}/secretary/export/report.docx?team=${row.id}&month=${MONTH}`, { headers: h });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text).toContain('班组小政委月度工作汇报');
    expect(text).toContain('班组：甲班');
    expect(text).toContain('2026年10月');
    expect(text).toContain('一、回头看');
    expect(text).toContain('三、次月工作重点');
    expect(text).toContain('党支部书记（签字）');
    const f = computeMonthFigures(MONTH, data);
    const talks = xml.indexOf('谈心次数');
    expect(talks).toBeGreaterThan(0);
    expect(text.split('\n')).toContain(String(f.daily.talks.count.value));
  });

  it('prints on A4 with the same content', async () => {
    const { row } = teams[0]!;
    const res = await fetch(`${s.url}/secretary/print?team=${row.id}&month=${MONTH}`, { headers: h });
    const page = await res.text();
    expect(page).toContain('<h1>班组小政委月度工作汇报</h1>');
    expect(page).toContain('class="print"');
    expect(page).not.toMatch(/style=/);
  });
});

describe('raw entries .csv', () => {
  it('lists every duty and hazard of the range, with a BOM and Chinese headers', async () => {
    const { row, data } = teams[1]!;
    const res = await fetch(`${s.url}/secretary/export/entries.csv?from=2026-10-01&to=2026-10-31&team=${row.id}`, { headers: h });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_HEAD.join(','));
    const duties = data.duties.filter((d) => d.day >= '2026-10-01' && d.day <= '2026-10-31').length;
    const hazards = data.hazards.filter((x) => x.foundDay >= '2026-10-01' && x.foundDay <= '2026-10-31').length;
    // Weekly help has its own lines (export-handon.test.ts); here the duty and hazard ones.
    const type = CSV_HEAD.indexOf('类型');
    expect(lines.slice(1).filter((l) => ['日跟班', '隐患'].includes(l.split(',')[type]!)).length).toBe(duties + hazards);
  });

  it('refuses a bad range in zh-CN and defuses formula cells', async () => {
    const res = await fetch(`${s.url}/secretary/export/entries.csv?from=2026-10-31&to=2026-10-01`, { headers: h });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('开始不晚于结束');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('张三,李四')).toBe('"张三,李四"');
  });
});
