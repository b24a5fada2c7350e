/**
 * THE due rule: when a shift, a day, a week and a month report are owed, for the phone and
 * the secretary's pages alike. Nothing is owed before the team's first day, nor in the
 * future, nor for a shift the team does not work (rota.ts); a shift is owed once it has
 * ended, a week once its Sunday is over, a month report after its due day. Until then an
 * unfinished item is 'in-progress', never missed. Pure: the clock comes in as `nowMs`.
 */
import { addDays, localDay, monthDays, shiftWindow, weekDays } from './calendar';
import { workedShifts, worksShift, type Rota } from './rota';
import type { DayKey, MonthKey, ShiftDef, Team, WeekKey } from './types';

export type DueState = 'before-team' | 'not-worked' | 'future' | 'in-progress' | 'done' | 'partial' | 'off' | 'missed';

/** What the records say about an item: complete, started, a day off, or nothing. */
export type Progress = 'done' | 'partial' | 'off' | 'none';

export interface DueTeam extends Pick<Team, 'shifts' | 'overnightRule' | 'timeZone'> {
  rota?: Rota | null;
  /** The team's first production day (firstDayOf). */
  firstDay: DayKey;
}

/**
 * The first day the team owes anything: the day it was created (in its zone), or an earlier
 * day that already holds one of its records (a team restored or created after the fact).
 */
export function firstDayOf(createdAtMs: number | null | undefined, timeZone: string, recordDays: Iterable<DayKey> = []): DayKey {
  let first = createdAtMs !== null && createdAtMs !== undefined && Number.isFinite(createdAtMs) ? localDay(createdAtMs, timeZone) : null;
  for (const d of recordDays) if (first === null || d < first) first = d;
  return first ?? '0000-01-01';
}

/** States that count as owed-and-settled in a rate (done, partial, missed); the rest are left out. */
export const COUNTED: ReadonlySet<DueState> = new Set<DueState>(['done', 'partial', 'missed']);

function settled(progress: Progress): DueState {
  return progress === 'done' ? 'done' : progress === 'partial' ? 'partial' : progress === 'off' ? 'off' : 'missed';
}

/** One shift of one production day. Done is done at once, even before the shift ends. */
export function shiftDue(team: DueTeam, day: DayKey, shift: ShiftDef, nowMs: number, progress: Progress): DueState {
  if (day < team.firstDay) return 'before-team';
  if (!worksShift(team, team.rota, day, shift.id)) return progress === 'none' ? 'not-worked' : settled(progress);
  if (progress === 'done') return 'done';
  const { startMs, endMs } = shiftWindow(day, shift, team);
  if (nowMs < startMs) return progress === 'none' ? 'future' : 'in-progress';
  if (nowMs < endMs) return 'in-progress';
  return settled(progress);
}

const WHOLE_DAY: ShiftDef = { id: '', name: '', start: '00:00', end: '00:00' };

/**
 * One production day of 日跟班 (the instructor follows one of the shifts worked that day):
 * owed once the last shift the team works that day has ended.
 */
export function dayDue(team: DueTeam, day: DayKey, nowMs: number, progress: Progress): DueState {
  if (day < team.firstDay) return 'before-team';
  if (progress === 'done') return 'done';
  // No shifts known yet (the team's phone has not synced): the calendar day stands for them.
  const worked = team.shifts.length ? workedShifts(team, team.rota, day) : [WHOLE_DAY];
  const windows = worked.map((s) => shiftWindow(day, s, team));
  const start = Math.min(...windows.map((w) => w.startMs));
  const end = Math.max(...windows.map((w) => w.endMs));
  if (nowMs < start) return progress === 'none' ? 'future' : 'in-progress';
  if (nowMs < end) return 'in-progress';
  return settled(progress);
}

/** 周帮扶 of one ISO week: owed once its Sunday is over (in the team's zone). */
export function weekDue(team: DueTeam, week: WeekKey, nowMs: number, progress: Progress): DueState {
  const days = weekDays(week);
  if (days[6]! < team.firstDay) return 'before-team';
  const today = localDay(nowMs, team.timeZone);
  if (days[0]! > today) return 'future';
  if (progress === 'done') return 'done';
  if (today <= days[6]!) return 'in-progress';
  return settled(progress === 'off' ? 'none' : progress);
}

