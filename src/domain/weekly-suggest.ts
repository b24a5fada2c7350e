/**
 * From 日跟班 to 周帮扶: a worker screened as 薄弱 in two or more shifts of a week is likely
 * a case for targeted help, so the weekly screen proposes them instead of making the
 * instructor remember. One shift alone is noise (a bad night's sleep), not a pattern.
 */
import { isoWeekKey } from './calendar';
import type { DailyDuty, DayKey, WeakAction, WeakReason, WeekKey } from './types';
import type { HelpRecord } from './weekly';

/** Shifts in one week from which a weak-worker entry becomes a suggestion. */
export const SUGGEST_MIN_SHIFTS = 2;

export interface ReasonCount {
  reason: WeakReason;
  /** Shifts in which this reason was given. */
  count: number;
}

export interface Suggestion {
  workerId: string;
  /** Shifts (duties) of the week in which the worker was screened as 薄弱. */
  shifts: number;
  /** Distinct days, ascending. */
  days: DayKey[];
  /** Reasons seen, most frequent first. */
  reasons: ReasonCount[];
  /** Free-text reasons ('other'), distinct, in order seen; helps prefill the situation. */
  reasonOthers: string[];
  actions: WeakAction[];
}

interface Acc {
  shifts: number;
  days: Set<DayKey>;
  reasons: Map<WeakReason, number>;
  reasonOthers: string[];
  actions: Set<WeakAction>;
}

/**
 * Suggestions for `week`, most shifts first. Ignores tombstoned duties and duties marked
 * dayOff (the instructor was not there, so what it holds is not this week's screening),
 * and workers who already have a live help record in `week`.
 */
export function suggestFromDailyScreenings(
  duties: readonly DailyDuty[],
  week: WeekKey,
  helpRecords: readonly HelpRecord[],
): Suggestion[] {
  const helped = new Set(helpRecords.filter((r) => !r.deleted && r.week === week).map((r) => r.workerId));
  const acc = new Map<string, Acc>();
  for (const d of duties) {
    if (d.deleted || d.dayOff || isoWeekKey(d.day) !== week) continue;
    const inThisDuty = new Set<string>();
    for (const e of d.weak.entries) {
      // A worker listed twice in one shift still counts as one shift.
      if (inThisDuty.has(e.workerId)) continue;
      inThisDuty.add(e.workerId);
      const a: Acc = acc.get(e.workerId) ?? { shifts: 0, days: new Set(), reasons: new Map(), reasonOthers: [], actions: new Set() };
      a.shifts += 1;
      a.days.add(d.day);
      for (const r of new Set(e.reasons)) a.reasons.set(r, (a.reasons.get(r) ?? 0) + 1);
      const other = e.reasonOther.trim();
      if (other && !a.reasonOthers.includes(other)) a.reasonOthers.push(other);
      for (const x of e.actions) a.actions.add(x);
      acc.set(e.workerId, a);
    }
  }
  const out: Suggestion[] = [];
  for (const [workerId, a] of acc) {
    if (a.shifts < SUGGEST_MIN_SHIFTS || helped.has(workerId)) continue;
    out.push({
      workerId,
      shifts: a.shifts,
      days: [...a.days].sort(),
      reasons: [...a.reasons].map(([reason, count]) => ({ reason, count })).sort((x, y) => y.count - x.count),
      reasonOthers: a.reasonOthers,
      actions: [...a.actions],
    });
  }
  return out.sort((x, y) => y.shifts - x.shifts || (x.workerId < y.workerId ? -1 : 1));
}
