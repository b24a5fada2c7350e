/**
 * Excel 花名册 import: the first sheet of an .xlsx, read with exceljs, becomes roster lines in
 * the text format (roster-line.ts), which then go through the same parse and preview as a
 * typed roster. Columns are found by their header (姓名, 工种/岗位, 党员/政治面貌); a sheet
 * without such a header is read as 姓名, 工种, 党员 in columns A–C.
 */
import ExcelJS from 'exceljs';
import { cleanName, rosterLineText } from '../../domain/roster-line';

export type Imported = { ok: true; text: string; rows: number } | { ok: false; error: string };

const PARTY = /^(党员|中共党员|是|√|✓|y|yes)$/i;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return '';
    return '';
  }
  return String(v).trim();
}

export async function readRosterXlsx(data: ArrayBuffer): Promise<Imported> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data);
  } catch {
    return { ok: false, error: '无法读取该文件：请上传 Excel 的 .xlsx 文件（旧的 .xls 请先另存为 .xlsx）' };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { ok: false, error: '该 Excel 文件中没有工作表' };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= Math.min(row.cellCount, 20); i++) cells.push(cellText(row.getCell(i).value).trim());
    rows.push(cells);
  });
  const headerAt = rows.findIndex((r, i) => i < 5 && r.some((c) => c.replace(/\s/g, '') === '姓名'));
  const header = headerAt >= 0 ? rows[headerAt]!.map((c) => c.replace(/\s/g, '')) : [];
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const [nameCol, postCol, partyCol] = headerAt >= 0 ? [col('姓名'), col('工种', '岗位', '职务'), col('党员', '政治面貌', '是否党员')] : [0, 1, 2];
  const lines: string[] = [];
  for (const r of rows.slice(headerAt + 1)) {
    const name = cleanName(r[nameCol] ?? '');
    if (name === '') continue;
    const party = partyCol >= 0 && PARTY.test((r[partyCol] ?? '').trim());
    lines.push(rosterLineText({ name, post: postCol >= 0 ? (r[postCol] ?? '').trim() : '', partyMember: party }));
  }
  if (lines.length === 0) return { ok: false, error: '表中没有找到人员：第一行应为表头「姓名、工种、党员」，下面一行一人' };
  return { ok: true, text: lines.join('\n'), rows: lines.length };
}
