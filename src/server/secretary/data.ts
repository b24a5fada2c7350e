/**
 * Reads a team's records (stored by push as JSON bodies) back into domain types and
 * computes the month's figures with the shared computeMonthFigures: the server never
 * counts on its own. One team at a time, so a branch export holds one team in memory.
 */
import { monthDays } from '../../domain/calendar';
import { computeMonthFigures, type MonthFigures } from '../../domain/report-figures';
import type { MonthlyReport } from '../../domain/report';
import type { RiskType } from '../../domain/risk-types';
import type { DailyDuty, DayKey, Hazard, MonthKey, Team, Worker } from '../../domain/types';
import type { HardshipEntry, HelpRecord, PairRecord, WeeklyScreening } from '../../domain/weekly';
import type { Sqlite } from '../db';
import { validateRecordBody } from '../../domain/record-schemas';
import type { SyncTableName } from '../../domain/sync-protocol';
import { teamConfigKey, type WorkerMerge } from '../../domain/branch-config';
import { mergeMap, rewriteWorkerRefs } from '../../domain/worker-merge';

export interface TeamRecords {
  team: Team | null;
  duties: DailyDuty[];
  hazards: Hazard[];
  workers: Worker[];
  riskTypes: RiskType[];
  weeklyScreenings: WeeklyScreening[];
  helpRecords: HelpRecord[];
  pairs: PairRecord[];
  hardships: HardshipEntry[];
  reports: MonthlyReport[];
}

const DEFAULT_SHIFTS: Team['shifts'] = [];

/**
 * Rows of the month's detail only (the export's team sheets): duties of the range, that
 * month's weeks and report, hazards open or closed in it, and the labels. Not enough for
 * figures, which need the whole weekly history.
 */
const DETAIL_SQL = `SELECT tbl, body FROM records WHERE team_id = @team AND (
  tbl IN ('teams', 'workers', 'riskTypes')
  OR (tbl = 'duties' AND json_extract(body, '$.day') BETWEEN @from AND @to)
  OR (tbl IN ('helpRecords', 'weeklyScreenings') AND json_extract(body, '$.week') IN (SELECT value FROM json_each(@weeks)))
  OR (tbl = 'hazards' AND json_extract(body, '$.foundDay') <= @to
      AND (json_extract(body, '$.status') = 'open' OR json_extract(body, '$.closedDay') >= @from))
  OR (tbl = 'reports' AND json_extract(body, '$.month') = @month))`;

export function loadMonthDetail(db: Sqlite, teamId: string, month: MonthKey, weeks: readonly string[]): TeamRecords {
  const { from, to } = monthRange(month);
  return throughMerges(db, teamId, collect(db.prepare(DETAIL_SQL).all({ team: teamId, from, to, month, weeks: JSON.stringify(weeks) }) as { tbl: string; body: string }[]));
}

/** Duties can be limited to a day range (the bulk of a team's rows); the rest is needed whole. */
export function loadTeam(db: Sqlite, teamId: string, dutyRange?: { from: DayKey; to: DayKey }): TeamRecords {
  const rows = (dutyRange
    ? db.prepare(`SELECT tbl, body FROM records WHERE team_id = ? AND (tbl <> 'duties' OR json_extract(body, '$.day') BETWEEN ? AND ?)`)
      .all(teamId, dutyRange.from, dutyRange.to)
    : db.prepare('SELECT tbl, body FROM records WHERE team_id = ?').all(teamId)) as { tbl: string; body: string }[];
  return throughMerges(db, teamId, collect(rows));
}

/** The secretary's merges of the team's duplicate workers (`team:<id>:merges`), with their change number. */
export function teamMerges(db: Sqlite, teamId: string): { merges: WorkerMerge[]; seq: number } {
  const row = db.prepare('SELECT value, seq FROM config WHERE key = ?').get(teamConfigKey(teamId, 'merges')) as { value: string; seq: number } | undefined;
  return row ? { merges: JSON.parse(row.value) as WorkerMerge[], seq: row.seq } : { merges: [], seq: 0 };
}

/**
 * Records as the merges make them: the pages show a merge at once, before the team's phones
 * have pulled it and sent their rewritten records back. The duplicate reads as removed.
 */
