import { describe, expect, it } from 'vitest';
import { newDuty } from '../../src/domain/checklist';
import type { DailyDuty } from '../../src/domain/types';
import { newHelpRecord, type HardshipEntry, type PairRecord } from '../../src/domain/weekly';
import { personTimeline } from '../../src/domain/weekly-timeline';

const meta = (id: string, createdAt: number) => ({ id, createdAt, updatedAt: createdAt, rev: 1, deleted: false, dirty: 1 as const });

function duty(id: string, createdAt: number, day: string, shiftName: string, weakIds: string[], talkIds: string[]): DailyDuty {
  const d = newDuty({ id, createdAt }, day, { id: shiftName, name: shiftName }, 20);
  return {
    ...d,
    weak: { none: false, entries: weakIds.map((workerId) => ({ workerId, reasons: ['fatigue'], reasonOther: '', actions: ['rest'], actionOther: '' })) },
    talks: { none: false, workerIds: talkIds },
  };
}

const hardship: HardshipEntry = {
  ...meta('hs1', 50), workerId: 'w1', kind: '家属重病', help: 'fund', amountYuan: 800, day: '2026-11-20', note: '', followUp: '',
};
const pair: PairRecord = { ...meta('p1', 10), mentorId: 'm1', workerIds: ['w1', 'w2'], since: '2026-11-02', until: null };

describe('personTimeline', () => {
  const duties = [
    duty('d1', 100, '2026-11-23', '零点班', ['w1'], []),
    duty('d2', 200, '2026-11-23', '八点班', ['w1'], ['w1']),
    duty('d3', 300, '2026-11-25', '八点班', [], ['w2']),
    { ...duty('d4', 400, '2026-11-26', '八点班', ['w1'], []), deleted: true },
    { ...duty('d5', 500, '2026-11-27', '八点班', ['w1'], []), dayOff: true },
  ];
  const help = { ...newHelpRecord('2026-W48', 'w1', 600, () => 'h1'), result: 'watching' as const, riskTypeIds: ['t1'], talkDays: ['2026-11-23', '2026-11-24'] };
  const items = personTimeline('w1', { duties, helpRecords: [help], hardships: [hardship], pairs: [pair] });

  it('lists everything about the worker, newest first', () => {
    expect(items.map((i) => [i.kind, i.day, i.recordId])).toEqual([
      ['help', '2026-11-29', 'h1'], // the week's help sits on its Sunday
      ['talk', '2026-11-24', 'h1'], // talk only recorded on the help record
      ['screening', '2026-11-23', 'd2'], // later shift of the day first
      ['talk', '2026-11-23', 'd2'], // same day's talk in the help record is not repeated
      ['screening', '2026-11-23', 'd1'],
      ['hardship', '2026-11-20', 'hs1'],
      ['pairing', '2026-11-02', 'p1'],
    ]);
  });

  it('sortKeys are strictly descending', () => {
    const keys = items.map((i) => i.sortKey);
    expect([...keys].sort().reverse()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('carries the details each item shows', () => {
    const screening = items.find((i) => i.kind === 'screening');
    expect(screening).toMatchObject({ shiftName: '八点班', reasons: ['fatigue'], actions: ['rest'] });
    expect(items[0]).toMatchObject({ kind: 'help', week: '2026-W48', riskTypeIds: ['t1'], result: 'watching' });
    expect(items.find((i) => i.kind === 'hardship')).toMatchObject({ hardshipKind: '家属重病', help: 'fund', amountYuan: 800 });
    expect(items.find((i) => i.kind === 'pairing')).toMatchObject({ role: 'mentee', mentorId: 'm1' });
  });

  it('shows the pairing on the mentor and nothing of others', () => {
    const mentor = personTimeline('m1', { duties, helpRecords: [help], hardships: [hardship], pairs: [pair] });
    expect(mentor.map((i) => [i.kind, i.kind === 'pairing' ? i.role : null])).toEqual([['pairing', 'mentor']]);
    expect(personTimeline('w2', { duties, helpRecords: [help], hardships: [hardship], pairs: [{ ...pair, deleted: true }] }).map((i) => i.kind)).toEqual(['talk']);
  });

  it('orders across a year end', () => {
    const a = { ...newHelpRecord('2026-W53', 'w1', 1, () => 'a'), result: 'watching' as const };
    const b = { ...newHelpRecord('2027-W01', 'w1', 2, () => 'b'), result: null };
    const t = personTimeline('w1', { duties: [], helpRecords: [a, b], hardships: [], pairs: [] });
    expect(t.map((i) => [i.recordId, i.day])).toEqual([['b', '2027-01-10'], ['a', '2027-01-03']]);
  });
});
