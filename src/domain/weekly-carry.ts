/**
 * Follow-ups from one week to the next: someone still watched last week must not drop out
 * of sight because a new week began. Weeks are ISO weeks, so the week before 2027-W01 is
 * 2026-W53 (calendar.addWeeks), never "W00".
 */
import { addWeeks } from './calendar';
import type { WeekKey } from './types';
import { newHelpRecord, type HelpRecord } from './weekly';
import type { NewId } from './weekly-meta';

/** The week before, across year ends too (2027-W01 → 2026-W53): what carryOver expects. */
export function previousWeek(week: WeekKey): WeekKey {
  return addWeeks(week, -1);
}

/** Later record wins: createdAt, then the time-ordered id (UUIDv7) as a tie-break. */
function isLater(a: HelpRecord, b: HelpRecord): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
}

/** Each worker's latest live record among `records`. */
export function latestByWorker(records: readonly HelpRecord[]): Map<string, HelpRecord> {
  const latest = new Map<string, HelpRecord>();
  for (const r of records) {
    if (r.deleted) continue;
    const cur = latest.get(r.workerId);
    if (!cur || isLater(r, cur)) latest.set(r.workerId, r);
  }
  return latest;
}

export interface Carry {
  workerId: string;
  /** Last week's latest record for this worker, to prefill the follow-up. */
  previous: HelpRecord;
}

/**
 * People to follow up this week: latest record of the previous week still 'watching' or
 * without a result, and no live record yet this week. 'resolved' and 'reported' (handed
 * upward) are not carried. When `week` is given, records of other weeks are ignored, so
 * an over-broad query cannot carry something from two weeks ago.
 */
export function carryOver(
  prevWeekRecords: readonly HelpRecord[],
  thisWeekRecords: readonly HelpRecord[],
  week?: WeekKey,
): Carry[] {
  const prevKey = week === undefined ? undefined : previousWeek(week);
  const prev = prevWeekRecords.filter((r) => prevKey === undefined || r.week === prevKey);
  const seen = new Set(
    thisWeekRecords.filter((r) => !r.deleted && (week === undefined || r.week === week)).map((r) => r.workerId),
  );
  const out: Carry[] = [];
  for (const [workerId, previous] of latestByWorker(prev)) {
    if (seen.has(workerId)) continue;
    if (previous.result === 'watching' || previous.result === null) out.push({ workerId, previous });
  }
  return out.sort((a, b) => a.previous.createdAt - b.previous.createdAt || (a.previous.id < b.previous.id ? -1 : 1));
}

/**
 * A draft for `week` following up last week's record: same types and situation; last
 * week's next step becomes this week's measures, to be edited; the result is asked again.
 */
export function startFollowUp(prev: HelpRecord, week: WeekKey, now: number, newId: NewId): HelpRecord {
  return {
    ...newHelpRecord(week, prev.workerId, now, newId),
    riskTypeIds: [...prev.riskTypeIds],
    situation: prev.situation,
    measures: prev.nextStep,
    carriedFromId: prev.id,
  };
}
