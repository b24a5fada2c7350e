/**
 * Text made safe for XML 1.0 (§2.2 Char): removes the C0 controls other than tab, line
 * feed and carriage return, U+FFFE, U+FFFF and surrogates without their pair. The record
 * schemas accept any string a phone sends, and one such character makes an xlsx sheet or
 * a docx document.xml ill-formed (Excel and LibreOffice then drop rows or refuse the
 * file). Every string that goes into an export (xlsx, docx, CSV) passes through here.
 * No lookbehind in the pattern: src/domain also runs on the phones' oldest browsers.
 */
const ANY_SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
const FORBIDDEN = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g;

export function xmlSafe(text: string): string {
  if (!ANY_SUSPECT.test(text)) return text; // the common case: no copy
  // A well-formed pair (two code units) is kept; anything else matched is dropped.
  return text.replace(FORBIDDEN, (m) => (m.length === 2 ? m : ''));
}

/** xmlSafe for the strings of a row of cells; numbers, dates and empty cells pass as they are. */
export function xmlSafeCells<T>(cells: readonly T[]): T[] {
  return cells.map((v) => (typeof v === 'string' ? (xmlSafe(v) as T) : v));
}
