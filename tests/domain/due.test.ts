import { describe, expect, it } from 'vitest';
import { countStates, dayDue, firstDayOf, monthDue, openingShift, shiftDue, weekDue, type DueTeam } from '../../src/domain/due';
import { presetRota } from '../../src/domain/rota';
import { SHIFT_PRESETS, withShiftIds } from '../../src/domain/shift-presets';

const shifts = withShiftIds(SHIFT_PRESETS[0]!.shifts); // s1 零点 00–08, s2 八点 08–16, s3 四点 16–24
const base = { shifts, overnightRule: 'next' as const, timeZone: 'Asia/Shanghai' };
const at = (iso: string) => Date.parse(`${iso}+08:00`);
const team = (firstDay: string, rota: DueTeam['rota'] = null): DueTeam => ({ ...base, firstDay, rota });
const s = (id: string) => shifts.find((x) => x.id === id)!;

describe('firstDayOf', () => {
  it('is the creation day in the team zone, or an earlier record day', () => {
    // 2 Dec 01:00 in Shanghai is still 1 Dec in UTC.
    expect(firstDayOf(at('2026-12-02T01:00:00'), 'Asia/Shanghai')).toBe('2026-12-02');
    expect(firstDayOf(at('2026-12-02T01:00:00'), 'Asia/Shanghai', ['2026-12-05', '2026-11-28'])).toBe('2026-11-28');
  });
});

describe('shift and day due', () => {
  const t = team('2026-11-01');
  it('at 05:08 on the 2nd nothing of the 2nd is missed: 零点班 in progress, later shifts future', () => {
    const now = at('2026-12-02T05:08:00');
    expect(shiftDue(t, '2026-12-02', s('s1'), now, 'none')).toBe('in-progress');
    expect(shiftDue(t, '2026-12-02', s('s2'), now, 'none')).toBe('future');
    expect(dayDue(t, '2026-12-02', now, 'none')).toBe('in-progress');
    expect(dayDue(t, '2026-12-01', now, 'none')).toBe('missed');
    expect(dayDue(t, '2026-12-03', now, 'none')).toBe('future');
    expect(dayDue(t, '2026-12-02', now, 'done')).toBe('done');
  });
  it('a day is owed once the last shift worked that day has ended', () => {
    expect(dayDue(t, '2026-12-02', at('2026-12-02T23:59:00'), 'partial')).toBe('in-progress');
    expect(dayDue(t, '2026-12-02', at('2026-12-03T00:00:00'), 'partial')).toBe('partial');
    expect(dayDue(t, '2026-12-02', at('2026-12-03T00:00:00'), 'off')).toBe('off');
  });
  it('a team created mid-month owes nothing before its first day', () => {
    const mid = team('2026-12-02');
    const now = at('2026-12-02T10:00:00');
    expect(dayDue(mid, '2026-12-01', now, 'none')).toBe('before-team');
    expect(dayDue(mid, '2026-11-30', now, 'none')).toBe('before-team');
    expect(dayDue(mid, '2026-12-02', now, 'none')).toBe('in-progress');
  });
  it('with a weekly rota, shifts not worked are not owed and the day ends with the shift worked', () => {
    // Week of Mon 30 Nov: 八点班, then 零点班, then 四点班 (倒班 backwards).
    const rota = presetRota('weekly-back', base, 's2', '2026-12-02');
    const r = team('2026-11-01', rota);
    const now = at('2026-12-10T12:00:00');
    expect(shiftDue(r, '2026-12-02', s('s1'), now, 'none')).toBe('not-worked');
    expect(shiftDue(r, '2026-12-02', s('s2'), now, 'none')).toBe('missed');
    expect(shiftDue(r, '2026-12-07', s('s1'), now, 'none')).toBe('missed');
    expect(shiftDue(r, '2026-12-07', s('s2'), now, 'none')).toBe('not-worked');
    expect(shiftDue(r, '2026-12-14', s('s3'), at('2026-12-14T12:00:00'), 'none')).toBe('future');
    // 八点班 week: the day is over at 16:00.
    expect(dayDue(r, '2026-12-03', at('2026-12-03T16:00:00'), 'none')).toBe('missed');
    expect(dayDue(r, '2026-12-03', at('2026-12-03T15:59:00'), 'none')).toBe('in-progress');
  });
});

