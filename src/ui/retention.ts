/**
 * Runs the retention rule (src/domain/retention.ts) once main.tsx loads it, then hourly:
 * records age by the clock, not by syncs, and the work stays off the first paint.
 */
import { purgeExpiredText } from '../db/retention';
import { showError } from './errors';
import { signal } from './signal';

const HOUR = 3_600_000;

/** Records scrubbed by the last run on this page (shown in settings). */
export const lastPurge = signal<{ at: number; scrubbed: number } | null>(null);

export async function runRetention(): Promise<void> {
  try {
    const at = Date.now();
    lastPurge.value = { at, scrubbed: await purgeExpiredText(at) };
  } catch (e) {
    showError(e);
  }
}

export function scheduleRetention(): void {
  void runRetention();
  setInterval(() => void runRetention(), HOUR);
}
