/**
 * The shift screen's first reads, made before the app's first render (main.tsx → app.tsx
 * primeFirstScreen): the screen's first frame shows the shift as stored (已完成 3/9), not
 * 读取中…, and the live queries that follow only confirm it (issue 18: cold start at 4× CPU).
 */
import type { DailyDuty, Worker } from '../../../domain/types';
import { findDuty } from '../../../db/duties';
import { hazardsOfDuty } from '../../../db/hazards';
import { listWorkers } from '../../../db/team';

export interface FirstShift { day: string; shiftId: string; duty: DailyDuty | null; hazardCount: number; workers: Worker[] }

let first: FirstShift | null = null;

export async function primeShift(day: string, shiftId: string): Promise<void> {
  const [duty, workers] = await Promise.all([findDuty(day, shiftId), listWorkers()]);
  const hazardCount = duty ? (await hazardsOfDuty(duty.id)).length : 0;
  first = { day, shiftId, duty: duty ?? null, hazardCount, workers };
}

/** The reads for this shift, once: a screen mounted later reads live as usual. */
export function takeFirstShift(day: string, shiftId: string): FirstShift | null {
  const f = first && first.day === day && first.shiftId === shiftId ? first : null;
  first = null;
  return f;
}
