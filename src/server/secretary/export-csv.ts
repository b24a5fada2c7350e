/**
 * 原始记录 CSV for a date range: one line per 日跟班 and per 隐患 of the visible teams.
 * Written as an async generator of chunks, team by team and page by page of SQL rows, so
 * a year of a whole branch streams without being held in memory. UTF-8 with BOM so
 * Excel on Windows opens the Chinese text correctly; formula-looking cells are quoted
 * with a leading apostrophe (CSV injection).
 */
import { WEAK_REASONS } from '../../domain/checklist';
import { xmlSafe } from '../../domain/xml-text';
import type { DailyDuty, DayKey, Hazard } from '../../domain/types';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';

export const CSV_HEAD = ['班组', '类型', '日期', '班次', '状态', '谈心人数', '薄弱人员人次', '薄弱原因', '班前教育', '内容', '责任人', '销号日期', '记录编号'];
const PAGE = 500;

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  // Controls, U+FFFE/U+FFFF and lone surrogates out first (a lone surrogate is not even
  // UTF-8), then the formula guard on what is left.
  let s = xmlSafe(String(v));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export async function* entriesCsv(db: Sqlite, teams: readonly TeamRow[], from: DayKey, to: DayKey): AsyncGenerator<string> {
  yield `\uFEFF${line(CSV_HEAD)}`;
  const q = db.prepare(`SELECT tbl, id, body FROM records WHERE team_id = ? AND deleted = 0 AND tbl IN ('duties', 'hazards')
    AND COALESCE(json_extract(body, '$.day'), json_extract(body, '$.foundDay')) BETWEEN ? AND ?
    ORDER BY COALESCE(json_extract(body, '$.day'), json_extract(body, '$.foundDay')), tbl, id LIMIT ? OFFSET ?`);
  for (const team of teams) {
    for (let offset = 0; ; offset += PAGE) {
      const rows = q.all(team.id, from, to, PAGE, offset) as { tbl: string; id: string; body: string }[];
      let chunk = '';
      for (const r of rows) {
        if (r.tbl === 'duties') {
          const d = JSON.parse(r.body) as DailyDuty;
          chunk += line([team.name, '日跟班', d.day, d.shiftName, d.dayOff ? '休息' : '跟班', d.talks.workerIds.length, d.weak.entries.length,
            [...new Set(d.weak.entries.flatMap((e) => e.reasons.map((x) => WEAK_REASONS[x])))].join('、'), d.lessonTopic, d.organisationNote, null, null, d.id]);
        } else {
          const h = JSON.parse(r.body) as Hazard;
          chunk += line([team.name, '隐患', h.foundDay, h.shiftName, h.status === 'open' ? '未销号' : '已销号', null, null, null, null,
            h.description, h.responsible, h.closedDay, h.id]);
        }
      }
      if (chunk) yield chunk;
      if (rows.length < PAGE) break;
      await new Promise((r) => setImmediate(r)); // let phones' pushes in between pages
    }
  }
}
