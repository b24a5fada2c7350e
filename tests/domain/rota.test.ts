import { describe, expect, it } from 'vitest';
import { describeRota, effectiveRota, presetOf, presetRota, workedShifts } from '../../src/domain/rota';
import { parseRota } from '../../src/domain/rota-schema';
import { SHIFT_PRESETS, withShiftIds } from '../../src/domain/shift-presets';

const shifts = withShiftIds(SHIFT_PRESETS[0]!.shifts);
const team = { shifts, overnightRule: 'next' as const };
const names = (day: string, rota: Parameters<typeof workedShifts>[1]) => workedShifts(team, rota, day).map((s) => s.name);

describe('rota', () => {
  it('all shifts by default', () => {
    expect(names('2026-12-02', null)).toEqual(['零点班', '八点班', '四点班']);
  });
  it('weekly 倒班 backwards: 八点班 → 零点班 → 四点班, changing on Mondays, also before the anchor', () => {
    const r = presetRota('weekly-back', team, 's2', '2026-12-02');
    expect(r).toMatchObject({ kind: 'cycle', anchor: '2026-11-30', days: 7 });
    expect(names('2026-11-30', r)).toEqual(['八点班']);
    expect(names('2026-12-06', r)).toEqual(['八点班']);
    expect(names('2026-12-07', r)).toEqual(['零点班']);
    expect(names('2026-12-14', r)).toEqual(['四点班']);
    expect(names('2026-12-21', r)).toEqual(['八点班']);
    expect(names('2026-11-29', r)).toEqual(['四点班']);
    expect(describeRota(r, shifts)).toBe('八点班→零点班→四点班，每周轮换');
    expect(presetOf(r, team)).toBe('weekly-back');
  });
  it('weekly forwards and fixed', () => {
    const f = presetRota('weekly-forward', team, 's2', '2026-12-02');
    expect(names('2026-12-07', f)).toEqual(['四点班']);
    expect(presetOf(f, team)).toBe('weekly-forward');
    const x = presetRota('fixed', team, 's3', '2026-12-02');
    expect(names('2027-03-01', x)).toEqual(['四点班']);
    expect(describeRota(x, shifts)).toBe('固定四点班');
  });
  it('a rota naming a removed shift falls back to every shift', () => {
    expect(names('2026-12-02', { kind: 'fixed', shiftId: 'gone' })).toHaveLength(3);
  });
  it('parses stored rotas, refuses junk; the newer of team and branch applies', () => {
    const own = parseRota({ kind: 'fixed', shiftId: 's1', by: 'team', at: 10 });
    const branch = parseRota({ kind: 'all', by: 'branch', at: 20 });
    expect(own).not.toBeNull();
    expect(parseRota({ kind: 'cycle', order: [], days: 7, anchor: '2026-11-30', by: 'team', at: 1 })).toBeNull();
    expect(parseRota('x')).toBeNull();
    expect(effectiveRota(own, branch)?.by).toBe('branch');
    expect(effectiveRota(own, { ...branch!, at: 5 })?.by).toBe('team');
  });
});
