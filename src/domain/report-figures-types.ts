/**
 * Shapes of the 月汇报 figures. Every number carries the ids of the records it was
 * counted from, so the report screen can open the list behind any figure, and the
 * submission snapshot stays explainable after the records change.
 */
import type { HelpResult, WeekStatus } from './weekly';
import type { DayKey, MonthKey, WeakAction, WeakReason, WeekKey } from './types';

/** Tables a figure can point into (names as in src/db/schema.ts). */
export type SourceTable =
  | 'duties' | 'hazards' | 'weeklyScreenings' | 'helpRecords' | 'pairs' | 'hardships';

export interface Source {
  table: SourceTable;
  /** Distinct, sorted, so equal figures compare equal. */
  ids: string[];
}

export interface Count {
  value: number;
  /** Usually one table; a figure that combines tables lists each one. */
  sources: Source[];
}

/** A count of distinct people: the workers counted and the records they came from. */
export interface PeopleCount extends Count {
  workerIds: string[];
}

export interface DayItem {
  dutyId: string;
  day: DayKey;
  shiftName: string;
  text: string;
}

export interface ShiftFigure {
  shiftId: string;
  shiftName: string;
  followed: Count;
}

export interface DailyFigures {
  /** Duty records of the month, day-off marks included. */
  total: Count;
  /** Not a day off and at least one section answered (checklist.dutyStarted). */
  followed: Count;
  dayOff: Count;
  /** Per shift, team order first, then shifts no longer in the team (by recorded name). */
  byShift: ShiftFigure[];
  districtMeetingsAttended: Count;
  /** 班前会 held = roll call confirmed. */
  preShiftMeetings: Count;
  documents: DayItem[];
  lessons: DayItem[];
  weak: {
    entries: Count;
    people: PeopleCount;
    byReason: Record<WeakReason, Count>;
    byAction: Record<WeakAction, Count>;
  };
  talks: { count: Count; people: PeopleCount };
}

/** 'pending' = a help record without a result yet. */
export type HelpOutcome = HelpResult | 'pending';

export interface WeekFigure {
  week: WeekKey;
  status: WeekStatus;
}

export interface WatchedPerson {
  workerId: string;
  name: string;
  /** Week of the latest record up to the month's end. */
  lastWeek: WeekKey;
  riskTypeIds: string[];
  /** No record in this month: carried in from an earlier month and not followed up. */
  notFollowedThisMonth: boolean;
  helpRecordId: string;
}

export interface WeeklyFigures {
  /** WEEK_RULE_NOTE, kept with the figures so a snapshot explains itself. */
  weekRule: string;
  weeks: WeekFigure[];
  weeksDone: Count;
  weeksTotal: number;
  peopleHelped: PeopleCount;
  byType: { riskTypeId: string; name: string; retired: boolean; people: PeopleCount }[];
  /** Each person once, by the result of their latest record in the month. */
  byResult: Record<HelpOutcome, PeopleCount>;
  /** Latest record up to month end is 'watching' or without a result: carried to next month. */
  stillWatching: { people: PeopleCount; list: WatchedPerson[] };
  pairs: { active: Count; people: PeopleCount };
  hardship: { visits: Count; people: PeopleCount; fundsYuan: number; funds: Count };
}

export interface OpenHazardItem {
  id: string;
  foundDay: DayKey;
  description: string;
  responsible: string;
  deadline: DayKey | null;
  /** Whole days from foundDay to the month's last day. */
  ageDays: number;
}

export interface HazardFigures {
  found: Count;
  closed: Count;
  /** Found on or before the month's last day and not closed at its end (earlier months too). */
  openAtEnd: Count;
  /** Open at month end with a deadline before the month's last day. */
  overdueAtEnd: Count;
  oldestOpen: OpenHazardItem[];
}

export interface MonthFigures {
  /** Bumped when the shape changes: submissions keep old snapshots. */
  schema: 1;
  month: MonthKey;
  daily: DailyFigures;
  weekly: WeeklyFigures;
  hazards: HazardFigures;
}

export function source(table: SourceTable, ids: Iterable<string>): Source {
  return { table, ids: [...new Set(ids)].sort() };
}

/** A Count of the given records; `value` defaults to how many distinct records there are. */
export function count(table: SourceTable, ids: Iterable<string>, value?: number): Count {
  const s = source(table, ids);
  return { value: value ?? s.ids.length, sources: [s] };
}

export function people(table: SourceTable, recordIds: Iterable<string>, workerIds: Iterable<string>): PeopleCount {
  const workers = [...new Set(workerIds)].sort();
  return { ...count(table, recordIds, workers.length), workerIds: workers };
}
