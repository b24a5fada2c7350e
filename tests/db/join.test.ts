/** A phone joining an existing team (src/db/join.ts): what the shell reads first, and the end of a restore. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyBranchConfig } from '../../src/db/branch-config';
import { beginJoin, endRestore, getBoot, getJoinState, restoredCounts } from '../../src/db/join';
import { applyPull, setSyncState } from '../../src/db/outbox';
import { getTeam, saveTeam } from '../../src/db/team';
import type { PullResponse, SyncRecord } from '../../src/domain/sync-protocol';
import { useFreshDb } from './fresh-db';

const fresh = useFreshDb();
const TEAM = 'team-1';
const pull = (p: Partial<PullResponse>, cursor: number): PullResponse =>
  ({ v: 1, cursor, more: false, records: [], config: [], reviews: [], ...p }) as PullResponse;
const rec = (table: SyncRecord['table'], body: Record<string, unknown>): SyncRecord => ({
  table, id: String(body.id), rev: 1, updatedAt: 100, deleted: false,
  body: { rev: 1, createdAt: 100, updatedAt: 100, deleted: false, ...body },
});
const A_SHIFTS = [{ id: 's1', name: '零点班', start: '00:00', end: '08:00' }, { id: 's2', name: '八点班', start: '08:00', end: '16:00' }, { id: 's3', name: '四点班', start: '16:00', end: '00:00' }];
const A_TEAM = rec('teams', {
  id: 'team-record-a', district: '综采一队', name: '检修班', instructorName: '刘建国', timeZone: 'Asia/Shanghai',
  overnightRule: 'next', shifts: A_SHIFTS,
});
/** The store's applyPull (src/sync/index.ts): the pull, then the branch config on the phone's records. */
async function applyPage(p: PullResponse): Promise<void> {
  await applyPull(fresh.db, p, 1_000);
  await applyBranchConfig(fresh.db);
}

describe('join', () => {
  it('the shell sees a join under way until the restore ends, and the server names once enrolled', async () => {
    expect(await getBoot()).toEqual({ team: null, join: null, names: null, userName: '' });
    await setSyncState(fresh.db, { teamId: TEAM, teamName: '第一班组', branchName: '综采一队党支部', teamDistrict: '综采一队', auth: 'enrolled' });
    await beginJoin(' 王建国 ', 500);
    await applyPage(pull({ records: [A_TEAM, rec('workers', { id: 'w1', name: '张三', post: '支架工', partyMember: false })] }, 3));
    const boot = await getBoot();
    // The team record arrived, but the join is not over: the app must still show the restore.
    expect(boot.team?.name).toBe('检修班');
    expect(boot.join).toEqual({ phase: 'restore', startedAt: 500 });
    expect(boot.names).toEqual({ teamName: '第一班组', district: '综采一队', branchName: '综采一队党支部' });
    expect(boot.userName).toBe('王建国');
    expect(await restoredCounts()).toEqual({ workers: 1, duties: 0, openHazards: 0, helpRecords: 0 });
    expect(await endRestore()).toBe('done');
    expect((await getBoot()).join).toBeNull();
  });

  it('shifts the branch sent before the team record arrived are applied when the restore ends', async () => {
    await setSyncState(fresh.db, { teamId: TEAM, teamName: '第一班组', auth: 'enrolled' });
    await beginJoin('王建国', 500);
    const branchShifts = [
      { id: 's1', name: '夜班', start: '23:00', end: '07:00', retired: false },
      { id: 's2', name: '早班', start: '07:00', end: '15:00', retired: false },
      { id: 's3', name: '中班', start: '15:00', end: '23:00', retired: false },
    ];
    // Change order: the config is older than the team record's last change.
    await applyPage(pull({ config: [{ key: `team:${TEAM}:shifts`, updatedAt: 50, value: branchShifts }], more: true }, 1));
    await applyPage(pull({ records: [A_TEAM] }, 2));
    expect((await getTeam())!.shifts.map((s) => s.name)).toEqual(['零点班', '八点班', '四点班']);
    expect(await endRestore()).toBe('done');
    await applyBranchConfig(fresh.db);
    expect((await getTeam())!.shifts.map((s) => s.name)).toEqual(['夜班', '早班', '中班']);
  });

  it('a team empty on the server: the join goes on to founding it, and survives until the roster step ends', async () => {
    await setSyncState(fresh.db, { teamId: TEAM, teamName: '第三班组', auth: 'enrolled' });
    await beginJoin('刘建国', 500);
    await applyPage(pull({}, 1));
    expect(await endRestore()).toBe('found');
    expect(await getJoinState()).toEqual({ phase: 'team', startedAt: 500 });
    await saveTeam({ ...(A_TEAM.body as object), name: '第三班组' } as never);
    expect((await getBoot()).join?.phase).toBe('team'); // only the roster step's 开始使用 ends it
  });
});
