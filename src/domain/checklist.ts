/**
 * The 日跟班 checklist: what a shift's duties are, their zh-CN labels, and when each
 * counts as done. An explicit "nothing to report" (全员到岗, 无薄弱人员, 无隐患) is done.
 */
import type { DailyDuty, DayKey, RecordMeta, ShiftGuest, WeakAction, WeakReason } from './types';
import { recordMeta } from './weekly-meta';

export const WEAK_REASONS: Record<WeakReason, string> = {
  fatigue: '疲劳',
  unwell: '身体不适',
  upset: '情绪波动',
  family: '家庭困难',
  drinking: '酒后',
  newWorker: '新工人',
  violations: '有违章记录',
  other: '其他',
};

export const WEAK_ACTIONS: Record<WeakAction, string> = {
  talk: '谈心',
  changePost: '调整岗位',
  rest: '安排休息',
  stopWork: '停止下井/劝返',
  reportUp: '上报区队',
  other: '其他',
};

/** Measures that keep a screened worker off this shift: 实到 does not count them. */
export const OFF_SHIFT_ACTIONS: readonly WeakAction[] = ['rest', 'stopWork'];

export interface Attendance {
  /** 应到: the roster's count when the record was made, plus this shift's guests. */
  expected: number;
  /** 实到: 应到 less the absent and those sent to rest or kept from going down. */
  present: number;
  absentees: string[];
  /** Present at the meeting but off the shift (安排休息, 停止下井/劝返), not already absent. */
  sentOff: string[];
  guests: ShiftGuest[];
}

/** 应到/实到 of one shift; `rosterSize` stands in while the record has no 应到 yet. */
export function attendance(d: DailyDuty | undefined, rosterSize: number): Attendance {
  const absentees = d?.rollCall.absentees ?? [];
  const guests = d?.rollCall.guests ?? [];
  const sentOff = (d?.weak.entries ?? [])
    .filter((e) => e.actions.some((a) => OFF_SHIFT_ACTIONS.includes(a)) && !absentees.includes(e.workerId))
    .map((e) => e.workerId);
  const expected = (d?.rollCall.expected ?? rosterSize) + guests.length;
  return { expected, present: Math.max(0, expected - absentees.length - sentOff.length), absentees, sentOff, guests };
}

export type SectionKey =
  | 'districtMeeting' | 'rollCall' | 'documents' | 'lesson' | 'safety'
  | 'weak' | 'talks' | 'organisation' | 'hazards';

export const SECTION_LABELS: Record<SectionKey, string> = {
  districtMeeting: '区队早会',
  rollCall: '班前点名',
  documents: '文件传达',
  lesson: '班前教育60秒',
  safety: '安全确认',
  weak: '薄弱人员排查',
  talks: '思想引导',
  organisation: '人员组织',
  hazards: '隐患/问题',
};

export const SECTIONS = Object.keys(SECTION_LABELS) as SectionKey[];

/** `openHazardsFromDuty` = hazards recorded on this shift (a hazard found answers the section). */
export function sectionDone(d: DailyDuty, key: SectionKey, hazardsFromDuty = 0): boolean {
  switch (key) {
    case 'districtMeeting': return d.districtMeeting.attended !== null;
    case 'rollCall': return d.rollCall.confirmed;
    case 'documents': return d.documents.none || d.documents.items.length > 0;
    case 'lesson': return d.lessonTopic.trim().length > 0;
    case 'safety': return d.safetyConfirmed;
    case 'weak': return d.weak.none || (d.weak.entries.length > 0 && d.weak.entries.every(weakEntryComplete));
    case 'talks': return d.talks.none || d.talks.workerIds.length > 0;
    case 'organisation': return d.organisationDone || d.organisationNote.trim().length > 0;
    case 'hazards': return d.hazardsNone || hazardsFromDuty > 0;
  }
}

export function weakEntryComplete(e: DailyDuty['weak']['entries'][number]): boolean {
  const reasonsOk = e.reasons.length > 0 && (!e.reasons.includes('other') || e.reasonOther.trim() !== '');
  const actionsOk = e.actions.length > 0 && (!e.actions.includes('other') || e.actionOther.trim() !== '');
  return reasonsOk && actionsOk;
}

export interface DutyProgress {
  done: number;
  total: number;
  missing: SectionKey[];
  complete: boolean;
}

/** A day off counts as complete: the instructor was not on the shift. */
export function dutyProgress(d: DailyDuty, hazardsFromDuty = 0): DutyProgress {
  if (d.dayOff) return { done: SECTIONS.length, total: SECTIONS.length, missing: [], complete: true };
  const missing = SECTIONS.filter((k) => !sectionDone(d, k, hazardsFromDuty));
  return { done: SECTIONS.length - missing.length, total: SECTIONS.length, missing, complete: missing.length === 0 };
}

/** Any section answered: the instructor followed this shift (used by reports and the dashboard). */
export function dutyStarted(d: DailyDuty, hazardsFromDuty = 0): boolean {
  return !d.dayOff && SECTIONS.some((k) => sectionDone(d, k, hazardsFromDuty));
}

export function newDuty(
  meta: Pick<RecordMeta, 'id' | 'createdAt'>,
  day: DayKey,
  shift: { id: string; name: string },
  expected: number | null,
): DailyDuty {
  return {
    ...recordMeta(meta.id, meta.createdAt),
    day,
    shiftId: shift.id,
    shiftName: shift.name,
    dayOff: false,
    districtMeeting: { attended: null, note: '' },
    rollCall: { expected, absentees: [], confirmed: false },
    documents: { items: [], none: false },
    lessonTopic: '',
    safetyConfirmed: false,
    weak: { none: false, entries: [] },
    talks: { workerIds: [], none: false },
    organisationNote: '',
    organisationDone: false,
    hazardsNone: false,
  };
}

/** Most recent distinct values first, for "one tap to reuse" (topics, documents). */
export function recentDistinct(values: string[], limit = 5): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
      if (out.length >= limit) break;
    }
  }
  return out;
}
