/**
 * 周帮扶 figures of one month: weekly completion, people helped, 1+X pairs and the
 * hardship ledger. A week belongs to the month holding its Thursday (calendar.weekMonth),
 * so a week spanning two months is counted once, never in both.
 */
import { weekMonth, weeksOfMonth } from './calendar';
import { riskTypeLabel, riskTypesForPicker, type RiskType } from './risk-types';
import {
  count, people, source, type Count, type HelpOutcome, type PeopleCount, type WatchedPerson, type WeeklyFigures,
} from './report-figures-types';
import type { DayKey, MonthKey, Worker } from './types';
import { weekStatus, type HardshipEntry, type HelpRecord, type PairRecord, type WeeklyScreening } from './weekly';

export const WEEK_RULE_NOTE = '跨月的周按周四所在月份计入';

/** Inputs are live records (tombstones already removed by the caller). */
export interface WeeklyInput {
  weeklyScreenings: readonly WeeklyScreening[];
  helpRecords: readonly HelpRecord[];
  pairs: readonly PairRecord[];
  hardships: readonly HardshipEntry[];
  riskTypes: readonly RiskType[];
  workers: readonly Worker[];
}

/** Latest week first decides; within a week, the later-created record (as weekly.ts does). */
function latestPerWorker(records: readonly HelpRecord[]): Map<string, HelpRecord> {
  const out = new Map<string, HelpRecord>();
  for (const r of records) {
    const cur = out.get(r.workerId);
    const later = !cur || r.week > cur.week
      || (r.week === cur.week && (r.createdAt > cur.createdAt || (r.createdAt === cur.createdAt && r.id > cur.id)));
    if (later) out.set(r.workerId, r);
  }
  return out;
}

/** A malformed week key (corrupt record) belongs to no month rather than breaking the report. */
function monthOfWeek(week: string): MonthKey | null {
  try {
    return weekMonth(week);
  } catch {
    return null;
  }
}

const helpPeople = (rs: readonly HelpRecord[]): PeopleCount =>
  people('helpRecords', rs.map((r) => r.id), rs.map((r) => r.workerId));

/** Money is summed in fen so 0.1 + 0.2 stays 0.3. */
function sumYuan(amounts: readonly number[]): number {
  return amounts.reduce((fen, y) => fen + Math.round(y * 100), 0) / 100;
}

export function weeklyFigures(month: MonthKey, first: DayKey, last: DayKey, input: WeeklyInput): WeeklyFigures {
  const monthOf = new Map(input.helpRecords.map((r) => [r.week, monthOfWeek(r.week)]));
  const inMonth = input.helpRecords.filter((r) => monthOf.get(r.week) === month);

  const weeks = weeksOfMonth(month).map((week) => {
    const screening = input.weeklyScreenings
      .filter((s) => s.week === week)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))[0];
    const records = inMonth.filter((r) => r.week === week);
    return { week, status: weekStatus(screening, records), screening, records };
  });
  const done = weeks.filter((w) => w.status === 'done');
  const weeksDone: Count = {
    value: done.length,
    sources: [
      source('weeklyScreenings', done.flatMap((w) => (w.screening ? [w.screening.id] : []))),
      source('helpRecords', done.flatMap((w) => w.records.map((r) => r.id))),
    ],
  };

  const usedTypeIds = [...new Set(inMonth.flatMap((r) => r.riskTypeIds))];
  const listed = riskTypesForPicker(input.riskTypes, usedTypeIds);
  const unknownIds = usedTypeIds.filter((id) => !input.riskTypes.some((t) => t.id === id)).sort();
  const byType = [
    ...listed.map((t) => ({ riskTypeId: t.id, name: t.name, retired: t.retired || t.deleted })),
    ...unknownIds.map((id) => ({ riskTypeId: id, name: riskTypeLabel(input.riskTypes, id), retired: true })),
  ].map((t) => ({ ...t, people: helpPeople(inMonth.filter((r) => r.riskTypeIds.includes(t.riskTypeId))) }));

  const latestInMonth = [...latestPerWorker(inMonth).values()];
  const outcome = (r: HelpRecord): HelpOutcome => r.result ?? 'pending';
  const byResult = Object.fromEntries(
    (['watching', 'resolved', 'reported', 'pending'] as const).map((o) => [
      o, helpPeople(latestInMonth.filter((r) => outcome(r) === o)),
    ]),
  ) as Record<HelpOutcome, PeopleCount>;

  // Month-end state: records of this month and earlier ones; 'reported' was handed upward.
  const upToEnd = input.helpRecords.filter((r) => (monthOf.get(r.week) ?? '9999-99') <= month);
  const watched = [...latestPerWorker(upToEnd).values()].filter((r) => r.result === 'watching' || r.result === null);
  const names = new Map(input.workers.map((w) => [w.id, w.name]));
  const list: WatchedPerson[] = watched
    .map((r) => ({
      workerId: r.workerId,
      name: names.get(r.workerId) ?? '',
      lastWeek: r.week,
      riskTypeIds: [...r.riskTypeIds],
      notFollowedThisMonth: monthOf.get(r.week) !== month,
      helpRecordId: r.id,
    }))
    .sort((a, b) => a.lastWeek.localeCompare(b.lastWeek) || a.workerId.localeCompare(b.workerId));

  const activePairs = input.pairs.filter((p) => p.since <= last && (p.until === null || p.until >= first));
  const hardships = input.hardships.filter((h) => h.day >= first && h.day <= last);
  const visits = hardships.filter((h) => h.help === 'visit');
  const funds = hardships.filter((h) => h.help === 'fund' && Number.isFinite(h.amountYuan) && (h.amountYuan ?? 0) > 0);

  return {
    weekRule: WEEK_RULE_NOTE,
    weeks: weeks.map(({ week, status }) => ({ week, status })),
    weeksDone,
    weeksTotal: weeks.length,
    peopleHelped: helpPeople(inMonth),
    byType,
    byResult,
    stillWatching: { people: helpPeople(watched), list },
    pairs: {
      active: count('pairs', activePairs.map((p) => p.id)),
      people: people('pairs', activePairs.map((p) => p.id), activePairs.flatMap((p) => p.workerIds)),
    },
    hardship: {
      visits: count('hardships', visits.map((h) => h.id)),
      people: people('hardships', hardships.map((h) => h.id), hardships.map((h) => h.workerId)),
      fundsYuan: sumYuan(funds.map((h) => h.amountYuan ?? 0)),
      funds: count('hardships', funds.map((h) => h.id)),
    },
  };
}
