import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBranchConfig } from '../../src/db/branch-config';
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
});
