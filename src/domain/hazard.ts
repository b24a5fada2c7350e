/**
 * 隐患/问题 ledger rules (销号): an item is closed with a note and a day, can be reopened,
 * and every change is kept in its history; nothing disappears without a trace.
 */
import type { DayKey, Hazard, HazardChange, HazardField, RecordMeta } from './types';
import { recordMeta } from './weekly-meta';

export interface HazardInput {
  description: string;
  responsible: string;
  deadline: DayKey | null;
  category?: string | null;
  severity?: string | null;
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
    category: input.category ?? null,
    severity: input.severity ?? null,
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

const EDITABLE: readonly HazardField[] = ['description', 'responsible', 'deadline', 'category', 'severity'];

/**
 * A correction (a typo, a missing deadline …): the new values replace the old ones and the
 * history keeps every old value, so the secretary can see what was changed and when.
 * Returns `h` itself when nothing changed (no empty revision).
 */
export function editHazard(h: Hazard, at: number, day: DayKey, input: HazardInput): Hazard {
  const next = {
    description: input.description.trim(), responsible: input.responsible.trim(), deadline: input.deadline,
    category: input.category ?? null, severity: input.severity ?? null,
  };
  const changes: HazardChange[] = [];
  for (const f of EDITABLE) {
    const from = h[f] ?? null;
    if (from !== next[f]) changes.push({ field: f, from: from ?? '', to: next[f] ?? '' });
  }
  if (changes.length === 0) return h;
  return { ...h, ...next, history: [...h.history, { at, action: 'edit', note: '', day, changes }] };
}

/**
 * Withdraws a mistaken entry (a test, a duplicate): a tombstone with its reason, kept for the
 * secretary and left out of every figure (figures drop deleted records).
 */
export function withdrawHazard(h: Hazard, at: number, day: DayKey, reason: string): Hazard {
  const why = reason.trim();
  if (!why) throw new Error('withdrawHazard: a reason is required');
  return { ...h, deleted: true, deleteReason: why, history: [...h.history, { at, action: 'delete', note: why, day }] };
}

/** 复查 passed: recorded in the history; where the branch asks for it, 销号 waits for it. */
export function reviewHazard(h: Hazard, at: number, day: DayKey, note: string): Hazard {
  if (h.status !== 'open') return h;
  return { ...h, history: [...h.history, { at, action: 'review', note: note.trim(), day }] };
}

/** Reviewed since it was last opened (a reopen asks for a new 复查). */
export function isReviewed(h: Hazard): boolean {
  for (let i = h.history.length - 1; i >= 0; i--) {
    const a = h.history[i]!.action;
    if (a === 'review') return true;
    if (a === 'reopen') return false;
  }
  return false;
}

/** Overdue: open with a deadline before `today` (DayKeys compare as strings). */
export function isOverdue(h: Pick<Hazard, 'status' | 'deadline'>, today: DayKey): boolean {
  return h.status === 'open' && h.deadline !== null && h.deadline < today;
}

/** Days since 1970-01-01 of a 'yyyy-MM-dd' key: calendar arithmetic only, no clock, no zone. */
export function dayIndex(day: DayKey): number {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Whole days past the deadline (0 when not overdue). */
export function overdueDays(h: Pick<Hazard, 'status' | 'deadline'>, today: DayKey): number {
  return isOverdue(h, today) && h.deadline !== null ? dayIndex(today) - dayIndex(h.deadline) : 0;
}

/**
 * Age of an open item shown with a month's figures: counted to today, or to the month's last
 * day for a past month (the phone's report and the secretary's dashboard both use this).
 */
export function openAgeDays(foundDay: DayKey, monthLast: DayKey, today: DayKey): number {
  const ref = today < monthLast ? today : monthLast;
  return Math.max(0, dayIndex(ref) - dayIndex(foundDay));
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
