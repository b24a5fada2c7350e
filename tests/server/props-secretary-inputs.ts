/**
 * Inputs of the secretary property tests (properties-secretary.test.ts): form fields and
 * values, CSRF tokens, sessions and body encodings; the bytes an input is sent as, and what
 * the server's parseBody reads from them.
 */
import fc from 'fast-check';

export const XSS = '<b data-xss="1">';

export type Value = string | { file: string; type: string; content: string };
export type Field = [string, Value];
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  fc.constantFrom('', ' ', '0', '-1', '0.5', '1.25', '10', '100', '101', '1e1', 'NaN', 'Infinity', '0x10', ' 7 ', '\u0000', '\r\n', '%', '%ZZ',
    '&=&', '党员', XSS, '张三 支架工 党员', '零点班 00:00-08:00', '早班 08:00-08:00', '夜班 25:00-08:00', 'daily', 'manual', 'onTime', '__proto__', 'constructor'),
  fc.string({ unit: 'grapheme', minLength: 40, maxLength: 2500 }),
  fc.array(fc.constantFrom('张三', '李四 电工', '王五 支架工 党员', '八点班 08:00-16:00', '', '  ', 'x'.repeat(25), XSS), { maxLength: 30 }).map((l) => l.join('\n')),
);
export const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 6, arbitrary: text },
  fc.record({ file: fc.constantFrom('a.txt', 'x.png', '', '../../etc/passwd'), type: fc.constantFrom('text/plain', 'image/png', ''), content: fc.string({ maxLength: 50 }) }),
);
/** Field names: the route's own (repeated or alone), look-alikes and nested-looking ones. */
export const fieldsOf = (keys: string[]) => fc.array(fc.tuple(fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...keys) },
  fc.constantFrom('a[b][c][d]', 'name[]', 'id[]', 'a.b.c', '__proto__', '_CSRF', ' _csrf', ''),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 1, max: 200 }).map((d) => `${'x['.repeat(d)}${']'.repeat(d)}`),
), value), { maxLength: 14 });

