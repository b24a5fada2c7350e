/**
 * Enrolment attempts per client address: after too many wrong codes in a window the
 * address waits. An attempt is counted when it starts (`begin`, before the body is read),
 * so a hundred sockets that hold back their last byte cannot all pass the check first and
 * guess afterwards; a success gives its slot back (`succeeded`), so a whole mine behind
 * one carrier NAT is not locked out by its own enrolments. In memory: a restart forgets,
 * which is fine for a guard whose job is to make guessing 8-character codes slower still.
 */
export class FailureLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Counts one attempt; false (and nothing counted) when the address has used up its window. */
  begin(key: string, now: number): boolean {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.hits.size > 10_000) this.prune(now);
      return true;
    }
    if (h.count >= this.max) return false;
    h.count++;
    return true;
  }

  /** The attempt begun for `key` was a success: it does not count against the address. */
  succeeded(key: string): void {
    const h = this.hits.get(key);
    if (h && h.count > 0) h.count--;
  }

  /** Check-then-count, for callers that only learn about a failure afterwards (the sign-in form). */
  blocked(key: string, now: number): boolean {
    const h = this.hits.get(key);
    return h !== undefined && h.resetAt > now && h.count >= this.max;
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
