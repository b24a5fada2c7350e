import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBranchConfig, getConfigProblems } from '../../src/db/branch-config';
import { makeDuty } from '../sync/fixtures';
import { getDb, useDbForTests } from '../../src/db/connection';
import { applyPull, setSyncState } from '../../src/db/outbox';
import { createDb } from '../../src/db/schema';
import { addWorkers, getTeam, listWorkers, saveTeam } from '../../src/db/team';
import type { PullResponse } from '../../src/domain/sync-protocol';

const TEAM = 'team-1';
const pull = (config: { key: string; value: unknown; updatedAt: number }[], cursor: number): PullResponse =>
  ({ v: 1, cursor, more: false, records: [], config, reviews: [] }) as unknown as PullResponse;

beforeEach(async () => {
  useDbForTests(createDb('t-' + crypto.randomUUID()));
  await saveTeam({
    district: '综采一队', name: '检修班', instructorName: '刘建国', timeZone: 'Asia/Shanghai', overnightRule: 'next',
    shifts: [{ id: 's1', name: '零点班', start: '00:00', end: '08:00' }, { id: 's2', name: '八点班', start: '08:00', end: '16:00' }, { id: 's3', name: '四点班', start: '16:00', end: '00:00' }],
  });
  await setSyncState(getDb(), { teamId: TEAM });
});
afterEach(async () => {
  const db = getDb();
  db.close();
  await db.delete();
  useDbForTests(null);
});

