import { describe, expect, it } from 'vitest';
import {
  afterFailure, DEFAULT_IDLE_MINUTES, formatWait, IDLE_MINUTES_CHOICES, idleElapsed, idleRemaining, isIdleMinutes,
  newPinError, NO_ATTEMPTS, PIN_MESSAGES, pinFormatError, waitAfter, waitRemaining, wrongPinMessage, type PinAttempts,
} from '../../src/domain/pin';

const fails = (n: number, at: number): PinAttempts => ({ failures: n, lastFailureAt: at });

describe('PIN format', () => {
  it('takes 4 to 6 digits', () => {
    for (const ok of ['0000', '1234', '12345', '098765']) expect(pinFormatError(ok)).toBeNull();
  });

  it('says why, in zh-CN', () => {
    expect(pinFormatError('')).toBe(PIN_MESSAGES.empty);
    expect(pinFormatError('123')).toBe('PIN 至少 4 位数字。');
    expect(pinFormatError('1234567')).toBe('PIN 最多 6 位数字。');
    expect(pinFormatError('12a4')).toBe(PIN_MESSAGES.notDigits);
    expect(pinFormatError('12 34')).toBe(PIN_MESSAGES.notDigits);
    expect(pinFormatError('１２３４')).toBe(PIN_MESSAGES.notDigits); // full-width digits are not 0–9
    expect(pinFormatError('-123')).toBe(PIN_MESSAGES.notDigits);
  });

  it('a new PIN must be typed the same twice, format checked first', () => {
    expect(newPinError('4321', '4321')).toBeNull();
    expect(newPinError('4321', '4322')).toBe(PIN_MESSAGES.mismatch);
    expect(newPinError('12', '12')).toBe(PIN_MESSAGES.tooShort);
  });
});

describe('idle time', () => {
  it('offers 1, 5 and 15 minutes, 5 by default', () => {
    expect(IDLE_MINUTES_CHOICES).toEqual([1, 5, 15]);
    expect(isIdleMinutes(DEFAULT_IDLE_MINUTES)).toBe(true);
    expect(isIdleMinutes(2)).toBe(false);
    expect(isIdleMinutes('5')).toBe(false);
  });

  it('has elapsed once the whole idle time passed without a touch', () => {
    expect(idleElapsed(1_000, 1_000 + 299_999, 300_000)).toBe(false);
    expect(idleElapsed(1_000, 1_000 + 300_000, 300_000)).toBe(true);
    expect(idleElapsed(10_000, 5_000, 300_000)).toBe(false); // clock set back
  });

  it('tells how long until it is due, never more than the idle time', () => {
    expect(idleRemaining(1_000, 61_000, 300_000)).toBe(240_000);
    expect(idleRemaining(1_000, 400_000, 300_000)).toBe(0);
    expect(idleRemaining(10_000_000, 0, 300_000)).toBe(300_000);
  });
});

describe('back-off after wrong tries', () => {
  it('lets 4 wrong tries pass, then waits 30 s, doubling, at most 30 minutes', () => {
    expect([0, 1, 4].map(waitAfter)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map(waitAfter)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(waitAfter(11)).toBe(30 * 60_000);
    expect(waitAfter(500)).toBe(30 * 60_000);
  });

  it('counts from the last wrong try', () => {
    expect(waitRemaining(NO_ATTEMPTS, 0)).toBe(0);
    expect(waitRemaining(fails(4, 1_000), 1_000)).toBe(0);
    expect(waitRemaining(fails(5, 1_000), 1_000)).toBe(30_000);
    expect(waitRemaining(fails(5, 1_000), 21_000)).toBe(10_000);
    expect(waitRemaining(fails(5, 1_000), 31_000)).toBe(0);
  });

  it('does not grow when the phone clock is set back', () => {
    expect(waitRemaining(fails(5, 1_000_000), 0)).toBe(30_000);
  });

  it('records a wrong try at the given time', () => {
    expect(afterFailure(afterFailure(NO_ATTEMPTS, 5), 9)).toEqual({ failures: 2, lastFailureAt: 9 });
  });

  it('says how many tries are left, then how long to wait', () => {
    expect(wrongPinMessage(fails(1, 0), 0)).toBe('PIN 不正确。还可再试 4 次，之后需要等待。');
    expect(wrongPinMessage(fails(5, 0), 0)).toBe('PIN 不正确。错误次数过多，请 30 秒 后再试。');
    expect(wrongPinMessage(fails(6, 0), 500)).toBe('PIN 不正确。错误次数过多，请 1 分 00 秒 后再试。');
  });

  it('formats a countdown rounded up to the second', () => {
    expect(formatWait(30_000)).toBe('30 秒');
    expect(formatWait(29_001)).toBe('30 秒');
    expect(formatWait(65_000)).toBe('1 分 05 秒');
    expect(formatWait(-5)).toBe('0 秒');
  });
});
