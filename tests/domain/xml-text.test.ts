import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlSafe, xmlSafeCells } from '../../src/domain/xml-text';

/** XML 1.0 Char, by code point: what a strict parser accepts. */
const allowed = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
/** Code points as a strict reader sees them: a lone surrogate is its own (forbidden) code point. */
const codePoints = (s: string) => Array.from(s, (ch) => ch.codePointAt(0)!);

describe('xmlSafe', () => {
  it('drops what XML 1.0 forbids and keeps tab, newlines, Chinese and astral characters', () => {
    expect(xmlSafe('甲\u0001班\uFFFE\uFFFF\u0000')).toBe('甲班');
    expect(xmlSafe('a\tb\nc\rd')).toBe('a\tb\nc\rd');
    expect(xmlSafe('好😀\uD83D')).toBe('好😀');
    expect(xmlSafe('\uDE00x\uD83D\uD83D\uDE00')).toBe('x😀');
    expect(xmlSafe('\u007F\u0085\uFFFD')).toBe('\u007F\u0085\uFFFD'); // allowed in XML 1.0
    expect(xmlSafeCells(['\u0002a', 3, null])).toEqual(['a', 3, null]);
  });

  it('leaves only allowed characters, and changes nothing in a string that has only those', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }), (a, b) => {
      for (const s of [a, b, a + b]) {
        const out = xmlSafe(s);
        expect(codePoints(out).every(allowed)).toBe(true);
        if (codePoints(s).every(allowed)) expect(out).toBe(s);
        expect(xmlSafe(out)).toBe(out);
      }
    }), { seed: 14, numRuns: 500 });
  });
});
