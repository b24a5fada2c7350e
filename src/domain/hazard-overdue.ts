/**
 * 隐患 past their 整改期限 (定时 of 五定): open on a day after the deadline. The deadline day
 * itself is still in time. Pure: the caller passes today's production day.
 */
import type { DayKey, Hazard } from './types';

const dayNumber = (d: DayKey) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/** Whole days past the deadline of a still open hazard; 0 when closed, without deadline or in time. */
export function overdueDays(h: Pick<Hazard, 'status' | 'deadline'>, today: DayKey): number {
  if (h.status !== 'open' || !h.deadline) return 0;
  return Math.max(0, dayNumber(today) - dayNumber(h.deadline));
}

/** 销号率: closed of all hazards counted, as a whole percent; null when there are none. */
export function closureRate(hazards: readonly Pick<Hazard, 'status'>[]): number | null {
  if (hazards.length === 0) return null;
  return Math.round((hazards.filter((h) => h.status === 'closed').length / hazards.length) * 100);
}
