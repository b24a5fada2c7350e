/**
 * Two phones of one team (the instructor and the substitute) can follow the same shift
 * offline. Their 日跟班 of that shift — the same record edited on both, or two records of the
 * same day and shift — are merged tick by tick instead of one version winning whole: a
 * section answered on either phone stays answered, lists are united, a text typed on one
 * phone is kept (both, if they differ). Pure; applied by src/db/outbox.ts when a push loses
 * a conflict or a pull brings a second record of a shift.
 * `none` flags stay only where the merged list is still empty (a list with entries wins).
 */
import type { DailyDuty, WeakWorkerScreening } from './types';

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];
const text = (a: string, b: string): string => (!a ? b : !b || a === b || a.includes(b) ? a : b.includes(a) ? b : `${a}；${b}`);
const answer = (a: boolean | null, b: boolean | null): boolean | null => (a === true || b === true ? true : a ?? b);

function weakEntries(a: readonly WeakWorkerScreening[], b: readonly WeakWorkerScreening[]): WeakWorkerScreening[] {
  const out = a.map((e) => ({ ...e }));
  for (const e of b) {
    const same = out.find((x) => x.workerId === e.workerId);
    if (!same) out.push({ ...e });
    else Object.assign(same, {
      reasons: union(same.reasons, e.reasons), actions: union(same.actions, e.actions),
      reasonOther: text(same.reasonOther, e.reasonOther), actionOther: text(same.actionOther, e.actionOther),
    });
  }
  return out;
}

/** 临时人员 added on either phone (by id); no key at all when neither had any (old records stay as they were). */
function guests(base: DailyDuty, other: DailyDuty): Pick<DailyDuty['rollCall'], 'guests'> {
  const all = [...(base.rollCall.guests ?? []), ...(other.rollCall.guests ?? [])];
  if (!base.rollCall.guests && !other.rollCall.guests) return {};
  return { guests: all.filter((g, i) => all.findIndex((x) => x.id === g.id) === i) };
}

/** `base`'s identity and meta with both versions' ticks. */
export function mergeDuties(base: DailyDuty, other: DailyDuty): DailyDuty {
  const weak = weakEntries(base.weak.entries, other.weak.entries);
  const talks = union(base.talks.workerIds, other.talks.workerIds);
  const documents = union(base.documents.items, other.documents.items);
  return {
    ...base,
    dayOff: base.dayOff && other.dayOff,
    districtMeeting: { attended: answer(base.districtMeeting.attended, other.districtMeeting.attended), note: text(base.districtMeeting.note, other.districtMeeting.note) },
    rollCall: {
      expected: base.rollCall.expected ?? other.rollCall.expected,
      absentees: union(base.rollCall.absentees, other.rollCall.absentees),
      confirmed: base.rollCall.confirmed || other.rollCall.confirmed,
      ...guests(base, other),
    },
    documents: { items: documents, none: documents.length === 0 && (base.documents.none || other.documents.none) },
    lessonTopic: text(base.lessonTopic, other.lessonTopic),
    safetyConfirmed: base.safetyConfirmed || other.safetyConfirmed,
    weak: { entries: weak, none: weak.length === 0 && (base.weak.none || other.weak.none) },
    talks: { workerIds: talks, none: talks.length === 0 && (base.talks.none || other.talks.none) },
    organisationNote: text(base.organisationNote, other.organisationNote),
    organisationDone: base.organisationDone || other.organisationDone,
    hazardsNone: base.hazardsNone || other.hazardsNone,
    deleted: base.deleted && other.deleted,
  };
}
