/**
 * The due rule (src/domain/due.ts) applied to a team as the server knows it: its first day
 * (created on the server, or an earlier record), its shifts and its rota (the newer of the
 * phone's and the branch's). Every page, export and score that says done / late / not due
 * goes through here, so they cannot disagree.
 */
import { monthDays, weeksOfMonth } from '../../domain/calendar';
import { dutyProgress } from '../../domain/checklist';
import { dayDue, firstDayOf, monthDue, weekDue, type DueState, type DueTeam, type Progress } from '../../domain/due';
import { effectiveRota, type StoredRota } from '../../domain/rota';
import { parseRota } from '../../domain/rota-schema';
import { teamConfigKey } from '../../domain/branch-config';
import type { DailyDuty, DayKey, Hazard, MonthKey, WeekKey } from '../../domain/types';
import { weekStatus } from '../../domain/weekly';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';
import type { TeamRecords } from './data';
import { TZ } from './params';

/** `team:<id>:rota`: the rota the branch set for the team (pulled by its phones). */
export const rotaKey = (teamId: string) => teamConfigKey(teamId, 'rota');

export function branchRota(db: Sqlite, teamId: string): StoredRota | null {
  const row = db.prepare('SELECT value FROM config WHERE key = ?').get(rotaKey(teamId)) as { value: string } | undefined;
  return row ? parseRota(JSON.parse(row.value)) : null;
}

/** The earliest day of any dated record of the team (a duty's day, a hazard's found day). */
function firstRecordDay(db: Sqlite, teamId: string): DayKey | null {
  const r = db.prepare(`SELECT MIN(COALESCE(json_extract(body, '$.day'), json_extract(body, '$.foundDay'))) AS d
    FROM records WHERE team_id = ? AND tbl IN ('duties', 'hazards') AND deleted = 0`).get(teamId) as { d: string | null };
  return r.d;
}

export function dueTeam(db: Sqlite, team: TeamRow, d: TeamRecords): DueTeam {
  const timeZone = d.team?.timeZone ?? TZ;
  const days = [firstRecordDay(db, team.id)].filter((x): x is DayKey => x !== null);
  const phoneCreated = d.team ? [firstDayOf(d.team.createdAt, timeZone)] : [];
  return {
    shifts: d.team?.shifts ?? [],
    overnightRule: d.team?.overnightRule ?? 'next',
    timeZone,
    rota: effectiveRota(parseRota(d.team?.rota), branchRota(db, team.id)),
    firstDay: firstDayOf(team.created_at, timeZone, [...days, ...phoneCreated]),
  };
}

export type DayState = 'done' | 'partly' | 'missing' | 'off' | 'future' | 'progress' | 'before' | 'rest';
const FROM_DUE: Record<DueState, DayState> = {
  done: 'done', partial: 'partly', missed: 'missing', off: 'off', future: 'future',
  'in-progress': 'progress', 'before-team': 'before', 'not-worked': 'rest',
};

/** What a day's duties say: done when a followed shift has every section answered. */
export function dayProgress(duties: readonly DailyDuty[], hazards: readonly Hazard[], day: DayKey): Progress {
  const ds = duties.filter((x) => x.day === day && !x.deleted);
  const on = ds.filter((x) => !x.dayOff);
  if (on.some((x) => dutyProgress(x, hazards.filter((h) => !h.deleted && h.dutyId === x.id).length).complete)) return 'done';
  if (on.length > 0) return 'partial';
  return ds.length > 0 ? 'off' : 'none';
}

export function dayStates(month: MonthKey, d: TeamRecords, due: DueTeam, nowMs: number): Map<DayKey, DayState> {
  const out = new Map<DayKey, DayState>();
  for (const day of monthDays(month)) out.set(day, FROM_DUE[dayDue(due, day, nowMs, dayProgress(d.duties, d.hazards, day))]);
  return out;
}

export function weekStates(month: MonthKey, d: TeamRecords, due: DueTeam, nowMs: number): Map<WeekKey, DueState> {
  const out = new Map<WeekKey, DueState>();
  for (const week of weeksOfMonth(month)) {
    const s = weekStatus(d.weeklyScreenings.find((x) => !x.deleted && x.week === week) ?? null, d.helpRecords.filter((r) => r.week === week));
    out.set(week, weekDue(due, week, nowMs, s === 'missing' ? 'none' : s));
  }
  return out;
}

export function reportDue(due: DueTeam, month: MonthKey, nowMs: number, submitted: boolean): DueState {
  return monthDue(due, month, nowMs, submitted);
}

export const DAY_STATE: Record<DayState, { label: string; mark: string }> = {
  done: { label: '完成', mark: '●' },
  partly: { label: '部分', mark: '◐' },
  missing: { label: '缺失', mark: '✕' },
  off: { label: '休息', mark: '—' },
  progress: { label: '进行中', mark: '…' },
  future: { label: '未到', mark: '' },
  before: { label: '班组未建立', mark: '' },
  rest: { label: '不当班', mark: '' },
};