describe('applyBranchConfig', () => {
  it('applies the roster: renames, adds, retires (tombstone, name kept); a second run changes nothing', async () => {
    const [zhang, li] = await addWorkers([{ name: '张三', post: '支架工' }, { name: '李四', post: '电工' }]);
    await applyPull(getDb(), pull([{ key: `team:${TEAM}:roster`, updatedAt: 10, value: [
      { id: zhang!.id, name: '张三', post: '采煤机司机', partyMember: true, retired: false },
      { id: li!.id, name: '李四', post: '电工', partyMember: false, retired: true },
      { id: 'w-new', name: '王五', post: '瓦检员', partyMember: false, retired: false },
    ] }], 1));
    expect(await applyBranchConfig(getDb())).toEqual([`team:${TEAM}:roster`]);
    const all = await listWorkers(true);
    expect(all.find((w) => w.id === zhang!.id)).toMatchObject({ post: '采煤机司机', partyMember: true, deleted: false, rev: 2, dirty: 1 });
    expect(all.find((w) => w.id === li!.id)).toMatchObject({ name: '李四', deleted: true });
    expect(all.find((w) => w.id === 'w-new')).toMatchObject({ name: '王五', deleted: false, rev: 1 });
    expect((await listWorkers()).map((w) => w.name).sort()).toEqual(['王五', '张三'].sort());
    expect(await applyBranchConfig(getDb())).toEqual([]);
    expect((await listWorkers(true)).find((w) => w.id === zhang!.id)!.rev).toBe(2);
  });

  it('applies valid shifts, and keeps the phone\'s shifts when the pushed ones are invalid', async () => {
    const shifts = [
      { id: 's1', name: '夜班', start: '23:00', end: '07:00', retired: false },
      { id: 's2', name: '早班', start: '07:00', end: '15:00', retired: false },
      { id: 's3', name: '中班', start: '15:00', end: '23:00', retired: false },
      { id: 's4', name: '旧班', start: '00:00', end: '06:00', retired: true },
    ];
    await applyPull(getDb(), pull([{ key: `team:${TEAM}:shifts`, updatedAt: 5, value: shifts }], 1));
    await applyBranchConfig(getDb());
    expect((await getTeam())!.shifts.map((s) => s.name)).toEqual(['夜班', '早班', '中班']);

    const overlapping = [{ id: 's1', name: '甲', start: '08:00', end: '16:00', retired: false }, { id: 's2', name: '乙', start: '12:00', end: '20:00', retired: false }];
    await applyPull(getDb(), pull([{ key: `team:${TEAM}:shifts`, updatedAt: 6, value: overlapping }], 2));
    expect(await applyBranchConfig(getDb())).toEqual([]);
    expect((await getTeam())!.shifts.map((s) => s.name)).toEqual(['夜班', '早班', '中班']);
  });

  it('applies risk types (retired ones stay, marked retired) and ignores another team\'s roster', async () => {
    await applyPull(getDb(), pull([
      { key: 'riskTypes', updatedAt: 3, value: [{ id: 'r1', name: '思想波动', retired: false, order: 0 }, { id: 'r2', name: '旧类型', retired: true, order: 1 }] },
      { key: 'team:other-team:roster', updatedAt: 3, value: [{ id: 'x', name: '外人', post: '', partyMember: false, retired: false }] },
    ], 1));
    expect(await applyBranchConfig(getDb())).toEqual(['riskTypes']);
    const types = await getDb().riskTypes.toArray();
    expect(types.map((t) => [t.name, t.retired])).toEqual([['思想波动', false], ['旧类型', true]]);
    expect((await listWorkers(true)).some((w) => w.name === '外人')).toBe(false);
  });

  it('applies the good risk types of a list with one bad item, and reports the bad one', async () => {
    const long = '因家庭原因长期情绪低落且多次在班前会上表现出明显的疲劳状态需要重点关注的人员类型说明文字超过限制很多很多字';
    await applyPull(getDb(), pull([{ key: 'riskTypes', updatedAt: 3, value: [
      { id: 'r1', name: '思想波动', retired: false, order: 0 },
      { id: 'r-long', name: long, retired: false, order: 1 },
      { id: 'r3', name: '家庭困难', retired: false, order: 2 },
    ] }], 1));
    expect(await applyBranchConfig(getDb())).toEqual(['riskTypes']);
    expect((await getDb().riskTypes.toArray()).map((t) => t.name).sort()).toEqual(['家庭困难', '思想波动'].sort());
    const problems = await getConfigProblems(getDb());
    expect(problems.riskTypes).toHaveLength(1);
    expect(problems.riskTypes![0]).toMatch(/^「因家庭原因长期情绪低落且…」：名称请控制在20字以内$/);
    // The branch fixes it: applied, and the problem is gone.
    await applyPull(getDb(), pull([{ key: 'riskTypes', updatedAt: 4, value: [
      { id: 'r1', name: '思想波动', retired: false, order: 0 }, { id: 'r-long', name: '情绪低落', retired: false, order: 1 },
      { id: 'r3', name: '家庭困难', retired: false, order: 2 },
    ] }], 2));
    await applyBranchConfig(getDb());
    expect((await getDb().riskTypes.toArray()).map((t) => t.name).sort()).toEqual(['家庭困难', '思想波动', '情绪低落'].sort());
    expect(await getConfigProblems(getDb())).toEqual({});
  });

  it('retires a risk type the branch deleted from the list (it was never used)', async () => {
    const list = (ids: string[]) => ids.map((id, order) => ({ id, name: `类型${id}`, retired: false, order }));
    await applyPull(getDb(), pull([{ key: 'riskTypes', updatedAt: 3, value: list(['r1', 'r2']) }], 1));
    await applyBranchConfig(getDb());
    await applyPull(getDb(), pull([{ key: 'riskTypes', updatedAt: 4, value: list(['r1']) }], 2));
    await applyBranchConfig(getDb());
    expect((await getDb().riskTypes.toArray()).map((t) => [t.id, t.retired])).toEqual([['r1', false], ['r2', true]]);
  });

  it('applies the secretary\'s merge of a duplicate worker to every record naming him, once', async () => {
    const [keep, dup, other] = await addWorkers([{ name: '王建国', post: '支架工' }, { name: '王建国', post: '' }, { name: '李春生', post: '' }]);
    const db = getDb();
    const duty = { ...makeDuty('d1', 1, 0), rollCall: { expected: 3, absentees: [dup!.id], confirmed: true },
      talks: { workerIds: [keep!.id, dup!.id, other!.id], none: false },
      weak: { none: false, entries: [{ workerId: dup!.id, reasons: ['tired'], reasonOther: '', actions: ['talk'], actionOther: '' }] } };
    await db.duties.put(duty as never);
    await db.helpRecords.put({ id: 'h1', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, dirty: 0, week: '2026-W45', workerId: dup!.id,
      riskTypeIds: [], situation: '', measures: '', result: null, nextStep: '', talkDays: [], carriedFromId: null } as never);
    await applyPull(db, pull([{ key: `team:${TEAM}:merges`, updatedAt: 9, value: [{ from: dup!.id, to: keep!.id, at: 9 }] }], 1));
    expect(await applyBranchConfig(db)).toEqual([`team:${TEAM}:merges`]);
    const d = (await db.duties.get('d1'))!;
    expect(d.rollCall.absentees).toEqual([keep!.id]);
    expect(d.talks.workerIds).toEqual([keep!.id, other!.id]);
    expect(d.weak.entries.map((e) => e.workerId)).toEqual([keep!.id]);
    expect([d.rev, d.dirty]).toEqual([2, 1]); // goes back to the server
    expect(((await db.helpRecords.get('h1')) as unknown as { workerId: string }).workerId).toBe(keep!.id);
    expect((await listWorkers()).map((w) => w.name)).toEqual(['王建国', '李春生']);
    expect(await applyBranchConfig(db)).toEqual([]);
    expect((await db.duties.get('d1'))!.rev).toBe(2);
  });
});
