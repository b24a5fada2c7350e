/**
 * The app PIN (应用锁) of this phone, in `settings` (never synced):
 *   pin.lock      PinRecord: PBKDF2-SHA256 of the PIN with a random 16-byte salt, and the idle time
 *   pin.attempts  PinAttempts: wrong tries in a row, so a reload does not reset the back-off
 * The PIN itself is never stored, and the records are not encrypted with it: the PIN keeps a
 * casual look out, not someone with developer tools (a 4–6 digit PIN is quickly guessed
 * offline from its hash). Rules and wording are in src/domain/pin.ts; the read done at app
 * start is in ./pin-config.ts, so hashing stays out of the first load.
 *
 * Known race, left: two tries at the same instant (two tabs) both pass the wait check.
 */
import {
  afterFailure, isIdleMinutes, NO_ATTEMPTS, PIN_MESSAGES, pinFormatError, waitMessage, waitRemaining,
  wrongPinMessage, type PinAttempts,
} from '../domain/pin';
import { now } from './clock';
import { withDb } from './connection';
import { PIN_KEYS } from './pin-config';

export { getPinConfig, type PinConfig } from './pin-config';

const LOCK_KEY = PIN_KEYS.lock;
const ATTEMPTS_KEY = PIN_KEYS.attempts;
export const PBKDF2_ITERATIONS = 210_000;

interface PinRecord {
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string; // hex
  hash: string; // hex, 32 bytes
  idleMinutes: number;
  setAt: number;
}

export type PinCheck = { ok: true } | { ok: false; message: string; waitMs: number };

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (s: string) => new Uint8Array((s.match(/../g) ?? []).map((x) => parseInt(x, 16)));

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return hex(new Uint8Array(bits));
}

/** Compares every character, so the time taken does not tell how much matched. */
function sameHash(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** False where the browser has no WebCrypto (a page opened over plain http off localhost). */
export function pinSupported(): boolean {
  return typeof crypto !== 'undefined' && !!crypto.subtle;
}

async function getRecord(): Promise<PinRecord | null> {
  const row = await withDb((db) => db.settings.get(LOCK_KEY));
  return (row?.value as PinRecord | undefined) ?? null;
}

export async function getPinAttempts(): Promise<PinAttempts> {
  const row = await withDb((db) => db.settings.get(ATTEMPTS_KEY));
  return (row?.value as PinAttempts | undefined) ?? NO_ATTEMPTS;
}

async function writeRecord(pin: string, idleMinutes: number): Promise<void> {
  const err = pinFormatError(pin);
  if (err) throw new Error(err);
  if (!isIdleMinutes(idleMinutes)) throw new Error(`idle minutes ${idleMinutes} not offered`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, PBKDF2_ITERATIONS);
  const value: PinRecord = { kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, salt: hex(salt), hash, idleMinutes, setAt: now() };
  await withDb((db) => db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: LOCK_KEY, value });
    await db.settings.delete(ATTEMPTS_KEY);
  }));
}

/** Turns the lock on (a PIN already set is replaced: use changePin from the screens). */
export function enablePin(pin: string, idleMinutes: number): Promise<void> {
  return writeRecord(pin, idleMinutes);
}

/**
 * Checks a PIN against the stored hash. During a wait nothing is hashed or counted; a wrong
 * PIN counts towards the back-off, a right one clears it. No PIN set: always right.
 */
export async function verifyPin(pin: string): Promise<PinCheck> {
  const rec = await getRecord();
  if (!rec) return { ok: true };
  const waitMs = waitRemaining(await getPinAttempts(), now());
  if (waitMs > 0) return { ok: false, message: waitMessage(waitMs), waitMs };
  const formatErr = pinFormatError(pin);
  if (formatErr) return { ok: false, message: formatErr, waitMs: 0 };
  if (sameHash(await derive(pin, unhex(rec.salt), rec.iterations), rec.hash)) {
    await withDb((db) => db.settings.delete(ATTEMPTS_KEY));
    return { ok: true };
  }
  const at = now();
  const next = await withDb((db) => db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(ATTEMPTS_KEY);
    const a = afterFailure((row?.value as PinAttempts | undefined) ?? NO_ATTEMPTS, at);
    await db.settings.put({ key: ATTEMPTS_KEY, value: a });
    return a;
  }));
  return { ok: false, message: wrongPinMessage(next, at), waitMs: waitRemaining(next, at) };
}

/** A new PIN, given the current one (the idle time is kept). */
export async function changePin(current: string, next: string): Promise<PinCheck> {
  const err = pinFormatError(next);
  if (err) return { ok: false, message: err, waitMs: 0 };
  if (current === next) return { ok: false, message: PIN_MESSAGES.sameAsOld, waitMs: 0 };
  const check = await verifyPin(current);
  const rec = await getRecord();
  if (!check.ok || !rec) return check;
  await writeRecord(next, rec.idleMinutes);
  return check;
}

/** Turns the lock off, given the current PIN. */
export async function disablePin(current: string): Promise<PinCheck> {
  const check = await verifyPin(current);
  if (check.ok) {
    await withDb((db) => db.transaction('rw', db.settings, async () => {
      await db.settings.delete(LOCK_KEY);
      await db.settings.delete(ATTEMPTS_KEY);
    }));
  }
  return check;
}

/** The idle time can be changed without the PIN: whoever is in 设置 has the app open already. */
export async function setIdleMinutes(idleMinutes: number): Promise<void> {
  if (!isIdleMinutes(idleMinutes)) throw new Error(`idle minutes ${idleMinutes} not offered`);
  await withDb((db) => db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(LOCK_KEY);
    if (row) await db.settings.put({ key: LOCK_KEY, value: { ...(row.value as PinRecord), idleMinutes } });
  }));
}
