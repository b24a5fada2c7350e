/**
 * Calendar math in the team's time zone: production days, shift windows, ISO weeks, months.
 * Instants are epoch ms; days/weeks/months are string keys (types.ts). Nothing here reads the
 * device clock or zone: keys are pure calendar values (computed in UTC, where no DST can shift
 * a day) and instants are built with TZDate in the team's zone.
 */
import { TZDate } from '@date-fns/tz';
import {
  addDays as addDaysFns, addMonths as addMonthsFns, addWeeks as addWeeksFns,
  getISOWeek, getISOWeekYear, getISOWeeksInYear, startOfISOWeek,
} from 'date-fns';
import type { DayKey, MonthKey, ShiftDef, Team, TimeOfDay, WeekKey } from './types';

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
function format(d: Date, pattern: Pattern): string {
  const y = d.getFullYear(), m = d.getMonth() + 1, day = d.getDate();
  switch (pattern) {
    case 'yyyy-MM-dd': return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
    case 'yyyy-MM': return `${String(y).padStart(4, '0')}-${pad(m)}`;
    case 'M月d日': return `${m}月${day}日`;
    case 'yyyy年M月': return `${y}年${m}月`;
  }
}
const keyOf = (d: Date): DayKey => format(d, 'yyyy-MM-dd');
const utcDay = (y: number, month1: number, d: number) => new TZDate(y, month1 - 1, d, 'UTC');
/** A key as UTC midnight, or null unless it round-trips (so '2026-02-30' and '2026-13' are refused). */
function parseKey(key: string, re: RegExp, pattern: Pattern): TZDate | null {
  const m = re.exec(key);
  const d = m && utcDay(Number(m[1]), Number(m[2]), Number(m[3] ?? 1));
  return d && format(d, pattern) === key ? d : null;
}
export const isDayKey = (s: string): boolean => parseKey(s, DAY_RE, 'yyyy-MM-dd') !== null;
function parseDay(day: DayKey): TZDate {
  const d = parseKey(day, DAY_RE, 'yyyy-MM-dd');
  if (!d) throw new Error(`calendar: malformed day "${day}"`);
  return d;
}
function parseMonth(month: MonthKey): TZDate {
  const d = parseKey(month, MONTH_RE, 'yyyy-MM');
  if (!d) throw new Error(`calendar: malformed month "${month}"`);
  return d;
}
/** Monday of an ISO week: week 1 is the week holding 4 January. */
function weekMonday(week: WeekKey): TZDate {
  const m = WEEK_RE.exec(week);
  const y = Number(m?.[1]);
  const w = Number(m?.[2]);
  if (!m || w < 1 || w > getISOWeeksInYear(utcDay(y, 1, 4))) throw new Error(`calendar: malformed week "${week}"`);
  return addWeeksFns(startOfISOWeek(utcDay(y, 1, 4)), w - 1);
}

/** The calendar date of an instant in `timeZone` (not yet the production day; see currentShift). */
export function localDay(nowMs: number, timeZone: string): DayKey {
  return keyOf(new TZDate(nowMs, timeZone));
}

export function addDays(day: DayKey, n: number): DayKey {
  return keyOf(addDaysFns(parseDay(day), n));
}

/** The instant of wall-clock `minutes` on `day` in the team's zone. */
function instant(day: DayKey, minutes: number, timeZone: string): number {
  const d = parseDay(day);
  const ms = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
  // TZDate yields NaN for an unknown zone; fail loudly rather than file records under no day.
  if (Number.isNaN(ms)) throw new Error(`calendar: unknown time zone "${timeZone}"`);
  return ms;
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
  const d = parseDay(day);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}
export function weekDays(week: WeekKey): DayKey[] {
  const monday = weekMonday(week);
  return Array.from({ length: 7 }, (_, i) => keyOf(addDaysFns(monday, i)));
}
export function addWeeks(week: WeekKey, n: number): WeekKey {
  return isoWeekKey(keyOf(addWeeksFns(weekMonday(week), n)));
}
/** ISO rule: a week belongs to the month (and year) of its Thursday. */
export function weekMonth(week: WeekKey): MonthKey {
  return monthKey(keyOf(addDaysFns(weekMonday(week), 3)));
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
  for (let d = first; d.getMonth() === first.getMonth(); d = addDaysFns(d, 1)) out.push(keyOf(d));
  return out;
}
export function addMonths(month: MonthKey, n: number): MonthKey {
  return format(addMonthsFns(parseMonth(month), n), 'yyyy-MM');
}
/** '2026年11月' */
export function monthLabel(month: MonthKey): string {
  return format(parseMonth(month), 'yyyy年M月');
}
/** Weeks whose Thursday falls in the month, so every ISO week is counted in exactly one month. */
export function weeksOfMonth(month: MonthKey): WeekKey[] {
  return monthDays(month).filter((d) => parseDay(d).getDay() === 4).map(isoWeekKey);
}
/** '11月22日 周日' */
export function dayLabel(day: DayKey): string {
  const d = parseDay(day);
  return `${format(d, 'M月d日')} ${WEEKDAYS[d.getDay()]}`;
}
