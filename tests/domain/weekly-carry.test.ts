import { describe, expect, it } from 'vitest';
import { carryOver, latestByWorker, previousWeek, startFollowUp } from '../../src/domain/weekly-carry';
import { newHelpRecord, type HelpRecord, type HelpResult } from '../../src/domain/weekly';

let seq = 0;
const newId = () => `id-${String(++seq).padStart(4, '0')}`;

function rec(week: string, workerId: string, result: HelpResult | null, at = 1000, extra: Partial<HelpRecord> = {}): HelpRecord {
  return { ...newHelpRecord(week, workerId, at, newId), result, ...extra };
}

describe('previousWeek', () => {
  it('crosses the year end into week 53', () => {
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(previousWeek('2026-W48')).toBe('2026-W47');
  });
});

describe('carryOver', () => {
  it('carries watched and unanswered people from 2026-W53 into 2027-W01', () => {
    const prev = [rec('2026-W53', 'w1', 'watching'), rec('2026-W53', 'w2', null)];
    const carried = carryOver(prev, [], '2027-W01');
    expect(carried.map((c) => c.workerId)).toEqual(['w1', 'w2']);
    expect(carried[0]!.previous).toBe(prev[0]);
  });

  it('does not carry resolved or reported people', () => {
    const prev = [rec('2026-W53', 'w1', 'resolved'), rec('2026-W53', 'w2', 'reported'), rec('2026-W53', 'w3', 'watching')];
    expect(carryOver(prev, [], '2027-W01').map((c) => c.workerId)).toEqual(['w3']);
  });

  it('does not carry a person who already has a record this week', () => {
    const prev = [rec('2026-W53', 'w1', 'watching'), rec('2026-W53', 'w2', 'watching')];
    const now = [rec('2027-W01', 'w1', null)];
    expect(carryOver(prev, now, '2027-W01').map((c) => c.workerId)).toEqual(['w2']);
  });

  it('a deleted record this week does not block the carry', () => {
    const prev = [rec('2026-W53', 'w1', 'watching')];
    const now = [rec('2027-W01', 'w1', null, 2000, { deleted: true })];
    expect(carryOver(prev, now, '2027-W01')).toHaveLength(1);
  });

  it("judges by the person's latest record of the previous week", () => {
    const prev = [rec('2026-W53', 'w1', 'watching', 1000), rec('2026-W53', 'w1', 'resolved', 2000)];
    expect(carryOver(prev, [], '2027-W01')).toEqual([]);
    const reversed = [rec('2026-W53', 'w2', 'resolved', 1000), rec('2026-W53', 'w2', 'watching', 2000)];
    expect(carryOver(reversed, []).map((c) => c.workerId)).toEqual(['w2']);
  });

  it('ignores deleted previous records and records of other weeks when the week is given', () => {
    const prev = [rec('2026-W53', 'w1', 'watching', 1000, { deleted: true }), rec('2026-W52', 'w2', 'watching')];
    expect(carryOver(prev, [], '2027-W01')).toEqual([]);
  });

  it('latestByWorker breaks createdAt ties by the time-ordered id', () => {
    const a = rec('2026-W53', 'w1', 'watching', 5000, { id: 'a' });
    const b = rec('2026-W53', 'w1', 'resolved', 5000, { id: 'b' });
    expect(latestByWorker([b, a]).get('w1')).toBe(b);
  });
});

describe('startFollowUp', () => {
  it('prefills a draft for the new week from last week', () => {
    const prev = rec('2026-W53', 'w1', 'watching', 1000, {
      riskTypeIds: ['t1', 't2'], situation: '家中老人住院', measures: '谈心', nextStep: '周三再谈一次', talkDays: ['2026-12-29'],
    });
    const next = startFollowUp(prev, '2027-W01', 9000, () => 'new-id');
    expect(next).toMatchObject({
      id: 'new-id', week: '2027-W01', workerId: 'w1', riskTypeIds: ['t1', 't2'], situation: '家中老人住院',
      measures: '周三再谈一次', nextStep: '', result: null, talkDays: [], carriedFromId: prev.id,
      createdAt: 9000, updatedAt: 9000, rev: 1, dirty: 1, deleted: false,
    });
    next.riskTypeIds.push('t3');
    expect(prev.riskTypeIds).toEqual(['t1', 't2']);
  });
});
