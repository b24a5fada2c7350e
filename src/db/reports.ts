/**
 * 月汇报 storage: one report per month (the `reports` table), and the month's input read
 * straight from the daily and weekly tables so the figures are always computed, never typed.
 * The branch's review arrives through sync into settings (`sync.review:<id>`, outbox.ts);
 * getReport folds it into the report so screens see one `review`: only that one, never a
 * `review` a record carries (records come from phones; reviews only from the secretary).
 */
import { monthDays, weeksOfMonth } from '../domain/calendar';
import {
  editReport, newReport, submitReport, validateForSubmit,
  type MonthlyReport, type ReportIssue, type ReportReview, type ReportText,
} from '../domain/report';
import { computeMonthFigures, type MonthFigures, type MonthInput, type SourceTable } from '../domain/report-figures';
import type { RiskType } from '../domain/risk-types';
import type { Hazard, MonthKey, Team } from '../domain/types';
import type { HardshipEntry, HelpRecord, PairRecord, WeeklyScreening } from '../domain/weekly';
import { newId, now } from './clock';
import { withDb } from './connection';
import { getReview } from './outbox';
import { alive } from './records';
import type { AppDb } from './schema';

const INPUT_TABLES = [
  'teams', 'workers', 'duties', 'hazards', 'riskTypes', 'weeklyScreenings', 'helpRecords', 'pairs', 'hardships',
] as const;

function monthBounds(month: MonthKey): { first: string; last: string; weeks: string[] } {
  const days = monthDays(month);
  return { first: days[0]!, last: days[days.length - 1]!, weeks: weeksOfMonth(month) };
}

/**
 * A hazard matters to the month if it was found in it, is still open, or changed state on or
 * after the month's first day (a later close must be replayed away). Anything else was closed
 * before the month began and stays closed through it.
 */
function hazardMatters(h: Hazard, first: string): boolean {
  return h.foundDay >= first || h.status === 'open' || (h.closedDay ?? '') >= first || h.history.some((e) => e.day >= first);
}

/** W01–W52 exist in every ISO year; W53 and anything else is left for the domain to judge. */
const SURE_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-2])$/;

/**
 * Help records of weeks before the month matter only through each worker's latest one (who is
 * still watched at the month's end), so only that one is kept, ordered as the domain's
 * latestPerWorker orders them. Same figures, far less work: weekMonth is costly per record.
 */
function helpForMonth(rows: HelpRecord[], firstWeek: string): HelpRecord[] {
  const latest = new Map<string, HelpRecord>();
  const out: HelpRecord[] = [];
  for (const r of rows) {
    if (r.week >= firstWeek || r.deleted || !SURE_WEEK.test(r.week)) {
      out.push(r);
      continue;
    }
    const cur = latest.get(r.workerId);
    const later = !cur || r.week > cur.week
      || (r.week === cur.week && (r.createdAt > cur.createdAt || (r.createdAt === cur.createdAt && r.id > cur.id)));
    if (later) latest.set(r.workerId, r);
  }
  return [...out, ...latest.values()];
}

/** Reads inside the caller's transaction (so submit can snapshot in the same one it writes). */
async function readInput(db: AppDb, month: MonthKey): Promise<MonthInput> {
  const { first, last, weeks } = monthBounds(month);
  const [teams, workers, duties, hazards, riskTypes, screenings, help, pairs, hardships] = await Promise.all([
    db.teams.toArray(),
    db.workers.toArray(), // tombstoned workers still name old records
    db.duties.where('day').between(first, last, true, true).toArray(),
    db.hazards.where('foundDay').belowOrEqual(last).toArray(),
    db.riskTypes.toArray(),
    db.weeklyScreenings.where('week').anyOf(weeks).toArray(),
    // Earlier weeks too: people still watched are carried over from older months.
    db.helpRecords.where('week').belowOrEqual(weeks[weeks.length - 1] ?? '').toArray(),
    db.pairs.toArray(), // no index on since/until; a team has few pairs
    db.hardships.where('day').between(first, last, true, true).toArray(),
  ]);
  const team: Team | undefined = teams.filter(alive).sort((a, b) => a.createdAt - b.createdAt)[0];
  return {
    team: { shifts: team?.shifts ?? [] },
    duties,
    hazards: hazards.filter((h) => hazardMatters(h, first)),
    workers,
    weeklyScreenings: screenings as unknown as WeeklyScreening[],
    helpRecords: helpForMonth(help as unknown as HelpRecord[], weeks[0] ?? ''),
    pairs: pairs as unknown as PairRecord[],
    hardships: hardships as unknown as HardshipEntry[],
    riskTypes: riskTypes as unknown as RiskType[],
  };
}

