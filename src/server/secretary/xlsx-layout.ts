/**
 * Print layout of the exported sheets: widths that fit Chinese text (a CJK character is
 * two Excel width units), wrapped long text with row heights that show it (Excel does not
 * re-measure rows of a generated file), and A4 landscape fitted to one page wide.
 */
import type ExcelJS from 'exceljs';

/** Excel width units of a text: 2 for CJK and full-width forms, 1 otherwise. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/**
 * A column as wide as its widest header or value (+2 for padding), within [min, max]; longer
 * text wraps. min stays above 9: exceljs reads a width of exactly 9 back as no width.
 */
export function fitWidth(texts: readonly string[], min = 10, max = 40): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => textWidth(t) + 2)));
}

/** One line of 11-pt text in Excel points. */
export const LINE_HEIGHT = 15;

/** Lines a row needs so that each wrapped cell shows whole. */
export function wrappedLines(values: readonly unknown[], widths: readonly number[]): number {
  let lines = 1;
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !v) return;
    const w = Math.max(1, (widths[i] ?? 10) - 1);
    const n = v.split('\n').reduce((acc, part) => acc + Math.max(1, Math.ceil(textWidth(part) / w)), 0);
    lines = Math.max(lines, n);
  });
  return lines;
}

export const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** A4 (paperSize 9) landscape, one page wide, as many pages long as needed. */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

/**
 * Header rows repeated on every printed page. exceljs' streaming writer drops
 * pageSetup.printTitlesRow (its workbook part reads sheets under another name), so the
 * defined names are given to it directly: _xlnm.Print_Titles per sheet index.
 */
export function setPrintTitles(wb: ExcelJS.stream.xlsx.WorkbookWriter, titles: { sheet: string; index: number; rows: string }[]): void {
  const model = titles.map((t) => {
    const [a, b] = t.rows.split(':');
    return { name: '_xlnm.Print_Titles', ranges: [`'${t.sheet.replace(/'/g, "''")}'!$${a}:$${b}`], localSheetId: t.index };
  });
  (wb as unknown as { _definedNames: { model: unknown } })._definedNames = { model };
}
