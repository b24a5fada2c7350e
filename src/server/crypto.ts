/**
 * Secrets of the endpoint. Passwords: scrypt with a random salt. Device tokens:
 * 256 random bits given to the phone once; only their sha256 is stored, so a copy
 * of the database lets nobody impersonate a phone. Comparisons in constant time.
 */
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { ENROL_ALPHABET, ENROL_CODE_LENGTH } from '../domain/sync-protocol';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** A password to show once: 16 characters of the unambiguous alphabet (~78 bits). */
export function newPassword(): string {
  return randomCode(16);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function randomCode(length = ENROL_CODE_LENGTH): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ENROL_ALPHABET[randomInt(ENROL_ALPHABET.length)];
  return s;
}

export function newId(): string {
  return randomBytes(8).toString('hex');
}