/** Every record the month's figures need, read in one transaction so they are consistent. */
export function loadMonthInput(month: MonthKey): Promise<MonthInput> {
  return withDb((db) => db.transaction('r', [...INPUT_TABLES], () => readInput(db, month)));
}

export async function monthFigures(month: MonthKey): Promise<MonthFigures> {
  return computeMonthFigures(month, await loadMonthInput(month));
}

async function findReport(db: AppDb, month: MonthKey): Promise<MonthlyReport | undefined> {
  const rows = (await db.reports.where('month').equals(month).toArray()) as unknown as MonthlyReport[];
  // Two tabs creating the same month at once: the older record is the report.
  return rows.filter(alive).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))[0];
}

/** The stored report alone, for the due reminder (kept free of sync code for the first load). */
export function getReportRecord(month: MonthKey): Promise<MonthlyReport | undefined> {
  return withDb((db) => findReport(db, month));
}

/** The month's report with the branch's review (pulled by sync) folded in, or undefined. */
export function getReport(month: MonthKey): Promise<MonthlyReport | undefined> {
  return withDb(async (db) => {
    const r = await findReport(db, month);
    if (!r) return undefined;
    const pulled = await getReview(db, r.id);
    // Only the secretary's review rows count: a `review` or an `adopted` flag inside the record
    // itself may come from any phone of the team (the server drops them; older ones may hold one).
    const review: ReportReview | null = pulled
      ? { score: pulled.score, feedback: pulled.feedback, reviewedAt: pulled.reviewedAt, adoptedIdeaIds: pulled.adoptedIdeaIds }
      : null;
    const ideas = r.ideas.map((i) => ({ ...i, adopted: pulled?.adoptedIdeaIds.includes(i.id) ?? false }));
    return { ...r, review, ideas };
  });
}

/**
 * Changes the text in one read-modify-write (created on first touch, so looking creates
 * nothing). `change` sees the stored text, so fast typing in two fields loses neither.
 */
export function changeReport(month: MonthKey, change: (r: ReportText) => Partial<ReportText>): Promise<MonthlyReport> {
  return withDb((db) =>
    db.transaction('rw', db.reports, async () => {
      const r = (await findReport(db, month)) ?? newReport(month, now(), newId);
      const next = editReport(r, change(r), now());
      await db.reports.put(next as never);
      return next;
    }),
  );
}

export type SubmitResult = { ok: true; report: MonthlyReport } | { ok: false; issues: ReportIssue[] };

/**
 * Submits (or resubmits as a new revision) with figures computed in the same transaction
 * that writes the snapshot. Local only: the sync engine sends the dirty record later.
 */
export function submitMonthReport(month: MonthKey): Promise<SubmitResult> {
  return withDb((db) =>
    db.transaction('rw', [...INPUT_TABLES, 'reports'], async (): Promise<SubmitResult> => {
      const r = (await findReport(db, month)) ?? newReport(month, now(), newId);
      const v = validateForSubmit(r);
      if (!v.ok) return { ok: false, issues: v.issues };
      const figures = computeMonthFigures(month, await readInput(db, month));
      const next = submitReport(r, figures, now());
      await db.reports.put(next as never);
      return { ok: true, report: next };
    }),
  );
}

/** The records behind a figure, by table and id, tombstones included (shown as removed). */
export function loadSourceRecords(table: SourceTable, ids: readonly string[]): Promise<({ id: string; deleted?: boolean } & Record<string, unknown>)[]> {
  return withDb(async (db) => {
    const rows = await db.table(table).bulkGet([...ids]);
    return rows.filter((r): r is { id: string } & Record<string, unknown> => r !== undefined);
  });
}
