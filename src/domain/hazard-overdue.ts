/**
 * 隐患 past their 整改期限 (定时 of 五定): open on a day after the deadline. The deadline day
 * itself is still in time. Pure: the caller passes today's production day.
 */
import type { Hazard } from './types';

// One rule for the phone's ledger and the secretary's pages (hazard.ts); re-exported here for the branch list.
export { overdueDays } from './hazard';

/** 销号率: closed of all hazards counted, as a whole percent; null when there are none. */
export function closureRate(hazards: readonly Pick<Hazard, 'status'>[]): number | null {
  if (hazards.length === 0) return null;
  return Math.round((hazards.filter((h) => h.status === 'closed').length / hazards.length) * 100);
}
