import { describe, expect, it } from 'vitest';
import {
  activeRiskTypes, DEFAULT_RISK_TYPE_NAMES, defaultRiskTypes, riskTypeLabel, riskTypeLabels, riskTypeNameError, riskTypesForPicker,
} from '../../src/domain/risk-types';
import {
  HARDSHIP_HELP_LABELS, HELP_RESULT_LABELS, newHelpRecord, newWeeklyScreening, weekStatus, type HelpResult,
} from '../../src/domain/weekly';

let n = 0;
const newId = () => `id${++n}`;
const rec = (result: HelpResult | null, deleted = false) => ({ ...newHelpRecord('2026-W48', `w${n}`, 1, newId), result, deleted });

describe('weekStatus', () => {
  const screening = newWeeklyScreening('2026-W48', 1, newId);

  it('is missing with nothing recorded, or only deleted things', () => {
    expect(weekStatus(null, [])).toBe('missing');
    expect(weekStatus({ ...screening, noneAtRisk: true, deleted: true }, [rec('resolved', true)])).toBe('missing');
  });

  it('is done when "nobody at risk" was answered', () => {
    expect(weekStatus({ ...screening, noneAtRisk: true }, [])).toBe('done');
  });

  it('is done when every record has a result, partial otherwise', () => {
    expect(weekStatus(null, [rec('watching'), rec('resolved'), rec(null, true)])).toBe('done');
    expect(weekStatus(screening, [rec('watching'), rec(null)])).toBe('partial');
    expect(weekStatus({ ...screening, noneAtRisk: true }, [rec(null)])).toBe('partial');
  });

  it('is partial when the screening was opened but not answered', () => {
    expect(weekStatus(screening, [])).toBe('partial');
  });
});

describe('labels', () => {
  it('are zh-CN', () => {
    expect(HELP_RESULT_LABELS).toEqual({ watching: '持续关注', resolved: '已化解', reported: '已上报' });
    expect(HARDSHIP_HELP_LABELS).toEqual({ visit: '走访慰问', fund: '帮扶金', other: '其他' });
  });
});

describe('risk types', () => {
  const types = defaultRiskTypes(1000, newId);

  it('defaults to the seven types in order', () => {
    expect(types.map((t) => t.name)).toEqual([...DEFAULT_RISK_TYPE_NAMES]);
    expect(types.map((t) => t.order)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(types.map((t) => t.id)).size).toBe(7);
    expect(types[0]).toMatchObject({ retired: false, deleted: false, rev: 1, dirty: 1, createdAt: 1000 });
  });

  it('keeps retired types readable and out of new pickers', () => {
    const retired = types.map((t, i) => (i === 1 ? { ...t, retired: true } : t));
    expect(riskTypeLabel(retired, types[1]!.id)).toBe('家庭困难');
    expect(riskTypeLabel(retired, 'gone')).toBe('已停用类型');
    expect(activeRiskTypes(retired).map((t) => t.name)).not.toContain('家庭困难');
    expect(riskTypesForPicker(retired, [types[1]!.id]).map((t) => t.name)).toContain('家庭困难');
    expect(riskTypeLabels(retired, ['gone', types[3]!.id, types[0]!.id])).toEqual(['思想波动', '违章倾向', '已停用类型']);
  });

  it('checks names in zh-CN', () => {
    expect(riskTypeNameError(' ', types)).toBe('请填写类型名称');
    expect(riskTypeNameError('思想波动', types)).toBe('已有同名类型');
    expect(riskTypeNameError('思想波动', types, types[0]!.id)).toBeNull();
    expect(riskTypeNameError('赌博倾向', types)).toBeNull();
  });
});
