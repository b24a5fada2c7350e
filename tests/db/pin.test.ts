import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/db/connection';
import {
  changePin, disablePin, enablePin, getPinAttempts, getPinConfig, PBKDF2_ITERATIONS, setIdleMinutes, verifyPin,
} from '../../src/db/pin';
import { PIN_MESSAGES } from '../../src/domain/pin';
import { useFreshDb } from './fresh-db';

const clock = (ms: number) => vi.spyOn(Date, 'now').mockReturnValue(ms);

useFreshDb();

const stored = async () => (await getDb().settings.get('pin.lock'))?.value as Record<string, unknown>;

describe('enablePin', () => {
  it('stores a salted PBKDF2 hash and the idle time, never the PIN', async () => {
    await enablePin('482916', 5);
    const rec = await stored();
    expect(rec).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, idleMinutes: 5 });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    expect(rec.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(rec.hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(await getDb().settings.toArray());
    expect(everything).not.toContain('482916');
    expect(await getPinConfig()).toEqual({ idleMinutes: 5 });
  });

  it('uses a new salt each time, so the same PIN hashes differently', async () => {
    await enablePin('1234', 1);
    const a = await stored();
    await enablePin('1234', 1);
    const b = await stored();
    expect(b.salt).not.toBe(a.salt);
    expect(b.hash).not.toBe(a.hash);
  });

  it('refuses a malformed PIN or an idle time not offered, storing nothing', async () => {
    await expect(enablePin('12a4', 5)).rejects.toThrow(PIN_MESSAGES.notDigits);
    await expect(enablePin('1234', 7)).rejects.toThrow();
    expect(await getPinConfig()).toBeNull();
  });
});

describe('verifyPin', () => {
  it('accepts the right PIN and refuses another', async () => {
    await enablePin('2580', 5);
    expect(await verifyPin('2580')).toEqual({ ok: true });
    expect(await verifyPin('2581')).toMatchObject({ ok: false, waitMs: 0 });
    expect(await verifyPin('25800')).toMatchObject({ ok: false });
  });

  it('a malformed try is explained and not counted', async () => {
    await enablePin('2580', 5);
    expect(await verifyPin('25')).toEqual({ ok: false, message: PIN_MESSAGES.tooShort, waitMs: 0 });
    expect((await getPinAttempts()).failures).toBe(0);
  });

  it('after 5 wrong tries makes the user wait 30 s, then 60 s; the right PIN resets it', async () => {
    await enablePin('2580', 5);
    clock(1_000_000);
    for (let i = 0; i < 4; i++) expect((await verifyPin('0000')).ok).toBe(false);
    expect(await verifyPin('0000')).toMatchObject({ ok: false, waitMs: 30_000 });
    clock(1_020_000);
    // Even the right PIN is not checked during the wait, and the wait is not counted as a try.
    expect(await verifyPin('2580')).toMatchObject({ ok: false, waitMs: 10_000, message: '错误次数过多，请 10 秒 后再试。' });
    expect((await getPinAttempts()).failures).toBe(5);
    clock(1_030_000);
    expect(await verifyPin('0000')).toMatchObject({ ok: false, waitMs: 60_000 });
    clock(1_090_000);
    expect(await verifyPin('2580')).toEqual({ ok: true });
    expect(await getPinAttempts()).toEqual({ failures: 0, lastFailureAt: null });
  });

  it('the back-off survives a new connection (a reload)', async () => {
    await enablePin('2580', 5);
    clock(5_000);
    for (let i = 0; i < 5; i++) await verifyPin('1111');
    getDb().close();
    await getDb().open();
    expect(await verifyPin('2580')).toMatchObject({ ok: false, waitMs: 30_000 });
  });

  it('never deletes data, however many wrong tries', async () => {
    await enablePin('2580', 5);
    await getDb().settings.put({ key: 'persistAsked', value: true });
    let t = 0;
    for (let i = 0; i < 8; i++) {
      clock((t += 3_600_000));
      await verifyPin('9999');
    }
    expect(await getDb().settings.get('persistAsked')).toEqual({ key: 'persistAsked', value: true });
    expect(await getPinConfig()).not.toBeNull();
  });
});

describe('changing and turning off', () => {
  it('changes the PIN only with the current one, keeping the idle time', async () => {
    await enablePin('1357', 15);
    expect(await changePin('0000', '2468')).toMatchObject({ ok: false });
    expect(await changePin('1357', '24')).toMatchObject({ ok: false, message: PIN_MESSAGES.tooShort });
    expect(await changePin('1357', '1357')).toMatchObject({ ok: false, message: PIN_MESSAGES.sameAsOld });
    expect(await changePin('1357', '2468')).toEqual({ ok: true });
    expect((await verifyPin('1357')).ok).toBe(false);
    expect((await verifyPin('2468')).ok).toBe(true);
    expect(await getPinConfig()).toEqual({ idleMinutes: 15 });
  });

  it('turns off only with the current PIN', async () => {
    await enablePin('1357', 5);
    expect((await disablePin('7531')).ok).toBe(false);
    expect(await getPinConfig()).not.toBeNull();
    expect(await disablePin('1357')).toEqual({ ok: true });
    expect(await getPinConfig()).toBeNull();
    expect(await getPinAttempts()).toEqual({ failures: 0, lastFailureAt: null });
  });

  it('sets the idle time of an existing lock, and nothing when there is none', async () => {
    await setIdleMinutes(1);
    expect(await getPinConfig()).toBeNull();
    await enablePin('1357', 5);
    await setIdleMinutes(1);
    expect(await getPinConfig()).toEqual({ idleMinutes: 1 });
    expect((await verifyPin('1357')).ok).toBe(true);
    await expect(setIdleMinutes(3)).rejects.toThrow();
  });
});
