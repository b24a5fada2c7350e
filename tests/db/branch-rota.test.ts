/** The branch's 倒班 reaches the phone's team through the pulled config; the newer rota wins. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBranchConfig, getConfigProblems } from '../../src/db/branch-config';
import { getDb, useDbForTests } from '../../src/db/connection';
import { applyPull, setSyncState } from '../../src/db/outbox';
import { createDb } from '../../src/db/schema';
import { getTeam, saveTeam } from '../../src/db/team';
import type { PullResponse } from '../../src/domain/sync-protocol';

const TEAM = 'team-1';
const pull = (config: { key: string; value: unknown; updatedAt: number }[], cursor: number): PullResponse =>
  ({ v: 1, cursor, more: false, records: [], config, reviews: [] }) as unknown as PullResponse;

beforeEach(async () => {
  useDbForTests(createDb('t-' + crypto.randomUUID()));
  await saveTeam({
    district: '综采一队', name: '检修班', instructorName: '刘建国', timeZone: 'Asia/Shanghai', overnightRule: 'next',
    shifts: [{ id: 's1', name: '零点班', start: '00:00', end: '08:00' }, { id: 's2', name: '八点班', start: '08:00', end: '16:00' }, { id: 's3', name: '四点班', start: '16:00', end: '00:00' }],
    rota: { kind: 'fixed', shiftId: 's1', by: 'team', at: 100 },
  });
  await setSyncState(getDb(), { teamId: TEAM });
});
afterEach(async () => {
  const db = getDb();
  db.close();
  await db.delete();
  useDbForTests(null);
});

describe('branch rota', () => {
  it('a newer branch rota replaces the phone\'s, marked as set by the branch; an older one does not', async () => {
    const rota = { kind: 'cycle', order: ['s2', 's1', 's3'], days: 7, anchor: '2026-11-30', by: 'branch', at: 200 };
    await applyPull(getDb(), pull([{ key: `team:${TEAM}:rota`, updatedAt: 5, value: rota }], 1));
    expect(await applyBranchConfig(getDb())).toEqual([`team:${TEAM}:rota`]);
    expect((await getTeam())!.rota).toEqual(rota);
    expect((await getTeam())!.dirty).toBe(1);

    await saveTeam({ ...(await getTeam())!, rota: { kind: 'all', by: 'team', at: 300 } });
    await applyPull(getDb(), pull([{ key: `team:${TEAM}:rota`, updatedAt: 6, value: { ...rota, at: 250 } }], 2));
    await applyBranchConfig(getDb());
    expect((await getTeam())!.rota).toEqual({ kind: 'all', by: 'team', at: 300 });
  });

  it('a malformed rota is reported and not applied', async () => {
    await applyPull(getDb(), pull([{ key: `team:${TEAM}:rota`, updatedAt: 5, value: { kind: 'cycle', order: [], days: 0 } }], 1));
    await applyBranchConfig(getDb());
    expect((await getTeam())!.rota).toMatchObject({ kind: 'fixed', shiftId: 's1' });
    expect((await getConfigProblems(getDb()))[`team:${TEAM}:rota`]).toEqual(['格式不正确，未使用']);
  });
});