function throughMerges(db: Sqlite, teamId: string, d: TeamRecords): TeamRecords {
  const map = mergeMap(teamMerges(db, teamId).merges);
  if (map.size === 0) return d;
  const fix = <T>(table: string, xs: T[]): T[] => xs.map((x) => (rewriteWorkerRefs(table, x as Record<string, unknown>, map) as T | null) ?? x);
  return {
    ...d,
    duties: fix('duties', d.duties), helpRecords: fix('helpRecords', d.helpRecords),
    pairs: fix('pairs', d.pairs), hardships: fix('hardships', d.hardships),
    workers: d.workers.map((w) => (map.has(w.id) ? { ...w, deleted: true } : w)),
  };
}

function collect(rows: readonly { tbl: string; body: string }[]): TeamRecords {
  const out: TeamRecords = {
    team: null, duties: [], hazards: [], workers: [], riskTypes: [], weeklyScreenings: [],
    helpRecords: [], pairs: [], hardships: [], reports: [],
  };
  for (const r of rows) {
    const body = JSON.parse(r.body) as never;
    // Bodies are checked on push; a row stored before that check that does not fit its
    // table is left out (and logged without its content) rather than breaking the page.
    const check = validateRecordBody(r.tbl as SyncTableName, body);
    if (!check.ok) {
      console.warn(`secretary: skipped a stored ${r.tbl} record that does not fit its schema (${check.path || 'body'})`);
      continue;
    }
    switch (r.tbl) {
      case 'teams': {
        const t = body as Team;
        if (!t.deleted && (!out.team || t.updatedAt > out.team.updatedAt)) out.team = t;
        break;
      }
      case 'duties': out.duties.push(body); break;
      case 'hazards': out.hazards.push(body); break;
      case 'workers': out.workers.push(body); break;
      case 'riskTypes': out.riskTypes.push(body); break;
      case 'weeklyScreenings': out.weeklyScreenings.push(body); break;
      case 'helpRecords': out.helpRecords.push(body); break;
      case 'pairs': out.pairs.push(body); break;
      case 'hardships': out.hardships.push(body); break;
      case 'reports': out.reports.push(body); break;
    }
  }
  out.duties.sort((a, b) => a.day.localeCompare(b.day) || a.shiftName.localeCompare(b.shiftName));
  return out;
}

export function monthRange(month: MonthKey): { from: DayKey; to: DayKey } {
  const days = monthDays(month);
  return { from: days[0]!, to: days.at(-1)! };
}

export function figuresOf(month: MonthKey, d: TeamRecords): MonthFigures {
  return computeMonthFigures(month, { ...d, team: { shifts: d.team?.shifts ?? DEFAULT_SHIFTS } });
}

/**
 * Figures depend only on the team's records, so they are cached under the team's latest
 * change number: any push to the team changes the key. Worth it because the weekly part
 * costs ~25 ms a team-month (calendar's time-zone conversions), and the dashboard asks
 * for 6 months of every team on each load. Bounded; oldest entries go first.
 */
const FIGURE_CACHE_MAX = 4000;
const figureCache = new Map<string, MonthFigures>();

/** The team's latest change: of its records, or of its merges (which change what its records mean). */
export function teamSeq(db: Sqlite, teamId: string): number {
  const records = (db.prepare('SELECT MAX(seq) AS s FROM records WHERE team_id = ?').get(teamId) as { s: number | null }).s ?? 0;
  return Math.max(records, teamMerges(db, teamId).seq);
}

export function cachedFigures(db: Sqlite, teamId: string, month: MonthKey, d: TeamRecords, seq = teamSeq(db, teamId)): MonthFigures {
  const key = `${teamId}|${month}|${seq}`;
  let f = figureCache.get(key);
  if (!f) {
    f = figuresOf(month, d);
    figureCache.set(key, f);
    if (figureCache.size > FIGURE_CACHE_MAX) figureCache.delete(figureCache.keys().next().value!);
  }
  return f;
}

/** For the bench: measure a cold export. */
export function clearFigureCache(): void {
  figureCache.clear();
}

export { DAY_STATE, type DayState } from './due-states';

// The report's status lives in report-state.ts; re-exported for the pages that read it from here.
export { REPORT_STATE_LABEL, reportState, reviewOf, type ReportState, type ReviewRow } from './report-state';
/** A report not submitted, as the due rule sees it: not yet due, or nothing owed (before the team). */
export const NOT_DUE_LABEL = { 'in-progress': '未到期', 'before-team': '无需提交', future: '未到期' } as const;

export function reportOfMonth(d: TeamRecords, month: MonthKey): MonthlyReport | null {
  return d.reports.filter((r) => !r.deleted && r.month === month).sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
}

export function workerName(d: TeamRecords, id: string): string {
  return d.workers.find((w) => w.id === id)?.name ?? '（已移除人员）';
}
