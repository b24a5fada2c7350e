/**
 * Rules of the optional app PIN (应用锁): its format, the zh-CN messages, the back-off after
 * wrong tries and when the idle time has run out. Pure: the caller passes the clock in.
 * Hashing and storage are in src/db/pin.ts; the lock itself is in src/ui/pin/.
 */

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 6;

/** Idle times offered in 设置, in minutes; the first lock uses the default. */
export const IDLE_MINUTES_CHOICES = [1, 5, 15] as const;
export const DEFAULT_IDLE_MINUTES = 5;

/** Wrong tries allowed before the first wait; then 30 s, doubling, at most 30 minutes. */
export const FREE_TRIES = 5;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 30 * 60_000;

export const PIN_MESSAGES = {
  empty: '请输入 PIN。',
  notDigits: 'PIN 只能是数字（0–9）。',
  tooShort: `PIN 至少 ${PIN_MIN_DIGITS} 位数字。`,
  tooLong: `PIN 最多 ${PIN_MAX_DIGITS} 位数字。`,
  mismatch: '两次输入的 PIN 不一致，请重新输入。',
  sameAsOld: '新 PIN 与当前 PIN 相同。',
  wrong: 'PIN 不正确。',
} as const;

/** Why `pin` cannot be a PIN, in zh-CN, or null when it can. */
export function pinFormatError(pin: string): string | null {
  if (pin === '') return PIN_MESSAGES.empty;
  if (!/^[0-9]+$/.test(pin)) return PIN_MESSAGES.notDigits;
  if (pin.length < PIN_MIN_DIGITS) return PIN_MESSAGES.tooShort;
  if (pin.length > PIN_MAX_DIGITS) return PIN_MESSAGES.tooLong;
  return null;
}

/** A new PIN typed twice: the format first, then whether both agree. */
export function newPinError(pin: string, again: string): string | null {
  return pinFormatError(pin) ?? (pin === again ? null : PIN_MESSAGES.mismatch);
}

export function isIdleMinutes(m: unknown): m is (typeof IDLE_MINUTES_CHOICES)[number] {
  return IDLE_MINUTES_CHOICES.includes(m as (typeof IDLE_MINUTES_CHOICES)[number]);
}

/** True when nothing was touched or typed for `idleMs`. A clock set back reads as not elapsed. */
export function idleElapsed(lastActivityAt: number, now: number, idleMs: number): boolean {
  return now - lastActivityAt >= idleMs;
}

/** Milliseconds until the idle lock is due (0 = now). */
export function idleRemaining(lastActivityAt: number, now: number, idleMs: number): number {
  return Math.max(0, Math.min(idleMs, lastActivityAt + idleMs - now));
}

/** Wrong tries since the last right one, and when the last wrong one was. */
export interface PinAttempts {
  failures: number;
  lastFailureAt: number | null;
}

export const NO_ATTEMPTS: PinAttempts = { failures: 0, lastFailureAt: null };

/** The wait imposed after `failures` wrong tries in a row: 0 for the first FREE_TRIES - 1. */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

/**
 * Milliseconds before another try is allowed (0 = now). Never longer than the wait itself,
 * so a phone clock set back cannot lock the user out for longer.
 */
export function waitRemaining(a: PinAttempts, now: number): number {
  if (a.lastFailureAt === null) return 0;
  const wait = waitAfter(a.failures);
  return Math.max(0, Math.min(wait, a.lastFailureAt + wait - now));
}

export function afterFailure(a: PinAttempts, now: number): PinAttempts {
  return { failures: a.failures + 1, lastFailureAt: now };
}

/** "1 分 05 秒" / "30 秒": a countdown, rounded up to the second. */
export function formatWait(ms: number): string {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`;
}

export function waitMessage(ms: number): string {
  return `错误次数过多，请 ${formatWait(ms)} 后再试。`;
}

/** What to say after a wrong PIN: how many tries are left, or how long to wait. */
export function wrongPinMessage(a: PinAttempts, now: number): string {
  const wait = waitRemaining(a, now);
  if (wait > 0) return `${PIN_MESSAGES.wrong}${waitMessage(wait)}`;
  const left = FREE_TRIES - a.failures;
  return left > 0 ? `${PIN_MESSAGES.wrong}还可再试 ${left} 次，之后需要等待。` : PIN_MESSAGES.wrong;
}
