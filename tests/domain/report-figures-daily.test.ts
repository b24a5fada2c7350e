import { describe, expect, it } from 'vitest';
import { productionDay } from '../../src/domain/calendar';
import { computeMonthFigures, type Count, type MonthInput } from '../../src/domain/report-figures';
import { duty, emptyInput, hazard, team } from './report-fixtures';

const ids = (c: Count) => c.sources.flatMap((s) => s.ids);
const at = (local: string) => Date.parse(`${local}+08:00`);

// Night shifts cross midnight with overnightRule 'next': the day comes from the calendar,
// not typed by hand, so the test breaks if either side gets the boundary wrong.
const nov1Night = productionDay(at('2026-10-31T23:30:00'), team);
const dec1Night = productionDay(at('2026-11-30T23:30:00'), team);

function month(): MonthInput {
  const weakTired = { workerId: 'w1', reasons: ['fatigue' as const], reasonOther: '', actions: ['talk' as const, 'rest' as const], actionOther: '' };
  return {
    ...emptyInput(),
    duties: [
      duty('d1', nov1Night, 'night', {
        districtMeeting: { attended: true, note: '' },
        rollCall: { expected: 12, absentees: [], confirmed: true },
        documents: { items: ['关于加强雨季防治水的通知', '  '], none: false },
        lessonTopic: ' 顶板管理 ',
        weak: { none: false, entries: [weakTired] },
        talks: { workerIds: ['w1', 'w2'], none: false },
      }),
      duty('d2', '2026-11-02', 'morning', {
        districtMeeting: { attended: false, note: '' },
        documents: { items: [], none: true },
        weak: {
          none: false,
          entries: [
            { ...weakTired, reasons: ['fatigue', 'family'], actions: ['talk'] },
            { workerId: 'w3', reasons: ['drinking'], reasonOther: '', actions: ['changePost', 'reportUp'], actionOther: '' },
          ],
        },
        talks: { workerIds: ['w1', 'w1'], none: false },
      }),
      // Day off with leftovers typed before it was marked: counted as a day off only.
      duty('d3', '2026-11-03', 'morning', { dayOff: true, talks: { workerIds: ['w4'], none: false } }),
      duty('d4', '2026-11-04', 'middle'), // opened, nothing answered: not followed
      duty('d6', '2026-11-10', 'old', {
        rollCall: { expected: 10, absentees: ['w5'], confirmed: true },
        documents: { items: ['矿井通风管理规定', '三违处罚细则'], none: false },
        lessonTopic: '防治水',
      }),
      duty('dec1', dec1Night, 'night', { lessonTopic: '十二月', safetyConfirmed: true }),
      duty('oct31', '2026-10-31', 'morning', { safetyConfirmed: true }),
      duty('gone', '2026-11-05', 'morning', { deleted: true, safetyConfirmed: true, lessonTopic: '已删' }),
    ],
  };
}

describe('月汇报 figures: 日跟班', () => {
  it('builds the boundary night shifts on the right production days', () => {
    expect(nov1Night).toBe('2026-11-01');
    expect(dec1Night).toBe('2026-12-01');
  });

  it('counts shifts by production day: the Oct 31 23:00 shift is November’s, the Nov 30 one December’s', () => {
    const f = computeMonthFigures('2026-11', month()).daily;
    expect(ids(f.total)).toEqual(['d1', 'd2', 'd3', 'd4', 'd6']);
    expect(f.total.value).toBe(5);
    expect(ids(f.followed)).toEqual(['d1', 'd2', 'd6']);
    expect(f.followed.value).toBe(3);
    expect(ids(f.dayOff)).toEqual(['d3']);

    const dec = computeMonthFigures('2026-12', month()).daily;
    expect(ids(dec.followed)).toEqual(['dec1']);
    const oct = computeMonthFigures('2026-10', month()).daily;
    expect(ids(oct.total)).toEqual(['oct31']);
  });

  it('splits followed shifts by shift, team order first, then retired shifts by recorded name', () => {
    const f = computeMonthFigures('2026-11', month()).daily;
    expect(f.byShift.map((s) => [s.shiftName, s.followed.value])).toEqual([
      ['夜班', 1], ['早班', 1], ['中班', 0], ['老夜班', 1],
    ]);
  });

  it('counts meetings, documents with their day and lesson topics', () => {
    const f = computeMonthFigures('2026-11', month()).daily;
    expect(ids(f.districtMeetingsAttended)).toEqual(['d1']);
    expect(ids(f.preShiftMeetings)).toEqual(['d1', 'd6']);
    expect(f.documents.map((d) => [d.day, d.text])).toEqual([
      ['2026-11-01', '关于加强雨季防治水的通知'],
      ['2026-11-10', '矿井通风管理规定'],
      ['2026-11-10', '三违处罚细则'],
    ]);
    expect(f.lessons.map((l) => [l.dutyId, l.day, l.shiftName, l.text])).toEqual([
      ['d1', '2026-11-01', '夜班', '顶板管理'],
      ['d6', '2026-11-10', '老夜班', '防治水'],
    ]);
  });

  it('counts 薄弱人员 entries, distinct people, reasons and actions', () => {
    const w = computeMonthFigures('2026-11', month()).daily.weak;
    expect(w.entries.value).toBe(3);
    expect(ids(w.entries)).toEqual(['d1', 'd2']);
    expect(w.people.value).toBe(2);
    expect(w.people.workerIds).toEqual(['w1', 'w3']);
    const values = (r: Record<string, Count>) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, c.value]));
    expect(values(w.byReason)).toEqual({
      fatigue: 2, unwell: 0, upset: 0, family: 1, drinking: 1, newWorker: 0, violations: 0, other: 0,
    });
    expect(values(w.byAction)).toEqual({ talk: 2, changePost: 1, rest: 1, stopWork: 0, reportUp: 1, other: 0 });
    expect(ids(w.byReason.drinking)).toEqual(['d2']);
  });

  it('counts face-to-face talks per shift and distinct people, ignoring the day off', () => {
    const t = computeMonthFigures('2026-11', month()).daily.talks;
    expect(t.count.value).toBe(3); // w1+w2 on d1, w1 once on d2 (listed twice by mistake)
    expect(t.people.workerIds).toEqual(['w1', 'w2']);
    expect(ids(t.count)).toEqual(['d1', 'd2']);
  });

  it('a hazard recorded on a shift counts as following it', () => {
    const input = month();
    const h = hazard('z', '2026-11-04', { dutyId: 'd4' });
    expect(computeMonthFigures('2026-11', { ...input, hazards: [h] }).daily.followed.value).toBe(4);
    expect(computeMonthFigures('2026-11', { ...input, hazards: [{ ...h, deleted: true }] }).daily.followed.value).toBe(3);
  });
});
