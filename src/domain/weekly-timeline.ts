/**
 * The people ledger: everything recorded about one worker, newest first, so the instructor
 * sees the whole story (screened twice, talked to, helped, visited) before a talk.
 */
import { weekDays } from './calendar';
import type { DailyDuty, DayKey, WeakAction, WeakReason, WeekKey } from './types';
import type { HardshipEntry, HardshipHelp, HelpRecord, HelpResult, PairRecord } from './weekly';

interface Base {
  /** Day the item is shown under; a help record sits on the last day of its week. */
  day: DayKey;
  /** Sort key, compare as strings; larger = newer. Stable for equal days. */
  sortKey: string;
  /** Id of the record the item comes from (duty, help record, hardship entry, pair). */
  recordId: string;
}

export type TimelineItem =
  | (Base & { kind: 'screening'; shiftName: string; reasons: WeakReason[]; reasonOther: string; actions: WeakAction[]; actionOther: string })
  | (Base & { kind: 'talk'; shiftName: string | null })
  | (Base & { kind: 'help'; week: WeekKey; riskTypeIds: string[]; result: HelpResult | null })
  | (Base & { kind: 'hardship'; hardshipKind: string; help: HardshipHelp; amountYuan: number | null })
  | (Base & { kind: 'pairing'; role: 'mentor' | 'mentee'; mentorId: string; workerIds: string[]; until: DayKey | null });

export type TimelineKind = TimelineItem['kind'];

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  screening: '班前薄弱排查',
  talk: '谈心',
  help: '周帮扶',
  hardship: '困难帮扶',
  pairing: '1+X 结对',
};

/**
 * Within one day: the week's help record (its conclusion) first; then by creation time, so
 * later shifts come above earlier ones; within one shift the screening above the talk.
 */
const RANK: Record<TimelineKind, number> = { help: 5, pairing: 4, hardship: 3, screening: 2, talk: 1 };

function key(day: DayKey, kind: TimelineKind, createdAt: number, id: string): string {
  const top = kind === 'help' ? 1 : 0;
  return `${day}|${top}|${String(createdAt).padStart(15, '0')}|${RANK[kind]}|${id}`;
}

export interface PersonSources {
  duties: readonly DailyDuty[];
  helpRecords: readonly HelpRecord[];
  hardships: readonly HardshipEntry[];
  pairs: readonly PairRecord[];
}

/** Tombstoned records and dayOff duties are left out; newest item first. */
export function personTimeline(workerId: string, src: PersonSources): TimelineItem[] {
  const items: TimelineItem[] = [];
  const talkDaysShown = new Set<DayKey>();
  for (const d of src.duties) {
    if (d.deleted || d.dayOff) continue;
    const e = d.weak.entries.find((x) => x.workerId === workerId);
    if (e) {
      items.push({
        kind: 'screening', day: d.day, sortKey: key(d.day, 'screening', d.createdAt, d.id), recordId: d.id,
        shiftName: d.shiftName, reasons: [...e.reasons], reasonOther: e.reasonOther,
        actions: [...e.actions], actionOther: e.actionOther,
      });
    }
    if (d.talks.workerIds.includes(workerId)) {
      talkDaysShown.add(d.day);
      items.push({ kind: 'talk', day: d.day, sortKey: key(d.day, 'talk', d.createdAt, d.id), recordId: d.id, shiftName: d.shiftName });
    }
  }
  for (const r of src.helpRecords) {
    if (r.deleted || r.workerId !== workerId) continue;
    const day = weekDays(r.week)[6] ?? r.week;
    items.push({
      kind: 'help', day, sortKey: key(day, 'help', r.createdAt, r.id), recordId: r.id,
      week: r.week, riskTypeIds: [...r.riskTypeIds], result: r.result,
    });
    // A talk already logged in that day's shift (or another record) is the same talk: once.
    for (const t of r.talkDays) {
      if (talkDaysShown.has(t)) continue;
      talkDaysShown.add(t);
      items.push({ kind: 'talk', day: t, sortKey: key(t, 'talk', r.createdAt, r.id), recordId: r.id, shiftName: null });
    }
  }
  for (const h of src.hardships) {
    if (h.deleted || h.workerId !== workerId) continue;
    items.push({
      kind: 'hardship', day: h.day, sortKey: key(h.day, 'hardship', h.createdAt, h.id), recordId: h.id,
      hardshipKind: h.kind, help: h.help, amountYuan: h.amountYuan,
    });
  }
  for (const p of src.pairs) {
    if (p.deleted) continue;
    const role = p.mentorId === workerId ? 'mentor' : p.workerIds.includes(workerId) ? 'mentee' : null;
    if (!role) continue;
    items.push({
      kind: 'pairing', day: p.since, sortKey: key(p.since, 'pairing', p.createdAt, p.id), recordId: p.id,
      role, mentorId: p.mentorId, workerIds: [...p.workerIds], until: p.until,
    });
  }
  return items.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
}