describe('week due (ISO weeks across month and year ends)', () => {
  const t = team('2026-12-02');
  it('a future week cannot count, the current one is in progress, a past one is owed', () => {
    const now = at('2026-12-02T10:00:00');
    expect(weekDue(t, '2026-W50', now, 'done')).toBe('future');
    expect(weekDue(t, '2026-W49', now, 'none')).toBe('in-progress'); // 30 Nov – 6 Dec holds the first day
    expect(weekDue(t, '2026-W48', now, 'none')).toBe('before-team');
    expect(weekDue(t, '2026-W49', at('2026-12-06T23:59:00'), 'none')).toBe('in-progress');
    expect(weekDue(t, '2026-W49', at('2026-12-07T00:00:00'), 'none')).toBe('missed');
    expect(weekDue(t, '2026-W49', at('2026-12-07T00:00:00'), 'partial')).toBe('partial');
  });
  it('week 53 of 2026 runs into January 2027', () => {
    const now = at('2027-01-03T23:00:00');
    expect(weekDue(t, '2026-W53', now, 'none')).toBe('in-progress');
    expect(weekDue(t, '2026-W53', at('2027-01-04T00:00:00'), 'none')).toBe('missed');
  });
});

describe('month report due', () => {
  it('a team created on 2 Dec owes no November report and cannot submit one', () => {
    const t = team('2026-12-02');
    expect(monthDue(t, '2026-11', at('2026-12-02T10:00:00'), false)).toBe('before-team');
    expect(monthDue(t, '2026-12', at('2026-12-02T10:00:00'), false)).toBe('in-progress');
    expect(monthDue(t, '2027-01', at('2026-12-02T10:00:00'), false)).toBe('future');
  });
  it('a month is owed after the 5th of the next month, in the team zone', () => {
    const t = team('2026-11-15');
    expect(monthDue(t, '2026-11', at('2026-12-05T23:59:00'), false)).toBe('in-progress');
    expect(monthDue(t, '2026-11', at('2026-12-06T00:00:00'), false)).toBe('missed');
    expect(monthDue(t, '2026-11', at('2026-12-06T00:00:00'), true)).toBe('done');
    expect(monthDue(t, '2026-11', at('2026-12-06T00:00:00'), false, '2026-12-10')).toBe('in-progress');
  });
});

describe('openingShift', () => {
  it('at 07:30 opens 八点班 (08:00, its 班前会 due), not the ending 零点班', () => {
    expect(openingShift(at('2026-12-02T07:30:00'), base)).toMatchObject({ day: '2026-12-02', shift: { name: '八点班' } });
    expect(openingShift(at('2026-12-02T06:30:00'), base)).toMatchObject({ day: '2026-12-02', shift: { name: '零点班' } });
    expect(openingShift(at('2026-12-02T07:30:00'), base, 15)).toMatchObject({ shift: { name: '零点班' } });
    // 23:30: the next production day's 零点班 is due.
    expect(openingShift(at('2026-12-02T23:30:00'), base)).toMatchObject({ day: '2026-12-03', shift: { name: '零点班' } });
  });
  it('a team on 四点班 this week opens on it from 15:00 and otherwise on the last one ended', () => {
    const rota = presetRota('fixed', base, 's3', '2026-12-02');
    expect(openingShift(at('2026-12-02T15:10:00'), { ...base, rota })).toMatchObject({ day: '2026-12-02', shift: { name: '四点班' } });
    expect(openingShift(at('2026-12-02T10:00:00'), { ...base, rota })).toMatchObject({ day: '2026-12-01', shift: { name: '四点班' } });
  });
});

describe('countStates', () => {
  it('counts only what is owed', () => {
    const c = countStates(['done', 'missed', 'in-progress', 'future', 'before-team', 'not-worked', 'off', 'partial']);
    expect(c).toEqual({ done: 1, partial: 1, missed: 1, owed: 3, rate: 1 / 3 });
    expect(countStates(['future']).rate).toBeNull();
  });
});

describe('a team without shifts yet', () => {
  it('owes each calendar day once it is over', () => {
    const t: DueTeam = { ...base, shifts: [], firstDay: '2026-12-01' };
    expect(dayDue(t, '2026-12-02', at('2026-12-02T23:00:00'), 'none')).toBe('in-progress');
    expect(dayDue(t, '2026-12-02', at('2026-12-03T00:00:00'), 'none')).toBe('missed');
  });
});
