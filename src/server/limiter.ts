/**
 * Failed enrolment attempts per client address: after too many wrong codes in a window
 * the address waits. Only failures count, so a whole mine behind one carrier NAT is not
 * locked out by its own successful enrolments. In memory: a restart forgets, which is fine
 * for a guard whose job is to make guessing 8-character codes slower still.
 */
export class FailureLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  blocked(key: string, now: number): boolean {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) return false;
    return h.count >= this.max;
  }

  /** Failures of `key` in its current window. */
  count(key: string, now: number): number {
    const h = this.hits.get(key);
    return !h || h.resetAt <= now ? 0 : h.count;
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  fail(key: string, now: number): void {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    else h.count++;
    if (this.hits.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
  }
}
