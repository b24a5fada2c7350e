/**
 * Retry delay after the n-th consecutive failure (n from 0): doubling from 2 s up to
 * 5 min, "equal jitter" (half fixed, half random) so phones coming up together at the
 * pithead do not retry in step, yet the first retry is soon — coverage lasts seconds.
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** After connectivity comes back, retry this long at the fast pace before backing off again. */
export const FAST_WINDOW_MS = 60_000;
/** The fast pace: every 1–2 s (jittered), because at the pithead a bar of signal lasts seconds. */
export const FAST_RETRY_MIN_MS = 1_000;
export const FAST_RETRY_MAX_MS = 2_000;

export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The retry pace. Failures grow the delay as above; a sign that the link is back (the
 * `online` event, the app coming to the foreground, or any answer from the endpoint after
 * a run that reached nothing) forgets them and opens a one-minute window of fast retries.
 * Without this, a delay grown to minutes underground outlives the seconds of pithead coverage.
 */
export class RetryPace {
  private failures = 0;
  private fastUntil = 0;

  constructor(private readonly now: () => number, private readonly random: () => number) {}

  /** Connectivity is (probably) back: start over, fast. */
  regained(): void {
    this.failures = 0;
    this.fastUntil = this.now() + FAST_WINDOW_MS;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** The delay before the next try after a failed run. */
  nextDelay(): number {
    if (this.now() < this.fastUntil) {
      return Math.round(FAST_RETRY_MIN_MS + this.random() * (FAST_RETRY_MAX_MS - FAST_RETRY_MIN_MS));
    }
    return backoffDelay(this.failures++, this.random);
  }
}
