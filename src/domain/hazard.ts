/**
 * 隐患/问题 ledger rules (销号): an item is closed with a note and a day, can be reopened,
 * and every change is kept in its history; nothing disappears without a trace.
 */
import type { DayKey, Hazard, RecordMeta } from './types';
import { recordMeta } from './weekly-meta';

export interface HazardInput {
  description: string;
  responsible: string;
  deadline: DayKey | null;
}

export function newHazard(
  meta: Pick<RecordMeta, 'id' | 'createdAt'>,
  found: { day: DayKey; shiftName: string; dutyId: string | null },
  input: HazardInput,
): Hazard {
  return {
    ...recordMeta(meta.id, meta.createdAt),
    dutyId: found.dutyId,
    foundDay: found.day,
    shiftName: found.shiftName,
    description: input.description.trim(),
    responsible: input.responsible.trim(),
    deadline: input.deadline,
    status: 'open',
    closedDay: null,
    closeNote: '',
    history: [],
  };
}

/** 销号. Returns a new object; the caller stores it (rev/dirty are the repository's job). */
export function closeHazard(h: Hazard, at: number, day: DayKey, note: string): Hazard {
  if (h.status === 'closed') return h;
  return {
    ...h,
    status: 'closed',
    closedDay: day,
    closeNote: note.trim(),
    history: [...h.history, { at, action: 'close', note: note.trim(), day }],
  };
}

export function reopenHazard(h: Hazard, at: number, day: DayKey, note: string): Hazard {
  if (h.status === 'open') return h;
  return {
    ...h,
    status: 'open',
    closedDay: null,
    closeNote: '',
    history: [...h.history, { at, action: 'reopen', note: note.trim(), day }],
  };
}

/** Overdue: open with a deadline before `today` (DayKeys compare as strings). */
export function isOverdue(h: Hazard, today: DayKey): boolean {
  return h.status === 'open' && h.deadline !== null && h.deadline < today;
}

/** Open first (overdue, then oldest), then closed (most recently closed first). */
export function sortLedger(items: Hazard[], today: DayKey): Hazard[] {
  const rank = (h: Hazard) => (h.status === 'open' ? (isOverdue(h, today) ? 0 : 1) : 2);
  return [...items].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (a.status === 'closed') return (b.closedDay ?? '').localeCompare(a.closedDay ?? '');
    return a.foundDay.localeCompare(b.foundDay) || a.id.localeCompare(b.id);
  });
}
