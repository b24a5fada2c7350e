import { describe, expect, it } from 'vitest';
import { figureChanges, HEADLINE_FIGURES, textChanges } from '../../src/domain/report-diff';
import { computeMonthFigures } from '../../src/domain/report-figures';
import type { ReportText } from '../../src/domain/report';
import { duty, emptyInput, hazard } from './report-fixtures';

const text: ReportText = {
  lookBack: '本月跟班正常。', progress: '标准化达标', nextPriorities: ['雨季防治水教育'], methods: '',
  ideas: [{ id: 'i1', title: '二维码签到', content: '扫码签到', expectedEffect: '', adopted: false }],
};

describe('what changed in a monthly report', () => {
  it('lists nothing when the records are the same', () => {
    const f = computeMonthFigures('2026-11', emptyInput());
    expect(figureChanges(f, computeMonthFigures('2026-11', emptyInput()))).toEqual([]);
  });

  it('names each changed figure with its old and new value: a shift and a hazard added after submitting', () => {
    const input = emptyInput();
    const followed = { documents: { items: [], none: true } }; // one answer: a followed shift
    const before = computeMonthFigures('2026-11', { ...input, duties: [duty('d1', '2026-11-02', 'morning', followed), duty('d2', '2026-11-03', 'morning', followed)], hazards: [hazard('h1', '2026-11-02')] });
    const after = computeMonthFigures('2026-11', {
      ...input,
      duties: [duty('d1', '2026-11-02', 'morning', followed), duty('d2', '2026-11-03', 'morning', followed), duty('d3', '2026-11-04', 'middle', followed)],
      hazards: [hazard('h1', '2026-11-02'), hazard('h2', '2026-11-04')],
    });
    const changes = figureChanges(before, after);
    const byKey = Object.fromEntries(changes.map((c) => [c.key, c]));
    expect(byKey.followed).toMatchObject({ label: '跟班班次', from: 2, to: 3, unit: '班' });
    expect(byKey.found).toMatchObject({ label: '发现隐患', from: 1, to: 2, unit: '项' });
    expect(byKey.open).toMatchObject({ from: 1, to: 2 });
    // Only figures that differ, in the order of the shared list.
    for (const c of changes) expect(c.from).not.toBe(c.to);
    const order = HEADLINE_FIGURES.map((h) => h.key);
    expect(changes.map((c) => order.indexOf(c.key))).toEqual([...changes.map((c) => order.indexOf(c.key))].sort((a, b) => a - b));
    expect(changes.map((c) => c.key)).not.toContain('talks');
  });

  it('lists the written parts that differ, trimmed, with both wordings', () => {
    expect(textChanges(text, { ...text, lookBack: ' 本月跟班正常。 ', nextPriorities: ['雨季防治水教育', ' '] })).toEqual([]);
    const changed = textChanges(text, {
      ...text, progress: '标准化达标，新增两名安全员', nextPriorities: ['雨季防治水教育', '顶板管理'],
      ideas: [...text.ideas, { id: 'i2', title: '一人一题', content: '抽问风险点', expectedEffect: '人人会辨识', adopted: false }],
    });
    expect(changed.map((c) => c.part)).toEqual(['班组管理进展', '次月工作重点', '金点子']);
    expect(changed[0]).toEqual({ part: '班组管理进展', from: '标准化达标', to: '标准化达标，新增两名安全员' });
    expect(changed[1]!.to).toBe('1. 雨季防治水教育\n2. 顶板管理');
    expect(changed[2]!.to).toContain('一人一题：抽问风险点（预期效果：人人会辨识）');
  });
});