export const CSRF = ['valid', 'missing', 'forged', 'other session', 'forged after valid', 'valid after forged', 'as a file', 'padded', '_csrf[]'] as const;
export const csrfKind = fc.oneof({ weight: 8, arbitrary: fc.constant('valid' as const) }, fc.constantFrom(...CSRF));
export const ENCODINGS = ['urlencoded', 'multipart', 'multipart, no boundary', 'multipart, wrong boundary', 'multipart, cut short', 'json', 'json, deep',
  'text/plain', 'no type', 'bytes as urlencoded', 'MULTIPART/FORM-DATA', 'oversized'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const encoding = fc.oneof({ weight: 4, arbitrary: fc.constant('urlencoded' as const) }, { weight: 2, arbitrary: fc.constant('multipart' as const) },
  { weight: 4, arbitrary: fc.constantFrom(...ENCODINGS) });
export const SESSIONS = ['valid', 'none', 'garbage cookie', 'a device token'] as const;
export const sessionKind = fc.oneof({ weight: 12, arbitrary: fc.constant('valid' as const) }, fc.constantFrom(...SESSIONS));

export interface Input {
  session: (typeof SESSIONS)[number];
  csrf: (typeof CSRF)[number];
  encoding: Encoding;
  fields: Field[];
  /** Cut, depth, padding: what the encoding needs. */
  n: number;
}
/** Fields: noise over the route's own names, or a plausible form of the route with a little noise of other names. */
export const input = (keys: string[], plausible: fc.Arbitrary<Field[]> = fc.constant([])): fc.Arbitrary<Input> => fc.record({
  session: sessionKind, csrf: csrfKind, encoding, n: fc.nat({ max: 60_000 }),
  fields: fc.oneof(fieldsOf(keys), fc.tuple(plausible, fc.array(fc.tuple(fc.string({ maxLength: 6 }).filter((k) => !keys.includes(k) && k !== '_csrf'), value), { maxLength: 2 }))
    .map(([a, b]) => [...a, ...b])),
});

/* ------------------------------------------------------------------ encoding and the server's view of it */

export function withCsrf(fields: Field[], kind: Input['csrf'], own: string, other: string): Field[] {
  const f = [...fields];
  const forged = 'forged-token-0123456789abcdef';
  switch (kind) {
    case 'valid': return [['_csrf', own], ...f];
    case 'missing': return f.filter(([k]) => k !== '_csrf');
    case 'forged': return [['_csrf', forged], ...f];
    case 'other session': return [['_csrf', other], ...f];
    case 'forged after valid': return [['_csrf', own], ...f, ['_csrf', forged]];
    case 'valid after forged': return [['_csrf', forged], ...f.filter(([k]) => k !== '_csrf'), ['_csrf', own]];
    case 'as a file': return [['_csrf', { file: 'csrf.txt', type: 'text/plain', content: own }], ...f];
    case 'padded': return [['_csrf', ` ${own}`], ...f];
    case '_csrf[]': return [['_csrf[]', own], ...f];
  }
}

const blob = (v: Exclude<Value, string>) => new Blob([v.content], { type: v.type });

export async function encode(enc: Encoding, fields: Field[], n: number, limit: number): Promise<{ type: string | null; bytes: Uint8Array }> {
  const form = () => {
    const fd = new FormData();
    for (const [k, v] of fields) {
      if (typeof v === 'string') fd.append(k, v);
      else fd.append(k, blob(v), v.file);
    }
    return fd;
  };
  const multipart = async () => {
    const req = new Request('http://x/', { method: 'POST', body: form() });
    return { type: req.headers.get('content-type')!, bytes: new Uint8Array(await req.arrayBuffer()) };
  };
  const urlencoded = (extra = '') => {
    const p = new URLSearchParams();
    for (const [k, v] of fields) p.append(k, typeof v === 'string' ? v : v.content);
    return { type: 'application/x-www-form-urlencoded', bytes: new TextEncoder().encode(p.toString() + extra) };
  };
  switch (enc) {
    case 'urlencoded': return urlencoded();
    case 'oversized': return urlencoded(`&pad=${'x'.repeat(limit + 1 + (n % 5000))}`);
    case 'multipart': return multipart();
    case 'MULTIPART/FORM-DATA': {
      const m = await multipart();
      return { type: m.type.replace('multipart/form-data', 'MULTIPART/FORM-DATA'), bytes: m.bytes };
    }
    case 'multipart, no boundary': return { ...(await multipart()), type: 'multipart/form-data' };
    case 'multipart, wrong boundary': return { ...(await multipart()), type: 'multipart/form-data; boundary=----not-the-one' };
    case 'multipart, cut short': {
      const m = await multipart();
      return { type: m.type, bytes: m.bytes.subarray(0, n % Math.max(1, m.bytes.length)) };
    }
    case 'json': return { type: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(Object.fromEntries(fields))) };
    case 'json, deep': return { type: 'application/json', bytes: new TextEncoder().encode(`${'{"_csrf":'.repeat(1 + n)}1${'}'.repeat(1 + n)}`) };
    case 'text/plain': return { type: 'text/plain', bytes: urlencoded().bytes };
    case 'no type': return { type: null, bytes: urlencoded().bytes };
    case 'bytes as urlencoded': return { type: 'application/x-www-form-urlencoded', bytes: Uint8Array.from({ length: n % 400 }, (_, i) => (i * 131 + n) % 256) };
  }
}

export type Parsed = { ok: true; entries: [string, string | File][] } | { ok: false };

/** What hono's parseBody reads from these bytes: only the two form types, parsed by the same undici. */
export async function serverView(type: string | null, bytes: Uint8Array): Promise<Parsed> {
  const media = type?.split(';')[0]!.trim().toLowerCase();
  if (media !== 'multipart/form-data' && media !== 'application/x-www-form-urlencoded') return { ok: true, entries: [] };
  try {
    const fd = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': type!.replace(/^[^;]+/, (m) => m.toLowerCase()) } }).formData();
    return { ok: true, entries: [...fd.entries()] };
  } catch {
    return { ok: false };
  }
}

/** One field as a route reads it: the value if sent exactly once as text, else null. */
export function one(p: Parsed & { ok: true }, key: string): string | null {
  const xs = p.entries.filter(([k]) => k === key).map(([, v]) => v);
  return xs.length === 1 && typeof xs[0] === 'string' ? xs[0] : null;
}
/** parseBody() without `all`: the last value wins. */
export function last(p: Parsed & { ok: true }, key: string): string | File | undefined {
  return p.entries.filter(([k]) => k === key).at(-1)?.[1];
}
