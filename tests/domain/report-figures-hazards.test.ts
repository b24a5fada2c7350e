import { describe, expect, it } from 'vitest';
import { computeMonthFigures, type Count, type MonthInput } from '../../src/domain/report-figures';
import { closed, emptyInput, hazard, team } from './report-fixtures';

const ids = (c: Count) => c.sources.flatMap((s) => s.ids);

function ledger(): MonthInput {
  return {
    ...emptyInput(),
    hazards: [
      closed(hazard('z1', '2026-10-20'), '2026-11-03'), // found Oct, closed Nov
      closed(hazard('z2', '2026-11-05', { deadline: '2026-12-10' }), '2026-12-02'), // found Nov, closed Dec
      hazard('z3', '2026-09-01', { deadline: '2026-09-30' }), // long open and overdue
      closed(hazard('z4', '2026-11-10'), '2026-11-12', '2026-11-20'), // closed then reopened
      closed(hazard('z5', '2026-11-15'), '2026-11-16'),
      { ...hazard('z6', '2026-11-01'), deleted: true },
      hazard('z7', '2026-12-01'),
      // Written before close events were kept: only status and closedDay tell.
      hazard('z8', '2026-10-01', { status: 'closed', closedDay: '2026-11-08' }),
      hazard('bad', 'not-a-day'),
    ],
  };
}

describe('月汇报 figures: 隐患/问题 as the ledger stood at month end', () => {
  it('an item found in one month and closed in the next is open at the end of the first', () => {
    const oct = computeMonthFigures('2026-10', ledger()).hazards;
    expect(ids(oct.found)).toEqual(['z1', 'z8']);
    expect(oct.closed.value).toBe(0);
    expect(ids(oct.openAtEnd)).toEqual(['z1', 'z3', 'z8']);

    const nov = computeMonthFigures('2026-11', ledger()).hazards;
    expect(ids(nov.found)).toEqual(['z2', 'z4', 'z5']);
    expect(ids(nov.closed)).toEqual(['z1', 'z5', 'z8']);
    expect(ids(nov.openAtEnd)).toEqual(['z2', 'z3', 'z4']);
    expect(ids(nov.overdueAtEnd)).toEqual(['z3']);

    const dec = computeMonthFigures('2026-12', ledger()).hazards;
    expect(ids(dec.found)).toEqual(['z7']);
    expect(ids(dec.closed)).toEqual(['z2']);
    expect(ids(dec.openAtEnd)).toEqual(['z3', 'z4', 'z7']);
  });

  it('lists the oldest open items with their age in days at month end', () => {
    const nov = computeMonthFigures('2026-11', ledger()).hazards;
    expect(nov.oldestOpen.map((h) => [h.id, h.foundDay, h.ageDays])).toEqual([
      ['z3', '2026-09-01', 90],
      ['z2', '2026-11-05', 25],
      ['z4', '2026-11-10', 20],
    ]);
    expect(nov.oldestOpen[0]?.description).toBe('隐患z3');
  });

  it('lists at most five', () => {
    const many = Array.from({ length: 8 }, (_, i) => hazard(`m${i}`, `2026-11-0${i + 1}`));
    const nov = computeMonthFigures('2026-11', { ...emptyInput(), hazards: many }).hazards;
    expect(nov.openAtEnd.value).toBe(8);
    expect(nov.oldestOpen.map((h) => h.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });
});

/** Every number in the figures, with its path, to prove an empty month has no NaN. */
function numbers(x: unknown, path = ''): [string, number][] {
  if (typeof x === 'number') return [[path, x]];
  if (x === null || typeof x !== 'object') return [];
  return Object.entries(x).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
}

describe('月汇报 figures: empty month', () => {
  it('gives zeros and empty lists, never NaN', () => {
    const f = computeMonthFigures('2026-11', emptyInput());
    const all = numbers(f).filter(([p]) => p !== '.schema' && p !== '.weekly.weeksTotal');
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter(([, n]) => n !== 0)).toEqual([]);
    expect(f.weekly.weeksTotal).toBe(4);
    expect(f.weekly.weeks.every((w) => w.status === 'missing')).toBe(true);
    expect(f.daily.byShift.map((s) => s.shiftName)).toEqual(team.shifts.map((s) => s.name));
    expect([f.daily.documents, f.daily.lessons, f.weekly.stillWatching.list, f.hazards.oldestOpen, f.weekly.byType])
      .toEqual([[], [], [], [], []]);
  });

  it('a team with no shifts configured still computes', () => {
    const f = computeMonthFigures('2027-02', { ...emptyInput(), team: { shifts: [] } });
    expect(f.daily.byShift).toEqual([]);
    expect(f.weekly.weeksTotal).toBe(4);
  });
});
