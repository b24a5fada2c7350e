/**
 * 隐患/问题 figures of one month, as the ledger stood at the month's end. The state is
 * replayed from each item's history (close/reopen events by day), not read from its
 * current status: a report for November computed in December must still show as open
 * an item that was only closed in December.
 */
import { isDayKey } from './calendar';
import { dayIndex } from './hazard';
import { count, type HazardFigures, type OpenHazardItem } from './report-figures-types';
import type { DayKey, Hazard } from './types';

/** How many of the oldest open items the report lists. */
export const OLDEST_OPEN_LIMIT = 5;

/**
 * The day the item was closed if it is closed at the end of `day`, else null.
 * Older records may carry status 'closed' without a close event: closedDay is used then.
 */
export function closedAsOf(h: Hazard, day: DayKey): DayKey | null {
  // Only close/reopen decide the state: edits, 复查 and the like come after them in the history.
  const events = h.history.filter((e) => e.action === 'close' || e.action === 'reopen');
  const hasClose = events.some((e) => e.action === 'close');
  if (!hasClose) return h.status === 'closed' && h.closedDay !== null && h.closedDay <= day ? h.closedDay : null;
  const sorted = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.day <= day)
    .sort((a, b) => a.e.day.localeCompare(b.e.day) || a.e.at - b.e.at || a.i - b.i);
  const last = sorted[sorted.length - 1]?.e;
  return last?.action === 'close' ? last.day : null;
}

export function hazardFigures(first: DayKey, last: DayKey, liveHazards: readonly Hazard[]): HazardFigures {
  // A corrupt found day would give a NaN age: such a record is left out, not the report.
  const known = liveHazards.filter((h) => isDayKey(h.foundDay) && h.foundDay <= last);
  const found = known.filter((h) => h.foundDay >= first);
  const closedDays = new Map(known.map((h) => [h.id, closedAsOf(h, last)]));
  const closed = known.filter((h) => {
    const d = closedDays.get(h.id);
    return d != null && d >= first;
  });
  const open = known
    .filter((h) => closedDays.get(h.id) == null)
    .sort((a, b) => a.foundDay.localeCompare(b.foundDay) || a.id.localeCompare(b.id));
  const overdue = open.filter((h) => h.deadline !== null && h.deadline < last);
  const end = dayIndex(last);
  const oldestOpen: OpenHazardItem[] = open.slice(0, OLDEST_OPEN_LIMIT).map((h) => ({
    id: h.id,
    foundDay: h.foundDay,
    description: h.description,
    responsible: h.responsible,
    deadline: h.deadline,
    // At the month's end (the snapshot's day); screens show openAgeDays, counted to today.
    ageDays: end - dayIndex(h.foundDay),
  }));
  return {
    found: count('hazards', found.map((h) => h.id)),
    closed: count('hazards', closed.map((h) => h.id)),
    openAtEnd: count('hazards', open.map((h) => h.id)),
    overdueAtEnd: count('hazards', overdue.map((h) => h.id)),
    oldestOpen,
  };
}
