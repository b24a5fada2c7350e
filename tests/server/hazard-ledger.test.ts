/** The secretary's 隐患台账 of a team (issue 15.4): withdrawn entries with their reason, overdue days, corrections. */
import { describe, expect, it } from 'vitest';
import { editHazard, withdrawHazard } from '../../src/domain/hazard';
import { hazardLedger } from '../../src/server/secretary/hazard-ledger';
import type { TeamRecords } from '../../src/server/secretary/data';
import { closed, hazard } from '../domain/report-fixtures';

const records = (hazards: TeamRecords['hazards']): TeamRecords => ({
  team: null, duties: [], hazards, workers: [], riskTypes: [], weeklyScreenings: [], helpRecords: [], pairs: [], hardships: [], reports: [],
});

const text = async (h: ReturnType<typeof hazardLedger>) => String(await h).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('secretary hazard ledger', () => {
  it('lists a withdrawn entry apart, with its reason, and not among the live items', async () => {
    const out = await text(hazardLedger(records([
      hazard('a', '2026-12-01', { description: '皮带机托辊异响' }),
      withdrawHazard(hazard('b', '2026-12-01', { description: '测试一下' }), 1, '2026-12-01', '测试数据，误登记'),
    ]), '2026-12', undefined, '2026-12-02'));
    expect(out).toContain('已删除的误登记（不计入统计）');
    expect(out).toMatch(/已删除的误登记.*2026-12-01 测试一下 测试数据，误登记/);
    expect(out.split('已删除的误登记')[0]).not.toContain('测试一下');
  });
  it('marks overdue items with the days past the deadline, as of today', async () => {
    const out = await text(hazardLedger(records([hazard('c', '2026-11-20', { deadline: '2026-11-25' }), closed(hazard('d', '2026-11-20', { deadline: '2026-11-22' }), '2026-12-01')]), '2026-12', undefined, '2026-12-02'));
    expect(out).toContain('2026-11-25 未销号 逾期 7 天');
    expect(out.match(/逾期/g)).toHaveLength(1);
  });
  it('shows the corrections in the history with category names', async () => {
    const e = editHazard(hazard('e', '2026-12-01', { description: '漏夜' }), 1, '2026-12-02', { description: '漏液', responsible: '李工', deadline: null, category: 'hc-2' });
    const out = await text(hazardLedger(records([e]), '2026-12', undefined, '2026-12-02'));
    expect(out).toContain('机电');
    expect(out).toContain('2026-12-02 修改（内容 漏夜 → 漏液；类别 无 → 机电）');
  });
});
