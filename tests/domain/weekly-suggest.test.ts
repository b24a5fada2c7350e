import { describe, expect, it } from 'vitest';
import { newDuty } from '../../src/domain/checklist';
import type { DailyDuty, WeakWorkerScreening } from '../../src/domain/types';
import { newHelpRecord } from '../../src/domain/weekly';
import { suggestFromDailyScreenings } from '../../src/domain/weekly-suggest';

let seq = 0;
const W = '2026-W48'; // Mon 2026-11-23 … Sun 2026-11-29

function weak(workerId: string, reasons: WeakWorkerScreening['reasons'], reasonOther = ''): WeakWorkerScreening {
  return { workerId, reasons, reasonOther, actions: ['talk'], actionOther: '' };
}

function duty(day: string, shift: string, entries: WeakWorkerScreening[], extra: Partial<DailyDuty> = {}): DailyDuty {
  const d = newDuty({ id: `d${++seq}`, createdAt: seq }, day, { id: shift, name: shift }, 20);
  return { ...d, weak: { none: entries.length === 0, entries }, ...extra };
}

describe('suggestFromDailyScreenings', () => {
  it('suggests a worker screened as weak in two shifts, with reasons counted and days', () => {
    const duties = [
      duty('2026-11-23', '八点班', [weak('w1', ['fatigue', 'family'])]),
      duty('2026-11-25', '八点班', [weak('w1', ['fatigue'], '孩子生病')]),
      duty('2026-11-25', '四点班', [weak('w1', ['upset'])]),
    ];
    const [s, ...rest] = suggestFromDailyScreenings(duties, W, []);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ workerId: 'w1', shifts: 3, days: ['2026-11-23', '2026-11-25'], reasonOthers: ['孩子生病'] });
    expect(s!.reasons[0]).toEqual({ reason: 'fatigue', count: 2 });
    expect(s!.reasons).toHaveLength(3);
  });

  it('does not suggest a worker seen in one shift only', () => {
    const duties = [duty('2026-11-23', '八点班', [weak('w1', ['fatigue']), weak('w2', ['unwell'])]), duty('2026-11-24', '八点班', [weak('w2', ['unwell'])])];
    expect(suggestFromDailyScreenings(duties, W, []).map((s) => s.workerId)).toEqual(['w2']);
  });

  it('ignores dayOff and deleted duties', () => {
    const duties = [
      duty('2026-11-23', '八点班', [weak('w1', ['fatigue'])]),
      duty('2026-11-24', '八点班', [weak('w1', ['fatigue'])], { dayOff: true }),
      duty('2026-11-25', '八点班', [weak('w1', ['fatigue'])], { deleted: true }),
    ];
    expect(suggestFromDailyScreenings(duties, W, [])).toEqual([]);
  });

  it('only counts days of the week itself (Sunday before and Monday after are out)', () => {
    const duties = [
      duty('2026-11-22', '八点班', [weak('w1', ['fatigue'])]),
      duty('2026-11-29', '八点班', [weak('w1', ['fatigue'])]),
      duty('2026-11-30', '八点班', [weak('w1', ['fatigue'])]),
    ];
    expect(suggestFromDailyScreenings(duties, W, [])).toEqual([]);
  });

  it('counts a worker listed twice in the same shift once', () => {
    const duties = [duty('2026-11-23', '八点班', [weak('w1', ['fatigue']), weak('w1', ['upset'])])];
    expect(suggestFromDailyScreenings(duties, W, [])).toEqual([]);
  });

  it('leaves out workers who already have a live help record this week', () => {
    const duties = [
      duty('2026-11-23', '八点班', [weak('w1', ['fatigue']), weak('w2', ['drinking'])]),
      duty('2026-11-24', '八点班', [weak('w1', ['fatigue']), weak('w2', ['drinking'])]),
    ];
    let n = 0;
    const helped = [
      newHelpRecord(W, 'w1', 1, () => `h${++n}`),
      { ...newHelpRecord(W, 'w2', 1, () => `h${++n}`), deleted: true },
      newHelpRecord('2026-W47', 'w2', 1, () => `h${++n}`),
    ];
    expect(suggestFromDailyScreenings(duties, W, helped).map((s) => s.workerId)).toEqual(['w2']);
  });

  it('orders by number of shifts, most first', () => {
    const duties = [
      duty('2026-11-23', 'a', [weak('w1', ['fatigue']), weak('w2', ['fatigue'])]),
      duty('2026-11-24', 'a', [weak('w1', ['fatigue']), weak('w2', ['fatigue'])]),
      duty('2026-11-25', 'a', [weak('w2', ['fatigue'])]),
    ];
    expect(suggestFromDailyScreenings(duties, W, []).map((s) => [s.workerId, s.shifts])).toEqual([['w2', 3], ['w1', 2]]);
  });
});
