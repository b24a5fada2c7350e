/**
 * 日跟班 figures of one month. The caller passes the live duties of the month (by their
 * production day, so a night shift that started the evening before already sits in the
 * right month). A day-off mark counts only as a day off: anything typed on it before it
 * was marked is not counted, because the instructor was not on that shift.
 */
import { dutyStarted, WEAK_ACTIONS, WEAK_REASONS } from './checklist';
import { count, people, type Count, type DailyFigures, type DayItem, type ShiftFigure } from './report-figures-types';
import type { DailyDuty, Hazard, ShiftDef, WeakAction, WeakReason } from './types';

function byKey<K extends string>(keys: readonly K[], make: (k: K) => Count): Record<K, Count> {
  return Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, Count>;
}

function ordered(duties: readonly DailyDuty[], shiftOrder: Map<string, number>): DailyDuty[] {
  const rank = (d: DailyDuty) => shiftOrder.get(d.shiftId) ?? shiftOrder.size;
  return [...duties].sort(
    (a, b) => a.day.localeCompare(b.day) || rank(a) - rank(b) || a.shiftName.localeCompare(b.shiftName) || a.id.localeCompare(b.id),
  );
}

function byShift(followed: readonly DailyDuty[], shifts: readonly ShiftDef[]): ShiftFigure[] {
  const out: ShiftFigure[] = shifts.map((s) => ({
    shiftId: s.id,
    shiftName: s.name,
    followed: count('duties', followed.filter((d) => d.shiftId === s.id).map((d) => d.id)),
  }));
  // Shifts removed from the team since: keep their duties visible under the recorded name.
  const known = new Set(shifts.map((s) => s.id));
  const extra = new Map<string, DailyDuty[]>();
  for (const d of followed) if (!known.has(d.shiftId)) extra.set(d.shiftId, [...(extra.get(d.shiftId) ?? []), d]);
  for (const [shiftId, ds] of [...extra].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push({ shiftId, shiftName: ds[0]?.shiftName ?? '', followed: count('duties', ds.map((d) => d.id)) });
  }
  return out;
}

export function dailyFigures(
  monthDuties: readonly DailyDuty[],
  liveHazards: readonly Hazard[],
  shifts: readonly ShiftDef[],
): DailyFigures {
  const hazardsByDuty = new Map<string, number>();
  for (const h of liveHazards) if (h.dutyId) hazardsByDuty.set(h.dutyId, (hazardsByDuty.get(h.dutyId) ?? 0) + 1);

  const all = ordered(monthDuties, new Map(shifts.map((s, i) => [s.id, i])));
  const off = all.filter((d) => d.dayOff);
  const on = all.filter((d) => !d.dayOff);
  const followed = on.filter((d) => dutyStarted(d, hazardsByDuty.get(d.id) ?? 0));
  const ids = (ds: readonly DailyDuty[]) => ds.map((d) => d.id);

  const documents: DayItem[] = on.flatMap((d) =>
    d.documents.items
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map((text) => ({ dutyId: d.id, day: d.day, shiftName: d.shiftName, text })),
  );
  const lessons: DayItem[] = on
    .filter((d) => d.lessonTopic.trim() !== '')
    .map((d) => ({ dutyId: d.id, day: d.day, shiftName: d.shiftName, text: d.lessonTopic.trim() }));

  const weakDuties = on.filter((d) => d.weak.entries.length > 0);
  const entries = weakDuties.flatMap((d) => d.weak.entries.map((e) => ({ dutyId: d.id, e })));
  const withReason = (r: WeakReason) => entries.filter((x) => x.e.reasons.includes(r));
  const withAction = (a: WeakAction) => entries.filter((x) => x.e.actions.includes(a));

  const talkDuties = on.filter((d) => d.talks.workerIds.length > 0);

  return {
    total: count('duties', ids(all)),
    followed: count('duties', ids(followed)),
    dayOff: count('duties', ids(off)),
    byShift: byShift(followed, shifts),
    districtMeetingsAttended: count('duties', ids(on.filter((d) => d.districtMeeting.attended === true))),
    preShiftMeetings: count('duties', ids(on.filter((d) => d.rollCall.confirmed))),
    documents,
    lessons,
    weak: {
      entries: count('duties', ids(weakDuties), entries.length),
      people: people('duties', ids(weakDuties), entries.map((x) => x.e.workerId)),
      byReason: byKey(Object.keys(WEAK_REASONS) as WeakReason[], (r) =>
        count('duties', withReason(r).map((x) => x.dutyId), withReason(r).length)),
      byAction: byKey(Object.keys(WEAK_ACTIONS) as WeakAction[], (a) =>
        count('duties', withAction(a).map((x) => x.dutyId), withAction(a).length)),
    },
    talks: {
      // Each worker talked to on a shift is one talk; the same worker on two shifts is two.
      count: count('duties', ids(talkDuties), talkDuties.reduce((n, d) => n + new Set(d.talks.workerIds).size, 0)),
      people: people('duties', ids(talkDuties), talkDuties.flatMap((d) => d.talks.workerIds)),
    },
  };
}
