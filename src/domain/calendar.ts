/**
 * Calendar math in the team's time zone: production days, shift windows, ISO weeks, months.
 * Instants are epoch ms; days/weeks/months are string keys (types.ts). Nothing here reads the
 * device clock or zone: keys are pure calendar values (computed in UTC, where no DST can shift
 * a day) and instants are built in the team's zone with zone.ts.
 */
import type { DayKey, MonthKey, ShiftDef, Team, TimeOfDay, WeekKey } from './types';
import { wallClock, zonedInstant } from './zone';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
type TeamClock = Pick<Team, 'timeZone' | 'overnightRule'>;
type TeamShifts = Pick<Team, 'shifts' | 'timeZone' | 'overnightRule'>;

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function isTimeOfDay(t: string): boolean {
  return TIME_RE.test(t);
}

/** 'HH:mm' → minutes after midnight; throws so a corrupt setting never yields a silent NaN. */
export function minutesOf(t: TimeOfDay): number {
  const m = TIME_RE.exec(t);
  if (!m) throw new Error(`minutesOf: malformed time "${t}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 16:00–00:00 ends exactly at midnight: it stays on its start day, so it does not cross. */
export function crossesMidnight(s: ShiftDef): boolean {
  return s.end !== '00:00' && minutesOf(s.end) < minutesOf(s.start);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone }));
  } catch {
    return false;
  }
}

// Hand-rolled formatting: date-fns `format` brings its whole token parser and locale
// (~8 KB gzip) into the phone's first load for four fixed patterns.
const pad = (n: number) => String(n).padStart(2, '0');
type Pattern = 'yyyy-MM-dd' | 'yyyy-MM' | 'M月d日' | 'yyyy年M月';
/** Formats a calendar date held as UTC midnight (see utcDay). */
function format(d: Date, pattern: Pattern): string {
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
  switch (pattern) {
    case 'yyyy-MM-dd': return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
    case 'yyyy-MM': return `${String(y).padStart(4, '0')}-${pad(m)}`;
    case 'M月d日': return `${m}月${day}日`;
    case 'yyyy年M月': return `${y}年${m}月`;
  }
}
const keyOf = (d: Date): DayKey => format(d, 'yyyy-MM-dd');
/**
 * Day/week/month keys are pure calendar values: they are held as plain Dates at UTC midnight
 * and moved with integer arithmetic (no zone, no DST, no locale). Only instants use the team's
 * zone (zone.ts). This is also ~1000× faster than zoned date-fns calls on hot paths
 * (the month report calls weekMonth per help record).
 */
const DAY_MS = 86_400_000;
const utcDay = (y: number, month1: number, d: number) => new Date(Date.UTC(y, month1 - 1, d));
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);
/** Monday = 0 … Sunday = 6 */
const isoDow = (d: Date) => (d.getUTCDay() + 6) % 7;
/** ISO week-year and week of a date: the week belongs to the year of its Thursday. */
function isoWeekOf(d: Date): { year: number; week: number } {
  const thursday = plusDays(d, 3 - isoDow(d));
  const year = thursday.getUTCFullYear();
  const jan4 = utcDay(year, 1, 4);
  const week1Monday = plusDays(jan4, -isoDow(jan4));
  return { year, week: 1 + Math.floor((thursday.getTime() - week1Monday.getTime()) / (7 * DAY_MS)) };
}
const weeksInYear = (y: number) => isoWeekOf(utcDay(y, 12, 28)).week;
/** A key as UTC midnight, or null unless it round-trips (so '2026-02-30' and '2026-13' are refused). */
function parseKey(key: string, re: RegExp, pattern: Pattern): Date | null {
  const m = re.exec(key);
  const d = m && utcDay(Number(m[1]), Number(m[2]), Number(m[3] ?? 1));
  return d && format(d, pattern) === key ? d : null;
}
export const isDayKey = (s: string): boolean => parseKey(s, DAY_RE, 'yyyy-MM-dd') !== null;
function parseDay(day: DayKey): Date {
  const d = parseKey(day, DAY_RE, 'yyyy-MM-dd');
  if (!d) throw new Error(`calendar: malformed day "${day}"`);
  return d;
}
function parseMonth(month: MonthKey): Date {
  const d = parseKey(month, MONTH_RE, 'yyyy-MM');
  if (!d) throw new Error(`calendar: malformed month "${month}"`);
  return d;
}
/** Monday of an ISO week: week 1 is the week holding 4 January. */
function weekMonday(week: WeekKey): Date {
  const m = WEEK_RE.exec(week);
  const y = Number(m?.[1]);
  const w = Number(m?.[2]);
  if (!m || w < 1 || w > weeksInYear(y)) throw new Error(`calendar: malformed week "${week}"`);
  const jan4 = utcDay(y, 1, 4);
  return plusDays(jan4, -isoDow(jan4) + (w - 1) * 7);
}

/** The calendar date of an instant in `timeZone` (not yet the production day; see currentShift). */
export function localDay(nowMs: number, timeZone: string): DayKey {
  if (!Number.isFinite(nowMs)) throw new Error(`calendar: invalid instant ${nowMs}`);
  let w;
  try {
    w = wallClock(nowMs, timeZone);
  } catch {
    throw new Error(`calendar: unknown time zone "${timeZone}"`);
  }
  return keyOf(utcDay(w.year, w.month, w.day));
}

export function addDays(day: DayKey, n: number): DayKey {
  return keyOf(plusDays(parseDay(day), n));
}

/** The instant of wall-clock `minutes` on `day` in the team's zone. */
function instant(day: DayKey, minutes: number, timeZone: string): number {
  const d = parseDay(day);
  try {
    return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(minutes / 60), minutes % 60, timeZone);
  } catch {
    // Fail loudly rather than file records under no day.
    throw new Error(`calendar: unknown time zone "${timeZone}"`);
  }
}

/** Start and end instants of `shift` when it is worked for production day `day`. */
export function shiftWindow(day: DayKey, shift: ShiftDef, team: TeamClock): { startMs: number; endMs: number } {
  const crosses = crossesMidnight(shift);
  const startDay = crosses && team.overnightRule === 'next' ? addDays(day, -1) : day;
  const endDay = crosses || shift.end === '00:00' ? addDays(startDay, 1) : startDay;
  return {
    startMs: instant(startDay, minutesOf(shift.start), team.timeZone),
    endMs: instant(endDay, minutesOf(shift.end), team.timeZone),
  };
}

/**
 * The shift being worked at `nowMs` and its production day. Windows are half-open, so at 08:00
 * the 08:00 shift has begun and the one ending at 08:00 is over. In a gap, the shift that ended
 * last is returned: the instructor is still writing it up. Checking production days
 * local-1..local+1 is enough: every window of local-1 has started by local 00:00, so either one
 * of them holds now or one has ended.
 */
export function currentShift(nowMs: number, team: TeamShifts): { shift: ShiftDef; day: DayKey } | null {
  const today = localDay(nowMs, team.timeZone);
  let inside: { shift: ShiftDef; day: DayKey; startMs: number } | null = null;
  let ended: { shift: ShiftDef; day: DayKey; endMs: number } | null = null;
  for (const day of [addDays(today, -1), today, addDays(today, 1)]) {
    for (const shift of team.shifts) {
      const { startMs, endMs } = shiftWindow(day, shift, team);
      // Overlaps are rejected by validation; if one slips through, the later start wins.
      if (startMs <= nowMs && nowMs < endMs && (!inside || startMs > inside.startMs)) inside = { shift, day, startMs };
      if (endMs <= nowMs && (!ended || endMs > ended.endMs)) ended = { shift, day, endMs };
    }
  }
  const hit = inside ?? ended;
  return hit ? { shift: hit.shift, day: hit.day } : null;
}

/** The production day `nowMs` counts for: that of the current (or last ended) shift. */
export function productionDay(nowMs: number, team: TeamShifts): DayKey {
  return currentShift(nowMs, team)?.day ?? localDay(nowMs, team.timeZone);
}

/** Shifts in the order they are worked within one production day ('next' night shift first). */
export function shiftsInDayOrder(team: Pick<Team, 'shifts' | 'overnightRule'>): ShiftDef[] {
  const offset = (s: ShiftDef) => minutesOf(s.start) - (crossesMidnight(s) && team.overnightRule === 'next' ? 1440 : 0);
  return [...team.shifts].sort((a, b) => offset(a) - offset(b));
}

export function isoWeekKey(day: DayKey): WeekKey {
  const { year, week } = isoWeekOf(parseDay(day));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
export function weekDays(week: WeekKey): DayKey[] {
  const monday = weekMonday(week);
  return Array.from({ length: 7 }, (_, i) => keyOf(plusDays(monday, i)));
}
export function addWeeks(week: WeekKey, n: number): WeekKey {
  return isoWeekKey(keyOf(plusDays(weekMonday(week), 7 * n)));
}
/** ISO rule: a week belongs to the month (and year) of its Thursday. */
export function weekMonth(week: WeekKey): MonthKey {
  return keyOf(plusDays(weekMonday(week), 3)).slice(0, 7);
}
/** '第48周 11月23日–11月29日' */
export function weekLabel(week: WeekKey): string {
  const days = weekDays(week).map((d) => format(parseDay(d), 'M月d日'));
  return `第${Number(week.slice(-2))}周 ${days[0]}–${days[6]}`;
}

export function monthKey(day: DayKey): MonthKey {
  return keyOf(parseDay(day)).slice(0, 7);
}
export function monthDays(month: MonthKey): DayKey[] {
  const first = parseMonth(month);
  const out: DayKey[] = [];
  for (let d = first; d.getUTCMonth() === first.getUTCMonth(); d = plusDays(d, 1)) out.push(keyOf(d));
  return out;
}
export function addMonths(month: MonthKey, n: number): MonthKey {
  const d = parseMonth(month);
  return format(utcDay(d.getUTCFullYear(), d.getUTCMonth() + 1 + n, 1), 'yyyy-MM');
}
/** '2026年11月' */
export function monthLabel(month: MonthKey): string {
  return format(parseMonth(month), 'yyyy年M月');
}
/** Weeks whose Thursday falls in the month, so every ISO week is counted in exactly one month. */
export function weeksOfMonth(month: MonthKey): WeekKey[] {
  return monthDays(month).filter((d) => parseDay(d).getUTCDay() === 4).map(isoWeekKey);
}
/** '11月22日 周日' */
export function dayLabel(day: DayKey): string {
  const d = parseDay(day);
  return `${format(d, 'M月d日')} ${WEEKDAYS[d.getUTCDay()]}`;
}

/** The current month's view also shows the last week before it: on the 1st, yesterday is one scroll away. */
const RECENT_DAYS = 7;

/** Days listed, newest first: a past month whole; the current one up to today, with at least a week. */
export function historyDays(month: MonthKey, today: DayKey): DayKey[] {
  const days = monthDays(month).filter((d) => d <= today);
  if (month !== monthKey(today)) return days.reverse();
  const before: DayKey[] = [];
  for (let d = addDays(today, 1 - RECENT_DAYS); d < (days[0] ?? today); d = addDays(d, 1)) before.push(d);
  return [...before, ...days].reverse();
}
