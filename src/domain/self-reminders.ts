/**
 * The phone reminds itself, offline (issue 16.3): a 日跟班 left unfinished after its shift
 * ended, the week's 周帮扶 on the last day of the week, and the month's 月汇报 from the 1st of
 * the next month until it is submitted. Pure: the clock (`nowMs`), the team and the records
 * come in; the home screen turns the answers into notices.
 *
 * What is owed at all is due.ts's rule; these functions answer the narrower "should the phone
 * say so now", and within what they look at they agree with it: an unfinished shift has a
 * record, so the team existed that day (firstDayOf counts record days); the week's notice comes
 * on its Sunday, a day the team has reached; and the report banner (DueBanner) asks monthDue
 * first, so a team set up this month is not reminded of last month's report.
 */
import { addMonths, isoWeekKey, monthKey, shiftWindow, weekDays, addDays } from './calendar';
import { dutyProgress } from './checklist';
import { DEFAULT_REPORT_DUE_DAY } from './reminders';
import type { DailyDuty, DayKey, MonthKey, ShiftDef, Team, WeekKey } from './types';
import type { WeekStatus } from './weekly';

/** How far back an unfinished shift is still worth a notice (production days). */
export const UNFINISHED_LOOKBACK_DAYS = 2;

export interface UnfinishedShift { day: DayKey; shiftId: string; shiftName: string; endMs: number }

/**
 * 日跟班 records begun but not complete whose shift has ended, newest first, over the last
 * UNFINISHED_LOOKBACK_DAYS production days before `today`, and today. A shift with no record
 * is not reported: without a rota the phone cannot know the team worked it. `hazardsOf`:
 * hazards filed from a duty (they complete its 隐患 section).
 */
export function unfinishedShifts(
  nowMs: number, today: DayKey, team: Pick<Team, 'shifts' | 'timeZone' | 'overnightRule'>,
  duties: readonly DailyDuty[], hazardsOf: (dutyId: string) => number = () => 0,
): UnfinishedShift[] {
  const from = addDays(today, -UNFINISHED_LOOKBACK_DAYS);
  const out: UnfinishedShift[] = [];
  for (const d of duties) {
    if (d.deleted || d.dayOff || d.day < from || d.day > today) continue;
    const shift: ShiftDef | undefined = team.shifts.find((s) => s.id === d.shiftId);
    if (!shift) continue;
    const { endMs } = shiftWindow(d.day, shift, team);
    if (endMs > nowMs || dutyProgress(d, hazardsOf(d.id)).complete) continue;
    out.push({ day: d.day, shiftId: d.shiftId, shiftName: d.shiftName || shift.name, endMs });
  }
  return out.sort((a, b) => b.endMs - a.endMs);
}

/** The week whose 周帮扶 is due today: `today`'s week, on its last day (Sunday), unless done. */
export function weekHelpDue(today: DayKey, status: (week: WeekKey) => WeekStatus): WeekKey | null {
  const week = isoWeekKey(today);
  const days = weekDays(week);
  return today === days[days.length - 1] && status(week) !== 'done' ? week : null;
}

export interface ReportNotice {
  month: MonthKey;
  /** The due date: the `dueDay`th of the next month. */
  dueBy: DayKey;
  /** Past the due date and still not submitted. */
  overdue: boolean;
}

/**
 * Last month's 月汇报 from the 1st of this month until it is submitted (past the due day
 * too: then `overdue`). `submitted(month)`: the report of that month has been sent.
 */
export function reportNotice(today: DayKey, submitted: (month: MonthKey) => boolean, dueDay: number = DEFAULT_REPORT_DUE_DAY): ReportNotice | null {
  const month = addMonths(monthKey(today), -1);
  if (submitted(month)) return null;
  const dueBy = `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
  return { month, dueBy, overdue: today > dueBy };
}
