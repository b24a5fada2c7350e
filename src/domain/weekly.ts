/**
 * 周帮扶: every ISO week (Monday start) the instructor screens the team's state of mind by
 * the branch's risk types (risk-types.ts) and records, per person concerned, the help given.
 * Also the 1+X pairing and the 困难职工台账 from seed 000. Pure rules; storage is src/db's.
 * Siblings: weekly-carry.ts (follow-ups into the next week), weekly-suggest.ts (from the
 * daily screenings), weekly-timeline.ts (the people ledger), weekly-validate.ts.
 */
import type { DayKey, RecordMeta, WeekKey } from './types';
import { freshMeta, type NewId } from './weekly-meta';

/** One per week: "nobody at risk this week" is an explicit answer, not an absence. */
export interface WeeklyScreening extends RecordMeta {
  week: WeekKey;
  noneAtRisk: boolean;
  note: string;
}

/** 持续关注 / 已化解 / 已上报; null while the record is a draft. */
export type HelpResult = 'watching' | 'resolved' | 'reported';

/** 帮扶记录: one person helped in one week. */
export interface HelpRecord extends RecordMeta {
  week: WeekKey;
  workerId: string;
  riskTypeIds: string[];
  situation: string;
  measures: string;
  result: HelpResult | null;
  nextStep: string;
  /** Days of face-to-face talks given as part of this help. */
  talkDays: DayKey[];
  /** The previous week's record this one follows up, for the chain of help. */
  carriedFromId: string | null;
}

/** 1+X: one party member (mentor) helps X workers over a period. */
export interface PairRecord extends RecordMeta {
  mentorId: string;
  workerIds: string[];
  since: DayKey;
  until: DayKey | null;
}

export type HardshipHelp = 'visit' | 'fund' | 'other';

/** 困难职工台账: one visit, fund payment or other help to a worker in hardship. */
export interface HardshipEntry extends RecordMeta {
  workerId: string;
  /** Kind of hardship in the instructor's words (疾病, 子女上学 …). */
  kind: string;
  help: HardshipHelp;
  /** 帮扶金 in yuan; only meaningful when help = 'fund'. */
  amountYuan: number | null;
  day: DayKey;
  note: string;
  followUp: string;
}

export const HELP_RESULT_LABELS: Record<HelpResult, string> = {
  watching: '持续关注',
  resolved: '已化解',
  reported: '已上报',
};

export const HARDSHIP_HELP_LABELS: Record<HardshipHelp, string> = {
  visit: '走访慰问',
  fund: '帮扶金',
  other: '其他',
};

export type WeekStatus = 'done' | 'partial' | 'missing';

export const WEEK_STATUS_LABELS: Record<WeekStatus, string> = {
  done: '已完成',
  partial: '未完成',
  missing: '未填报',
};

export function newWeeklyScreening(week: WeekKey, now: number, newId: NewId): WeeklyScreening {
  return { ...freshMeta(now, newId), week, noneAtRisk: false, note: '' };
}

export function newHelpRecord(week: WeekKey, workerId: string, now: number, newId: NewId): HelpRecord {
  return {
    ...freshMeta(now, newId),
    week, workerId, riskTypeIds: [], situation: '', measures: '', result: null,
    nextStep: '', talkDays: [], carriedFromId: null,
  };
}

/**
 * Completion of one week for the branch's evaluation. Live records decide when there are
 * any (an unfinished record is not done even if "nobody at risk" was also ticked);
 * otherwise the explicit noneAtRisk answer is done, an opened screening partial.
 */
export function weekStatus(screening: WeeklyScreening | null | undefined, records: readonly HelpRecord[]): WeekStatus {
  const live = records.filter((r) => !r.deleted);
  if (live.length > 0) return live.every((r) => r.result !== null) ? 'done' : 'partial';
  if (!screening || screening.deleted) return 'missing';
  return screening.noneAtRisk ? 'done' : 'partial';
}
