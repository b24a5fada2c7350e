/**
 * 原始记录 CSV for a date range: one line per 日跟班 (完成/部分/休息 as on the dashboard),
 * per 周帮扶 record (weeks whose Thursday is in the range, the ISO rule of weeksOfMonth)
 * per 困难职工帮扶, per 1+X pair active in the range, and per 隐患 (with its 整改期限) of
 * the visible teams.
 * Written as an async generator of chunks, team by team and page by page of SQL rows, so
 * a year of a whole branch streams without being held in memory. UTF-8 with BOM so
 * Excel on Windows opens the Chinese text correctly; formula-looking cells are quoted
 * with a leading apostrophe (CSV injection).
 */
import { addDays, isoWeekKey, weekDays, weekLabel } from '../../domain/calendar';
import { WEAK_REASONS, dutyProgress } from '../../domain/checklist';
import { riskTypeLabels, type RiskType } from '../../domain/risk-types';
import { xmlSafe } from '../../domain/xml-text';
import type { DailyDuty, DayKey, Hazard, WeekKey, Worker } from '../../domain/types';
import { HARDSHIP_HELP_LABELS, HELP_RESULT_LABELS, type HardshipEntry, type HelpRecord, type PairRecord } from '../../domain/weekly';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';

export const CSV_HEAD = [
  '班组', '类型', '日期', '周', '班次', '状态', '谈心人数', '薄弱人员人次', '薄弱原因', '班前教育',
  '人员', '帮扶类型', '内容', '措施', '下一步', '金额(元)', '责任人', '整改期限', '销号日期', '销号说明', '记录编号',
];
/** The 类型 column, one per record type. */
export const CSV_TYPES = { duty: '日跟班', help: '周帮扶', hardship: '困难职工帮扶', pair: '1+X结对', hazard: '隐患' } as const;
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

/** One CSV line by column name, so each record type fills only its own columns. */
function row(cells: Partial<Record<(typeof CSV_HEAD)[number], string | number | null>>): string {
  return line(CSV_HEAD.map((h) => cells[h] ?? null));
}

/** ISO weeks whose Thursday lies in [from, to]. */
export function weeksInRange(from: DayKey, to: DayKey): WeekKey[] {
  const out: WeekKey[] = [];
  for (let w = isoWeekKey(addDays(from, -3)); ; ) {
    const thursday = weekDays(w)[3]!;
    if (thursday > to) break;
    if (thursday >= from) out.push(w);
    w = isoWeekKey(addDays(weekDays(w)[0]!, 7));
  }
  return out;
}

function dutyLine(team: string, d: DailyDuty, hazardsFromDuty: number): string {
  const status = d.dayOff ? '休息' : dutyProgress(d, hazardsFromDuty).complete ? '完成' : '部分';
  return row({
    班组: team, 类型: CSV_TYPES.duty, 日期: d.day, 班次: d.shiftName, 状态: status,
    谈心人数: d.dayOff ? null : d.talks.workerIds.length, 薄弱人员人次: d.dayOff ? null : d.weak.entries.length,
    薄弱原因: [...new Set(d.weak.entries.flatMap((e) => e.reasons.map((x) => WEAK_REASONS[x])))].join('、'),
    班前教育: d.lessonTopic, 内容: d.organisationNote, 记录编号: d.id,
  });
}

function hazardLine(team: string, h: Hazard): string {
  return row({
    班组: team, 类型: CSV_TYPES.hazard, 日期: h.foundDay, 班次: h.shiftName, 状态: h.status === 'open' ? '未销号' : '已销号',
    内容: h.description, 销号说明: h.closeNote, 责任人: h.responsible, 整改期限: h.deadline, 销号日期: h.closedDay, 记录编号: h.id,
  });
}

function hardshipLine(team: string, e: HardshipEntry, name: (id: string) => string): string {
  return row({
    班组: team, 类型: CSV_TYPES.hardship, 日期: e.day, 状态: HARDSHIP_HELP_LABELS[e.help], 人员: name(e.workerId), 帮扶类型: e.kind,
    内容: e.note, 下一步: e.followUp, '金额(元)': e.help === 'fund' ? e.amountYuan : null, 记录编号: e.id,
  });
}

