/**
 * A phone joining a team that already exists (a second phone, a replacement, a substitute's
 * phone): the join in progress and what the first screen needs to start. Stored in settings
 * (this phone only, not synced):
 *   setup.join      JoinState while the team is being restored (or founded after enrolment);
 *                   it survives a reload or a cut, so the phone resumes instead of starting a
 *                   new team; removed when the first screen may show
 *   device.userName who uses this phone (小政委 or his substitute), shown in the header
 * The team's names as the server knows them are read from the sync state (sync.state).
 */
import type { Team } from '../domain/types';
import { withDb } from './connection';
import { SETTING_KEYS } from './settings';
import { getTeam } from './team';

/**
 * restore: pulling the team from the server (the first screen waits);
 * team, roster: the team was empty on the server: this phone founds it (today's two steps).
 */
export interface JoinState {
  phase: 'restore' | 'team' | 'roster';
  /** When the enrolment started (epoch ms): a sync run that succeeds after it restored everything. */
  startedAt: number;
}

export interface ServerNames {
  teamName: string;
  district: string;
  branchName: string;
}

/** Everything the app shell reads before its first screen, in one query (a liveQuery re-runs it). */
export interface Boot {
  team: Team | null;
  join: JoinState | null;
  names: ServerNames | null;
  userName: string;
}

export async function getBoot(): Promise<Boot> {
  const [team, rows] = await Promise.all([
    getTeam(),
    withDb((db) => db.settings.bulkGet([SETTING_KEYS.join, SETTING_KEYS.syncState, SETTING_KEYS.userName])),
  ]);
  const [join, sync, user] = rows;
  const st = sync?.value as { teamName?: string | null; teamDistrict?: string | null; branchName?: string | null } | undefined;
  return {
    team: team ?? null,
    join: (join?.value as JoinState | undefined) ?? null,
    names: st?.teamName ? { teamName: st.teamName, district: st.teamDistrict ?? '', branchName: st.branchName ?? '' } : null,
    userName: typeof user?.value === 'string' ? user.value : '',
  };
}

export async function getJoinState(): Promise<JoinState | null> {
  const row = await withDb((db) => db.settings.get(SETTING_KEYS.join));
  return (row?.value as JoinState | undefined) ?? null;
}

export async function setJoinState(state: JoinState | null): Promise<void> {
  await withDb(async (db) => {
    if (state) await db.settings.put({ key: SETTING_KEYS.join, value: state });
    else await db.settings.delete(SETTING_KEYS.join);
  });
}

/**
 * Starts a join: from here on the app shows the setup screens, whatever arrives from the server.
 * userName null keeps the one stored (a join resumed without its form).
 */
export async function beginJoin(userName: string | null, at: number): Promise<JoinState> {
  const state: JoinState = { phase: 'restore', startedAt: at };
  await withDb((db) => db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: SETTING_KEYS.join, value: state });
    if (userName !== null) await db.settings.put({ key: SETTING_KEYS.userName, value: userName.trim() });
  }));
  return state;
}

/**
 * The restore is complete. The team's shifts sent by the branch may have arrived before the
 * team record did (config and records come in change order), when there was no team to apply
 * them to: their "applied" mark is dropped so the next application sees them again.
 * Returns what comes next: the first screen (the team came back) or founding it (the team
 * was empty on the server).
 */
export async function endRestore(): Promise<'done' | 'found'> {
  const team = await getTeam();
  await withDb((db) => db.transaction('rw', db.settings, async () => {
    const marks = await db.settings.where('key').startsWith('branchConfig.applied:').primaryKeys();
    await db.settings.bulkDelete(marks.filter((k) => String(k).endsWith(':shifts')));
    const join = (await db.settings.get(SETTING_KEYS.join))?.value as JoinState | undefined;
    if (team) await db.settings.delete(SETTING_KEYS.join);
    else if (join) await db.settings.put({ key: SETTING_KEYS.join, value: { ...join, phase: 'team' } satisfies JoinState });
  }));
  return team ? 'done' : 'found';
}

/** What the restore brought so far, for its progress line. */
export async function restoredCounts(): Promise<{ workers: number; duties: number; openHazards: number; helpRecords: number }> {
  return withDb(async (db) => {
    const [workers, duties, hazards, helpRecords] = await Promise.all([
      db.workers.filter((w) => !w.deleted).count(),
      db.duties.count(),
      db.hazards.where('status').equals('open').filter((h) => !h.deleted).count(),
      db.helpRecords.count(),
    ]);
    return { workers, duties, openHazards: hazards, helpRecords };
  });
}
