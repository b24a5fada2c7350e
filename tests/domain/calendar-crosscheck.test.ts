import { getISOWeek, getISOWeekYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekKey, monthKey, weekDays, weekMonth } from '../../src/domain/calendar';

// calendar.ts does day/week arithmetic by hand (fast, zone-free); date-fns is the reference.
describe('calendar arithmetic agrees with date-fns over ten years', () => {
  it('ISO week, its days and its month for every day 2020–2030', () => {
    let mismatches = 0;
    for (let day = '2020-01-01'; day <= '2030-12-31'; day = addDays(day, 1)) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const ref = new Date(y, m - 1, d, 12); // local noon: date-fns works in the process zone
      const want = `${getISOWeekYear(ref)}-W${String(getISOWeek(ref)).padStart(2, '0')}`;
      const week = isoWeekKey(day);
      if (week !== want || !weekDays(week).includes(day)) mismatches++;
      const thursday = weekDays(week)[3]!;
      if (weekMonth(week) !== monthKey(thursday)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
