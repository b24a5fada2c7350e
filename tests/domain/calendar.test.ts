import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addWeeks, crossesMidnight, currentShift, dayLabel, DEFAULT_TIME_ZONE, historyDays, isoWeekKey,
  localDay, minutesOf, monthDays, monthKey, monthLabel, shiftsInDayOrder, shiftWindow, weekDays,
  weekLabel, weekMonth, weeksOfMonth,
} from '../../src/domain/calendar';
import type { OvernightRule, ShiftDef } from '../../src/domain/types';

const at = (iso: string) => Date.parse(iso);
const shift = (name: string, start: string, end: string): ShiftDef => ({ id: name, name, start, end });
const team = (shifts: ShiftDef[], overnightRule: OvernightRule = 'next') =>
  ({ shifts, overnightRule, timeZone: DEFAULT_TIME_ZONE });
const current = (iso: string, t: ReturnType<typeof team>) => {
  const c = currentShift(at(iso), t);
  return c && `${c.shift.name}@${c.day}`;
};

const threeShifts = [shift('零点班', '00:00', '08:00'), shift('八点班', '08:00', '16:00'), shift('四点班', '16:00', '00:00')];
// Given out of day order on purpose, so ordering is computed, not inherited.
const fourShifts = [shift('中班', '11:00', '17:00'), shift('夜班', '23:00', '05:00'), shift('晚班', '17:00', '23:00'), shift('早班', '05:00', '11:00')];

describe('times of day', () => {
  it('converts HH:mm to minutes and rejects anything else', () => {
    expect(minutesOf('08:30')).toBe(510);
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('23:59')).toBe(1439);
    for (const bad of ['24:00', '8:30', '08:60', 'ab:cd', '']) expect(() => minutesOf(bad)).toThrow();
  });
  it('a shift ending at 00:00 does not cross midnight; 23:00–05:00 does', () => {
    expect(crossesMidnight(shift('四点班', '16:00', '00:00'))).toBe(false);
    expect(crossesMidnight(shift('夜班', '23:00', '05:00'))).toBe(true);
    expect(crossesMidnight(shift('八点班', '08:00', '16:00'))).toBe(false);
  });
});

describe('production day, three 8-hour shifts', () => {
  it.each(['next', 'same'] as const)('is the calendar day whatever the overnight rule (%s)', (rule) => {
    const t = team(threeShifts, rule);
    expect(current('2026-11-22T23:30:00+08:00', t)).toBe('四点班@2026-11-22');
    expect(current('2026-11-23T00:00:00+08:00', t)).toBe('零点班@2026-11-23');
    expect(current('2026-11-23T00:30:00+08:00', t)).toBe('零点班@2026-11-23');
    expect(current('2026-11-23T07:59:59.999+08:00', t)).toBe('零点班@2026-11-23');
    expect(current('2026-11-23T08:00:00+08:00', t)).toBe('八点班@2026-11-23');
  });
  it('the 四点班 ends exactly at the next midnight', () => {
    expect(shiftWindow('2026-11-22', threeShifts[2]!, team(threeShifts))).toEqual({
      startMs: at('2026-11-22T16:00:00+08:00'),
      endMs: at('2026-11-23T00:00:00+08:00'),
    });
  });
  it('orders shifts from 零点班', () => {
    expect(shiftsInDayOrder(team([...threeShifts].reverse())).map((s) => s.name)).toEqual(['零点班', '八点班', '四点班']);
  });
});

describe('production day, four 6-hour shifts', () => {
  it("'next': the 23:00 night shift counts for the following day and comes first", () => {
    const t = team(fourShifts, 'next');
    expect(current('2026-11-22T22:59:00+08:00', t)).toBe('晚班@2026-11-22');
    expect(current('2026-11-22T23:00:00+08:00', t)).toBe('夜班@2026-11-23');
    expect(current('2026-11-22T23:30:00+08:00', t)).toBe('夜班@2026-11-23');
    expect(current('2026-11-23T00:00:00+08:00', t)).toBe('夜班@2026-11-23');
    expect(current('2026-11-23T00:30:00+08:00', t)).toBe('夜班@2026-11-23');
    expect(current('2026-11-23T05:00:00+08:00', t)).toBe('早班@2026-11-23');
    expect(shiftWindow('2026-11-23', fourShifts[1]!, t)).toEqual({
      startMs: at('2026-11-22T23:00:00+08:00'),
      endMs: at('2026-11-23T05:00:00+08:00'),
    });
    expect(shiftsInDayOrder(t).map((s) => s.name)).toEqual(['夜班', '早班', '中班', '晚班']);
  });
  it("'same': the night shift belongs to the day it starts and comes last", () => {
    const t = team(fourShifts, 'same');
    expect(current('2026-11-22T23:30:00+08:00', t)).toBe('夜班@2026-11-22');
    expect(current('2026-11-23T00:00:00+08:00', t)).toBe('夜班@2026-11-22');
    expect(current('2026-11-23T00:30:00+08:00', t)).toBe('夜班@2026-11-22');
    expect(current('2026-11-23T05:00:00+08:00', t)).toBe('早班@2026-11-23');
    expect(shiftWindow('2026-11-22', fourShifts[1]!, t)).toEqual({
      startMs: at('2026-11-22T23:00:00+08:00'),
      endMs: at('2026-11-23T05:00:00+08:00'),
    });
    expect(shiftsInDayOrder(t).map((s) => s.name)).toEqual(['早班', '中班', '晚班', '夜班']);
  });
});