export async function* entriesCsv(db: Sqlite, teams: readonly TeamRow[], from: DayKey, to: DayKey): AsyncGenerator<string> {
  yield `\uFEFF${line(CSV_HEAD)}`;
  const q = db.prepare(`SELECT tbl, id, body FROM records WHERE team_id = ? AND deleted = 0 AND tbl IN ('duties', 'hardships', 'hazards')
    AND COALESCE(json_extract(body, '$.day'), json_extract(body, '$.foundDay')) BETWEEN ? AND ?
    ORDER BY COALESCE(json_extract(body, '$.day'), json_extract(body, '$.foundDay')), tbl, id LIMIT ? OFFSET ?`);
  // A duty's 隐患 section counts as answered by the hazards recorded from it (dutyProgress).
  const fromDuty = db.prepare(`SELECT json_extract(body, '$.dutyId') AS duty, COUNT(*) AS n FROM records
    WHERE team_id = ? AND tbl = 'hazards' AND deleted = 0 AND json_extract(body, '$.dutyId') IS NOT NULL GROUP BY duty`);
  const labels = db.prepare("SELECT tbl, body FROM records WHERE team_id = ? AND tbl IN ('workers', 'riskTypes')");
  const weeks = weeksInRange(from, to);
  const pairs = db.prepare(`SELECT body FROM records WHERE team_id = ? AND deleted = 0 AND tbl = 'pairs'
    AND json_extract(body, '$.since') <= ? AND COALESCE(json_extract(body, '$.until'), '9999-12-31') >= ? ORDER BY json_extract(body, '$.since'), id`);
  const help = db.prepare(`SELECT body FROM records WHERE team_id = ? AND deleted = 0 AND tbl = 'helpRecords'
    AND json_extract(body, '$.week') IN (SELECT value FROM json_each(?)) ORDER BY json_extract(body, '$.week'), id`);
  for (const team of teams) {
    const names = new Map<string, string>();
    const types: RiskType[] = [];
    for (const l of labels.all(team.id) as { tbl: string; body: string }[]) {
      if (l.tbl === 'workers') {
        const w = JSON.parse(l.body) as Worker;
        names.set(w.id, w.name);
      } else types.push(JSON.parse(l.body) as RiskType);
    }
    const name = (id: string) => names.get(id) ?? '（已移除人员）';
    const hazardsOf = new Map((fromDuty.all(team.id) as { duty: string; n: number }[]).map((r) => [r.duty, r.n]));
    for (let offset = 0; ; offset += PAGE) {
      const rows = q.all(team.id, from, to, PAGE, offset) as { tbl: string; id: string; body: string }[];
      let chunk = '';
      for (const r of rows) {
        if (r.tbl === 'duties') {
          const d = JSON.parse(r.body) as DailyDuty;
          chunk += dutyLine(team.name, d, hazardsOf.get(d.id) ?? 0);
        } else if (r.tbl === 'hardships') chunk += hardshipLine(team.name, JSON.parse(r.body) as HardshipEntry, name);
        else chunk += hazardLine(team.name, JSON.parse(r.body) as Hazard);
      }
      if (chunk) yield chunk;
      if (rows.length < PAGE) break;
      await new Promise((r) => setImmediate(r)); // let phones' pushes in between pages
    }
    // Help records are a few a week, pairs a few a team: one query each per team.
    let chunk = '';
    for (const { body } of pairs.all(team.id, to, from) as { body: string }[]) {
      const p = JSON.parse(body) as PairRecord;
      chunk += row({
        班组: team.name, 类型: CSV_TYPES.pair, 日期: p.since, 状态: p.until ? `至 ${p.until}` : '进行中',
        人员: name(p.mentorId), 内容: `结对：${p.workerIds.map(name).join('、')}`, 记录编号: p.id,
      });
    }
    for (const { body } of help.all(team.id, JSON.stringify(weeks)) as { body: string }[]) {
      const h = JSON.parse(body) as HelpRecord;
      chunk += row({
        班组: team.name, 类型: CSV_TYPES.help, 日期: weekDays(h.week)[0]!, 周: weekLabel(h.week), 状态: h.result ? HELP_RESULT_LABELS[h.result] : '未填',
        人员: name(h.workerId), 帮扶类型: riskTypeLabels(types, h.riskTypeIds).join('、'),
        内容: h.situation, 措施: h.measures, 下一步: h.nextStep, 记录编号: h.id,
      });
    }
    if (chunk) yield chunk;
  }
}
