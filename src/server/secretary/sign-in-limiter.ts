/**
 * Slows password guessing without letting anyone lock a secretary out.
 *
 * - A client (address, see client-address.ts) that failed 20 times in 15 minutes is refused,
 *   for every account: it is the one guessing.
 * - A client that failed 5 times for one account is refused for that account.
 * - Failures against an account from everyone together never refuse a client that has not
 *   failed itself: they only make each further attempt on that account wait longer (from
 *   0.5 s, doubling, at most 8 s), right or wrong, so a serial guesser gets slow and the owner
 *   still gets in. Her correct password from a client without failures clears the account's count.
 * In memory: a restart forgets, which only helps the owner.
 */
import { FailureLimiter } from '../limiter';

const WINDOW = 15 * 60_000;
export const CLIENT_MAX = 20;
export const CLIENT_ACCOUNT_MAX = 5;
const FREE_FAILURES = 3;
const DELAY_MAX_MS = 8000;

export type Verdict = { refused: true } | { refused: false; delayMs: number; cleanClient: boolean };

export class SignInLimiter {
  private byClient = new FailureLimiter(CLIENT_MAX, WINDOW);
  private byClientAccount = new FailureLimiter(CLIENT_ACCOUNT_MAX, WINDOW);
  private byAccount = new FailureLimiter(Number.MAX_SAFE_INTEGER, WINDOW);

  check(client: string, name: string, now: number): Verdict {
    const key = `${client}\n${name.toLowerCase()}`;
    if (this.byClient.blocked(client, now) || this.byClientAccount.blocked(key, now)) return { refused: true };
    const cleanClient = this.byClient.count(client, now) === 0;
    const others = this.byAccount.count(name.toLowerCase(), now);
    const delayMs = others < FREE_FAILURES ? 0 : Math.min(DELAY_MAX_MS, 500 * 2 ** (others - FREE_FAILURES));
    return { refused: false, delayMs, cleanClient };
  }

  fail(client: string, name: string, now: number): void {
    this.byClient.fail(client, now);
    this.byClientAccount.fail(`${client}\n${name.toLowerCase()}`, now);
    this.byAccount.fail(name.toLowerCase(), now);
  }

  /** The right password from a client that never failed: the account's trouble was someone else. */
  succeed(client: string, name: string, cleanClient: boolean): void {
    this.byClientAccount.clear(`${client}\n${name.toLowerCase()}`);
    if (cleanClient) this.byAccount.clear(name.toLowerCase());
  }
}
