import { addWeeks, weekDays } from '../../../domain/calendar';
import type { WeekKey } from '../../../domain/types';
import { weekStatus } from '../../../domain/weekly';
import { carryOver } from '../../../domain/weekly-carry';
import { suggestFromDailyScreenings } from '../../../domain/weekly-suggest';
import { dutiesBetween } from '../../../db/duties';
import { listWorkers } from '../../../db/team';
import { getScreening, helpRecordsOfWeeks, listRiskTypes } from '../../../db/weekly';
import { useLive } from '../../hooks';

/**
 * How far back an unfinished case is still pre-listed. carryOver with a week given looks at
 * the previous week only, so a person watched in week N and skipped in N+1 would vanish in
 * N+2; we pass it the latest record of several weeks instead, so a skipped week drops nobody.
 */
const LOOKBACK_WEEKS = 8;

/** Everything the week screen shows, live; null until the first reads are in. */
export function useWeekData(week: WeekKey) {
  const days = weekDays(week);
  const earlier = Array.from({ length: LOOKBACK_WEEKS }, (_, i) => addWeeks(week, -(i + 1)));
  // No write on a visit: the default 帮扶类型 are seeded by the first help record (db/weekly.ts).
  const workers = useLive(() => listWorkers(true), []);
  const types = useLive(() => listRiskTypes(), []);
  const screening = useLive(() => getScreening(week), [week]);
  const records = useLive(() => helpRecordsOfWeeks([week, ...earlier]), [week]);
  const duties = useLive(() => dutiesBetween(days[0]!, days[6]!), [week]);
  if (!workers || !types || screening === undefined || !records || !duties) return null;

  const thisWeek = records.filter((r) => r.week === week).sort((a, b) => a.createdAt - b.createdAt);
  const before = records.filter((r) => r.week !== week);
  return {
    days,
    workers,
    types,
    screening,
    thisWeek,
    byId: new Map(records.map((r) => [r.id, r])),
    carries: carryOver(before, thisWeek),
    suggestions: suggestFromDailyScreenings(duties, week, thisWeek),
    status: weekStatus(screening, thisWeek),
  };
}

export type WeekData = NonNullable<ReturnType<typeof useWeekData>>;
