import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isUuidv7, uuidv7 } from '../../src/domain/ids';

const filled = (byte: number) => () => new Uint8Array(16).fill(byte);
const random = (n: number) => new Uint8Array(nodeRandomBytes(n));
const timestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('reproduces the RFC 9562 appendix A.6 example', () => {
    // The example's rand_a/rand_b, with version and variant bits cleared so uuidv7 must set them.
    const bytes = [0, 0, 0, 0, 0, 0, 0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f];
    expect(uuidv7(0x017f22e279b0, () => new Uint8Array(bytes))).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  it('sets version 7 and variant 10 whatever the random bytes are', () => {
    for (const byte of [0x00, 0xff, 0x5a]) {
      const id = uuidv7(1_764_000_000_000, filled(byte));
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
      expect(isUuidv7(id)).toBe(true);
    }
  });

  it('keeps the millisecond timestamp in the first 48 bits', () => {
    for (const ms of [0, 1, Date.parse('2026-11-22T08:00:00+08:00'), 2 ** 48 - 1]) {
      expect(timestampOf(uuidv7(ms, random))).toBe(ms);
    }
    expect(timestampOf(uuidv7(1234.9, random))).toBe(1234);
  });

  it('sorts by creation time as plain strings', () => {
    const start = Date.parse('2026-11-22T23:59:59.990+08:00');
    const ids = Array.from({ length: 50 }, (_, i) => uuidv7(start + i * 7, random));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat for the same millisecond', () => {
    const ms = Date.parse('2026-11-22T08:00:00+08:00');
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(ms, random)));
    expect(ids.size).toBe(1000);
  });

  it('refuses a short random source', () => {
    expect(() => uuidv7(0, () => new Uint8Array(15))).toThrow(/fewer than 16 bytes/);
  });
});

describe('isUuidv7', () => {
  it('rejects other versions, variants and shapes', () => {
    expect(isUuidv7('017f22e2-79b0-7cc3-98c4-dc0c0c07398f')).toBe(true);
    expect(isUuidv7('017f22e2-79b0-4cc3-98c4-dc0c0c07398f')).toBe(false); // version 4
    expect(isUuidv7('017f22e2-79b0-7cc3-c8c4-dc0c0c07398f')).toBe(false); // variant 110
    expect(isUuidv7('017f22e279b07cc398c4dc0c0c07398f')).toBe(false); // no dashes
    expect(isUuidv7('017F22E2-79B0-7CC3-98C4-DC0C0C07398F')).toBe(false); // ids are lower case
    expect(isUuidv7(' 017f22e2-79b0-7cc3-98c4-dc0c0c07398f')).toBe(false);
    expect(isUuidv7('')).toBe(false);
  });
});
