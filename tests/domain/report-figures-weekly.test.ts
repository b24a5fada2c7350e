import { describe, expect, it } from 'vitest';
import { computeMonthFigures, WEEK_RULE_NOTE, type Count, type MonthInput } from '../../src/domain/report-figures';
import { emptyInput, hardship, help, pair, riskType, screening, worker } from './report-fixtures';

const ids = (c: Count) => c.sources.flatMap((s) => s.ids);

function month(): MonthInput {
  return {
    ...emptyInput(),
    workers: [worker('w1', '张三'), worker('w2', '李四'), worker('w3', '王五'), { ...worker('w4', '赵六'), deleted: true }],
    riskTypes: [riskType('t2', '家庭困难', 2), riskType('t1', '思想波动', 1), riskType('t3', '老类型', 3, true)],
    weeklyScreenings: [
      screening('s44', '2026-W44', true), // Oct 26–Nov 1: Thursday Oct 29, October's week
      screening('s45', '2026-W45', true),
      screening('s46', '2026-W46', false),
      { ...screening('s48', '2026-W48', true), deleted: true },
    ],
    helpRecords: [
      help('h0', '2026-W43', 'w4', ['t3'], 'watching'), // October, never followed up
      help('h00', '2026-W43', 'w5', ['t1'], 'resolved'),
      help('h1', '2026-W46', 'w1', ['t1'], 'watching'),
      help('h2', '2026-W46', 'w2', ['t1', 't2'], 'resolved'),
      help('h3', '2026-W47', 'w1', ['t1'], null),
      help('h4', '2026-W49', 'w3', ['t2'], 'watching'), // Nov 30–Dec 6: Thursday Dec 3, December's
      { ...help('h5', '2026-W46', 'w6', ['t1'], 'watching'), deleted: true },
    ],
    pairs: [
      pair('p1', ['w1', 'w2'], '2026-10-01', null),
      pair('p2', ['w2', 'w3'], '2026-11-15', '2026-12-31'),
      pair('p3', ['w7'], '2026-09-01', '2026-10-31'),
      pair('p4', ['w8'], '2026-12-01', null),
    ],
    hardships: [
      hardship('e1', '2026-11-05', 'w2', 'visit', null),
      hardship('e2', '2026-11-06', 'w2', 'fund', 1.1),
      hardship('e3', '2026-11-20', 'w3', 'fund', 2.2),
      hardship('e4', '2026-10-31', 'w3', 'fund', 500),
      { ...hardship('e5', '2026-11-07', 'w1', 'visit', null), deleted: true },
    ],
  };
}

describe('月汇报 figures: 周帮扶', () => {
  it('counts a week in the month of its Thursday', () => {
    const nov = computeMonthFigures('2026-11', month()).weekly;
    expect(nov.weekRule).toBe(WEEK_RULE_NOTE);
    expect(nov.weeks).toEqual([
      { week: '2026-W45', status: 'done' },
      { week: '2026-W46', status: 'done' },
      { week: '2026-W47', status: 'partial' }, // h3 has no result yet
      { week: '2026-W48', status: 'missing' }, // its screening was deleted
    ]);
    expect(nov.weeksDone.value).toBe(2);
    expect(nov.weeksTotal).toBe(4);
    expect(nov.weeksDone.sources).toEqual([
      { table: 'weeklyScreenings', ids: ['s45', 's46'] },
      { table: 'helpRecords', ids: ['h1', 'h2'] },
    ]);

    const oct = computeMonthFigures('2026-10', month()).weekly;
    expect(oct.weeks.map((w) => w.week)).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44']);
    expect(oct.weeks.at(-1)?.status).toBe('done');

    const dec = computeMonthFigures('2026-12', month()).weekly;
    expect(dec.weeks[0]).toEqual({ week: '2026-W49', status: 'done' });
    expect(dec.peopleHelped.workerIds).toEqual(['w3']);
  });

  it('counts people helped by type (all types in order, retired only when used) and by latest result', () => {
    const w = computeMonthFigures('2026-11', month()).weekly;
    expect(w.peopleHelped.workerIds).toEqual(['w1', 'w2']);
    expect(ids(w.peopleHelped)).toEqual(['h1', 'h2', 'h3']);
    expect(w.byType.map((t) => [t.name, t.people.value])).toEqual([['思想波动', 2], ['家庭困难', 1]]);
    const byResult = Object.fromEntries(Object.entries(w.byResult).map(([k, p]) => [k, p.workerIds]));
    expect(byResult).toEqual({ watching: [], resolved: ['w2'], reported: [], pending: ['w1'] });

    const oct = computeMonthFigures('2026-10', month()).weekly;
    expect(oct.byType.map((t) => [t.name, t.retired, t.people.value])).toEqual([
      ['思想波动', false, 1], ['家庭困难', false, 0], ['老类型', true, 1],
    ]);
  });

  it('carries people still watched at month end, including ones from earlier months', () => {
    const s = computeMonthFigures('2026-11', month()).weekly.stillWatching;
    expect(s.list.map((p) => [p.workerId, p.name, p.lastWeek, p.notFollowedThisMonth])).toEqual([
      ['w4', '赵六', '2026-W43', true],
      ['w1', '张三', '2026-W47', false],
    ]);
    expect(s.people.value).toBe(2);
    // w3's watching record is in W49, December's week: not yet at the end of November.
    expect(computeMonthFigures('2026-12', month()).weekly.stillWatching.people.workerIds).toEqual(['w1', 'w3', 'w4']);
  });

  it('counts 1+X pairs active during the month and the people they cover', () => {
    const p = computeMonthFigures('2026-11', month()).weekly.pairs;
    expect(ids(p.active)).toEqual(['p1', 'p2']);
    expect(p.people.workerIds).toEqual(['w1', 'w2', 'w3']);
  });

  it('counts hardship visits and sums funds of the month exactly', () => {
    const h = computeMonthFigures('2026-11', month()).weekly.hardship;
    expect(ids(h.visits)).toEqual(['e1']);
    expect(h.people.workerIds).toEqual(['w2', 'w3']);
    expect(h.fundsYuan).toBe(3.3); // 1.1 + 2.2 is 3.3000000000000003 in floats
    expect(ids(h.funds)).toEqual(['e2', 'e3']);
    expect(computeMonthFigures('2026-10', month()).weekly.hardship.fundsYuan).toBe(500);
  });

  it('a record with a corrupt week key is left out instead of breaking the report', () => {
    const input = month();
    input.helpRecords = [...input.helpRecords, help('bad', '2026-W99', 'w1', ['t1'], 'watching')];
    expect(computeMonthFigures('2026-11', input).weekly.peopleHelped.workerIds).toEqual(['w1', 'w2']);
  });
});
