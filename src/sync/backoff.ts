/**
 * Retry delay after the n-th consecutive failure (n from 0): doubling from 2 s up to
 * 5 min, "equal jitter" (half fixed, half random) so phones coming up together at the
 * pithead do not retry in step, yet the first retry is soon — coverage lasts seconds.
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
