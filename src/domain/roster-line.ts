/**
 * One line of the branch's 花名册 text (the secretary's roster form and its Excel import):
 * who the line names, with what 工种, and whether a party member. Pure, shared by the
 * server's parse and its tests.
 *
 * The format, as shown beside the form (ROSTER_LINE_FORMAT):
 *  - fields separated by a Tab, a comma (, ，), a 顿号 (、), a semicolon or two or more spaces:
 *    姓名, 工种, 党员 — "王 建国，安全员，党员" keeps the name 王建国;
 *  - with single spaces only, a last word 党员 marks a party member and, of what is left, the
 *    last word is the 工种 and the words before it the name ("王 建国 安全员 党员" → 王建国,
 *    安全员, 党员); two words where the first is one character are a spaced name ("王 建国");
 *    such lines are marked `guessed` so the preview asks to check them.
 * Spaces inside a Chinese name are alignment padding, not part of the name: they are removed.
 */

export interface RosterLine { name: string; post: string; partyMember: boolean; guessed: boolean }

export const ROSTER_LINE_FORMAT = '一行一人：姓名、工种、党员，用 Tab、逗号、顿号或两个以上空格分隔（工种、党员可省略）。例：王建国，安全员，党员';

const FIELD_SEP = /\t|[,，、;；]|\s{2,}|\u3000/;
const PARTY = new Set(['党员', '是', '√', '✓', 'Y', 'y', '中共党员']);
const NOT_PARTY = new Set(['', '否', '非党员', '群众', '×', 'N', 'n']);
const CJK = /\p{Script=Han}/u;

/** Chinese names lose their padding spaces ("王 建国" → 王建国); other names keep single spaces. */
export function cleanName(raw: string): string {
  const t = raw.trim().replace(/\s+/g, ' ');
  return t.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
}

/** Parses one non-empty line; null for a blank line. */
export function parseRosterLine(line: string): RosterLine | null {
  const t = line.trim();
  if (t === '') return null;
  if (FIELD_SEP.test(t)) {
    const fields = t.split(FIELD_SEP).map((f) => f.trim());
    const party = fields.slice(1).some((f) => PARTY.has(f));
    const rest = fields.slice(1).filter((f) => !PARTY.has(f) && !NOT_PARTY.has(f));
    return { name: cleanName(fields[0] ?? ''), post: rest[0] ?? '', partyMember: party, guessed: false };
  }
  const words = t.split(' ');
  const party = words.length > 1 && PARTY.has(words[words.length - 1]!);
  if (party) words.pop();
  if (words.length === 1) return { name: cleanName(words[0]!), post: '', partyMember: party, guessed: false };
  if (words.length === 2 && [...words[0]!].length === 1 && CJK.test(words[0]!)) {
    return { name: cleanName(words.join(' ')), post: '', partyMember: party, guessed: true };
  }
  const post = words.pop()!;
  return { name: cleanName(words.join(' ')), post, partyMember: party, guessed: words.length > 1 };
}

/** A line as the form writes it back: parsed again it gives the same fields. */
export function rosterLineText(x: { name: string; post: string; partyMember: boolean }): string {
  return [x.name, x.post, x.partyMember ? '党员' : ''].filter((f, i) => i === 0 || f !== '').join('，');
}
