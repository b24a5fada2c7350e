/**
 * 月汇报 figures, computed from the daily and weekly entries, never retyped: the
 * instructor cannot inflate them and the branch can open the records behind each one.
 * Pure: the caller loads the records (any superset is fine: this module filters by month
 * and drops tombstones) and gets plain data back. An empty month gives zeros and empty
 * lists. Parts: -daily, -weekly, -hazards; shapes in -types.
 */
import { monthDays } from './calendar';
import { dailyFigures } from './report-figures-daily';
import { hazardFigures } from './report-figures-hazards';
import type { MonthFigures } from './report-figures-types';
import { weeklyFigures, type WeeklyInput } from './report-figures-weekly';
import type { RiskType } from './risk-types';
import type { DailyDuty, Hazard, MonthKey, Team, Worker } from './types';
import type { HardshipEntry, HelpRecord, PairRecord, WeeklyScreening } from './weekly';

export * from './report-figures-types';
export { OLDEST_OPEN_LIMIT, closedAsOf } from './report-figures-hazards';
export { WEEK_RULE_NOTE } from './report-figures-weekly';

export interface MonthInput {
  /** Only the shift list is used: per-shift counts in the team's order. */
  team: Pick<Team, 'shifts'>;
  duties: readonly DailyDuty[];
  /** All hazards, not only the month's: items found earlier may still be open. */
  hazards: readonly Hazard[];
  workers: readonly Worker[];
  weeklyScreenings: readonly WeeklyScreening[];
  /** Earlier months too: people still watched are carried over from them. */
  helpRecords: readonly HelpRecord[];
  pairs: readonly PairRecord[];
  hardships: readonly HardshipEntry[];
  riskTypes: readonly RiskType[];
}

const live = <T extends { deleted: boolean }>(rs: readonly T[]): T[] => rs.filter((r) => !r.deleted);

export function computeMonthFigures(month: MonthKey, input: MonthInput): MonthFigures {
  const days = monthDays(month);
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) throw new Error(`computeMonthFigures: bad month ${month}`);

  const hazards = live(input.hazards);
  // The production day decides the month: a 23:00 shift of Oct 31 counted for Nov 1 is November's.
  // Compared as strings so one corrupt day key drops that record instead of the report.
  const duties = live(input.duties).filter((d) => d.day >= first && d.day <= last);
  const weekly: WeeklyInput = {
    weeklyScreenings: live(input.weeklyScreenings),
    helpRecords: live(input.helpRecords),
    pairs: live(input.pairs),
    hardships: live(input.hardships),
    // Tombstoned types and workers still name old records, so they are kept for labels.
    riskTypes: input.riskTypes,
    workers: input.workers,
  };
  return {
    schema: 1,
    month,
    daily: dailyFigures(duties, hazards, input.team.shifts),
    weekly: weeklyFigures(month, first, last, weekly),
    hazards: hazardFigures(first, last, hazards),
  };
}
