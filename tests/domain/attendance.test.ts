/** 应到/实到 with 停止下井/劝返, rest and temporary workers (issue 15.13): rule, merge, wire schema. */
import { describe, expect, it } from 'vitest';
import { attendance, newDuty } from '../../src/domain/checklist';
import { mergeDuties } from '../../src/domain/duty-merge';
import { validateRecordBody } from '../../src/domain/record-schemas';
import type { DailyDuty, WeakWorkerScreening } from '../../src/domain/types';

const base = (): DailyDuty => ({ ...newDuty({ id: 'd1', createdAt: 1 }, '2026-12-02', { id: 's1', name: '八点班' }, 10), dirty: 0 } as DailyDuty);
const weak = (workerId: string, actions: WeakWorkerScreening['actions']): WeakWorkerScreening =>
  ({ workerId, reasons: ['unwell'], reasonOther: '', actions, actionOther: '' });

describe('attendance', () => {
  it('实到 leaves out the absent and those sent to rest or kept from going down, once each', () => {
    const d = base();
    d.rollCall = { expected: 10, absentees: ['a', 'b'], confirmed: true };
    d.weak = { none: false, entries: [weak('c', ['stopWork']), weak('e', ['rest', 'talk']), weak('b', ['rest']), weak('f', ['talk'])] };
    const a = attendance(d, 99);
    expect(a).toMatchObject({ expected: 10, present: 6, absentees: ['a', 'b'], sentOff: ['c', 'e'] });
  });

  it('a temporary worker counts in 应到 and 实到 of his shift only; no record yet uses the roster size', () => {
    const d = base();
    d.rollCall = { expected: 10, absentees: [], confirmed: true, guests: [{ id: 'g1', name: '钱七', post: '借调' }] };
    expect(attendance(d, 99)).toMatchObject({ expected: 11, present: 11 });
    expect(attendance(undefined, 4)).toMatchObject({ expected: 4, present: 4, guests: [] });
  });

  it('two phones merging keep the guests of both, once each; old records stay without the key', () => {
    const a = base();
    const b = base();
    a.rollCall.guests = [{ id: 'g1', name: '钱七', post: '' }];
    b.rollCall.guests = [{ id: 'g1', name: '钱七', post: '' }, { id: 'g2', name: '孙八', post: '' }];
    expect(mergeDuties(a, b).rollCall.guests?.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect('guests' in mergeDuties(base(), base()).rollCall).toBe(false);
  });
});

describe('the endpoint accepts the new fields', () => {
  const wire = (d: DailyDuty) => {
    const { dirty: _d, ...body } = d as DailyDuty & { dirty?: number };
    return body;
  };
  it('a duty with 停止下井/劝返 and a guest passes; a guest without a name or an unknown measure fails', () => {
    const d = base();
    d.rollCall.guests = [{ id: 'g1', name: '钱七', post: '借调' }];
    d.weak = { none: false, entries: [weak('c', ['stopWork'])] };
    expect(validateRecordBody('duties', wire(d))).toEqual({ ok: true });
    const noName = { ...wire(d), rollCall: { ...d.rollCall, guests: [{ id: 'g1', post: '' }] } };
    expect(validateRecordBody('duties', noName)).toMatchObject({ ok: false, path: 'rollCall.guests.0.name' });
    const unknown = { ...wire(d), weak: { none: false, entries: [{ ...weak('c', []), actions: ['fly'] }] } };
    expect(validateRecordBody('duties', unknown).ok).toBe(false);
  });
});
