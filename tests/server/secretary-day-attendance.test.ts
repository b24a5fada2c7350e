/** The secretary's day view shows 应到/实到 as the phone does: rest, 停止下井/劝返 and temporary workers (issue 15.13). */
import { describe, expect, it } from 'vitest';
import { newDuty } from '../../src/domain/checklist';
import type { DailyDuty, Worker } from '../../src/domain/types';
import type { TeamRecords } from '../../src/server/secretary/data';
import { dayDetail } from '../../src/server/secretary/team';

const worker = (id: string, name: string): Worker =>
  ({ id, name, post: '', partyMember: false, createdAt: 1, updatedAt: 1, rev: 1, deleted: false }) as Worker;

function records(duty: DailyDuty): TeamRecords {
  return {
    team: null, duties: [duty], hazards: [], workers: [worker('w1', '张三'), worker('w2', '李四'), worker('w3', '王五')],
    riskTypes: [], weeklyScreenings: [], helpRecords: [], pairs: [], hardships: [], reports: [],
  };
}

describe('day detail: roll call', () => {
  it('says 应到, 实到, who was absent, kept from going down, and the temporary workers', async () => {
    const d = newDuty({ id: 'd1', createdAt: 1 }, '2026-12-02', { id: 's1', name: '八点班' }, 3) as DailyDuty;
    d.rollCall = { expected: 3, absentees: ['w1'], confirmed: true, guests: [{ id: 'g1', name: '钱七', post: '借调' }] };
    d.weak = { none: false, entries: [{ workerId: 'w2', reasons: ['drinking'], reasonOther: '', actions: ['stopWork'], actionOther: '' }] };
    const page = String(await dayDetail(records(d), '2026-12-02'));
    expect(page).toContain('应到 4，实到 2；缺勤：张三；安排休息/停止下井：李四；临时/借调：钱七（借调）');
    expect(page).toContain('李四：酒后 → 停止下井/劝返');
  });

  it('a record from before (no guests, no measures) reads as before', async () => {
    const d = newDuty({ id: 'd1', createdAt: 1 }, '2026-12-02', { id: 's1', name: '八点班' }, 3) as DailyDuty;
    d.rollCall = { expected: 3, absentees: [], confirmed: true };
    expect(String(await dayDetail(records(d), '2026-12-02'))).toContain('应到 3，实到 3；缺勤：无');
  });
});