/** The default due day of a month report: the 5th of the next month. */
export const REPORT_DUE_DAYS_AFTER_END = 5;
export function monthReportDueBy(month: MonthKey, daysAfterEnd = REPORT_DUE_DAYS_AFTER_END): DayKey {
  const days = monthDays(month);
  return addDays(days[days.length - 1]!, daysAfterEnd);
}

/**
 * 月汇报 of one month: can be written once the team existed in it; owed after its due day.
 * A month that ended before the team's first day owes nothing and cannot be submitted.
 */
export function monthDue(team: DueTeam, month: MonthKey, nowMs: number, submitted: boolean, dueBy: DayKey = monthReportDueBy(month)): DueState {
  const days = monthDays(month);
  if (days[days.length - 1]! < team.firstDay) return 'before-team';
  const today = localDay(nowMs, team.timeZone);
  if (days[0]! > today) return 'future';
  if (submitted) return 'done';
  return today <= dueBy ? 'in-progress' : 'missed';
}

/** Can an item in this state still be filled in (not before the team, not in the future)? */
export const fillable = (s: DueState): boolean => s !== 'before-team' && s !== 'future';

/** A month's worth of day states summed up for the dashboard. */
export interface DueCounts { done: number; partial: number; missed: number; owed: number; rate: number | null }
export function countStates(states: Iterable<DueState>): DueCounts {
  const c: DueCounts = { done: 0, partial: 0, missed: 0, owed: 0, rate: null };
  for (const s of states) {
    if (!COUNTED.has(s)) continue;
    c.owed++;
    if (s === 'done') c.done++;
    else if (s === 'partial') c.partial++;
    else c.missed++;
  }
  c.rate = c.owed === 0 ? null : c.done / c.owed;
  return c;
}

/** Minutes before a shift's start when its 班前会 begins and the app opens on it. */
export const DEFAULT_LEAD_MINUTES = 60;

/**
 * The shift the app opens on: among the shifts the team works, the one whose 班前会 has begun
 * (`leadMinutes` before its start) and which has not ended, the latest-starting if two
 * qualify (at 07:30, 八点班 08:00 rather than the ending 零点班); otherwise the one that
 * ended last (the instructor is still writing it up).
 */
export function openingShift(nowMs: number, team: Omit<DueTeam, 'firstDay'>, leadMinutes = DEFAULT_LEAD_MINUTES): { shift: ShiftDef; day: DayKey } | null {
  const today = localDay(nowMs, team.timeZone);
  const lead = Math.max(0, leadMinutes) * 60_000;
  let open: { shift: ShiftDef; day: DayKey; startMs: number } | null = null;
  let ended: { shift: ShiftDef; day: DayKey; endMs: number } | null = null;
  for (const day of [addDays(today, -1), today, addDays(today, 1)]) {
    for (const shift of workedShifts(team, team.rota, day)) {
      const { startMs, endMs } = shiftWindow(day, shift, team);
      if (startMs - lead <= nowMs && nowMs < endMs && (!open || startMs > open.startMs)) open = { shift, day, startMs };
      if (endMs <= nowMs && (!ended || endMs > ended.endMs)) ended = { shift, day, endMs };
    }
  }
  const hit = open ?? ended;
  return hit ? { shift: hit.shift, day: hit.day } : null;
}

/** The due view of a team record on its phone: its first day is the day it was set up. */
export function dueTeamOf(team: Pick<Team, 'shifts' | 'overnightRule' | 'timeZone' | 'rota' | 'createdAt'>, recordDays: Iterable<DayKey> = []): DueTeam {
  return { shifts: team.shifts, overnightRule: team.overnightRule, timeZone: team.timeZone, rota: team.rota ?? null, firstDay: firstDayOf(team.createdAt, team.timeZone, recordDays) };
}