describe('gaps and edge cases', () => {
  it('in a gap, returns the shift that ended last, possibly of the previous production day', () => {
    const t = team([shift('早班', '06:00', '14:00'), shift('中班', '14:00', '20:00')]);
    expect(current('2026-11-22T22:00:00+08:00', t)).toBe('中班@2026-11-22');
    expect(current('2026-11-23T03:00:00+08:00', t)).toBe('中班@2026-11-22');
    expect(current('2026-11-23T06:00:00+08:00', t)).toBe('早班@2026-11-23');
  });
  it('in a gap after a crossing night shift, keeps its (next) production day', () => {
    const t = team([shift('夜班', '22:00', '02:00'), shift('早班', '08:00', '16:00')], 'next');
    expect(current('2026-11-23T05:00:00+08:00', t)).toBe('夜班@2026-11-23');
    expect(current('2026-11-23T17:00:00+08:00', t)).toBe('早班@2026-11-23');
    expect(current('2026-11-23T22:00:00+08:00', t)).toBe('夜班@2026-11-24');
  });
  it('returns null only when no shift is set', () => {
    expect(currentShift(at('2026-11-22T12:00:00+08:00'), team([]))).toBeNull();
  });
  it("uses the team's zone, not UTC and not the device's zone", () => {
    const instant = at('2026-11-23T01:00:00+08:00');
    expect(localDay(instant, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDay(instant, 'UTC')).toBe('2026-11-22');
    // Urumqi local time is 23:00 on the 22nd: still the 四点班 of the 22nd there.
    expect(current('2026-11-23T01:00:00+08:00', { ...team(threeShifts), timeZone: 'Asia/Urumqi' })).toBe('四点班@2026-11-22');
  });
});

describe('device time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });
  it('gives the same answers when the phone is set to another zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date(0).getHours()).toBe(16); // the change took effect, so the test can fail
    expect(localDay(at('2026-11-23T00:30:00+08:00'), DEFAULT_TIME_ZONE)).toBe('2026-11-23');
    expect(current('2026-11-22T23:30:00+08:00', team(fourShifts))).toBe('夜班@2026-11-23');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US DST change day
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
  });
});

describe('days and months', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2027-01-31', 1)).toBe('2027-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('2026-02-30', 1)).toThrow();
  });
  it('lists and steps months', () => {
    expect(monthDays('2028-02')).toHaveLength(29);
    expect(monthDays('2028-02').at(-1)).toBe('2028-02-29');
    expect(monthDays('2027-02')).toHaveLength(28);
    expect(monthDays('2026-01')[0]).toBe('2026-01-01');
    expect(monthKey('2026-11-22')).toBe('2026-11');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 14)).toBe('2028-01');
    expect(() => monthDays('2026-13')).toThrow();
  });
  it('labels in Chinese', () => {
    expect(monthLabel('2026-11')).toBe('2026年11月');
    expect(monthLabel('2027-01')).toBe('2027年1月');
    expect(dayLabel('2026-11-22')).toBe('11月22日 周日');
    expect(dayLabel('2028-02-29')).toBe('2月29日 周二');
  });
});

describe('ISO weeks', () => {
  it('puts 2026-12-28..2027-01-03 in 2026-W53', () => {
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01');
    expect(isoWeekKey('2026-03-02')).toBe('2026-W10');
    expect(weekDays('2026-W53')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(() => weekDays('2027-W53')).toThrow(); // 2027 has 52 weeks
  });
  it('steps weeks over the year end', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2026-W48', -47)).toBe('2026-W01');
  });
  it('assigns a week spanning two months to the month of its Thursday', () => {
    expect(weekMonth('2026-W49')).toBe('2026-12'); // Nov 30 – Dec 6
    expect(weekMonth('2026-W44')).toBe('2026-10'); // Oct 26 – Nov 1
    expect(weekMonth('2026-W53')).toBe('2026-12');
    expect(weeksOfMonth('2026-12')).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']);
    expect(weeksOfMonth('2027-01')).toEqual(['2027-W01', '2027-W02', '2027-W03', '2027-W04']);
  });
  it('counts every week in exactly one month', () => {
    const months = Array.from({ length: 36 }, (_, i) => addMonths('2026-01', i));
    const weeks = months.flatMap(weeksOfMonth);
    expect(new Set(weeks).size).toBe(weeks.length);
    expect(weeks).toHaveLength(53 + 52 + 52);
    weeks.forEach((w, i) => i > 0 && expect(addWeeks(weeks[i - 1]!, 1)).toBe(w));
    for (const w of weeks) expect(months).toContain(weekMonth(w));
  });
  it('labels a week with its dates', () => {
    expect(weekLabel('2026-W48')).toBe('第48周 11月23日–11月29日');
    expect(weekLabel('2026-W53')).toBe('第53周 12月28日–1月3日');
    expect(weekLabel('2027-W01')).toBe('第1周 1月4日–1月10日');
  });
});

describe('historyDays (the 日跟班 history list)', () => {
  it('on the 1st of a month, still lists the week before it, newest first', () => {
    const days = historyDays('2026-12', '2026-12-01');
    expect(days).toEqual(['2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25']);
  });
  it('later in the month, lists the month up to today only', () => {
    const days = historyDays('2026-12', '2026-12-10');
    expect(days[0]).toBe('2026-12-10');
    expect(days.at(-1)).toBe('2026-12-01');
    expect(days).toHaveLength(10);
  });
  it('a past month, whole, across a year boundary', () => {
    const days = historyDays('2026-12', '2027-01-02');
    expect(days).toHaveLength(31);
    expect([days[0], days.at(-1)]).toEqual(['2026-12-31', '2026-12-01']);
  });
});
