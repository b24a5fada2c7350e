/**
 * Inputs of the phone-facing property tests: bodies (garbage text and bytes, deep nesting,
 * one-field mutations of a valid body, oversized), Authorization headers, Content-Encodings
 * and Content-Types, and what the server is expected to make of a body.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../src/domain/sync-protocol';
import { other, own, revoked } from './props-api-harness';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A request body that prints short in a counterexample (the full bytes are 1 MiB at times). */
class Body extends Uint8Array {
  [fc.toStringMethod](): string {
    return `Body(${JSON.stringify(describeBody(this))})`;
  }
}
export const enc = (x: string): Uint8Array => bytes(Buffer.from(x, 'utf8'));
export const bytes = (b: Uint8Array): Uint8Array => {
  const out = new Body(b.length);
  out.set(b);
  return out;
};

/** Nesting beyond what a recursive walk (String(), JSON.stringify) survives, or just deep. */
export const deepText = fc.integer({ min: 1, max: 60_000 }).chain((d) => fc.constantFrom(
  `${'['.repeat(d)}${']'.repeat(d)}`,
  `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`,
));

/** A JSON text with `deep` at one key of an otherwise plausible body. */
export const withDeep = (base: Record<string, unknown>, keys: string[]) => fc.tuple(fc.constantFrom(...keys), deepText).map(([key, deep]) => {
  const marker = '"__DEEP__"';
  return JSON.stringify({ ...base, [key]: '__DEEP__' }).replace(marker, deep);
});

export const garbageText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', '{', '{"v":1,', '[', 'null', 'true', '0', '"x"', '{"v":1}', '{"v":"1"}', '{"v":[1]}', '{"v":1e999}', '\u0000', '{"__proto__":{"v":1}}'),
  fc.jsonValue({ maxDepth: 4 }).map((x) => JSON.stringify(x) ?? 'null'),
);

/** Bodies that are not JSON text at all. */
export const garbageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map(bytes),
  fc.constant(bytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))), // BOM + {}
  fc.constant(bytes(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))), // invalid UTF-8 inside
);

/** Replaces, deletes or adds one field at a random place of a JSON value. */
export function mutate(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (x: unknown, path: (string | number)[], depth: number) => {
    paths.push(path);
    if (depth > 4 || x === null || typeof x !== 'object') return;
    for (const [k, child] of Object.entries(x)) walk(child, [...path, Array.isArray(x) ? Number(k) : k], depth + 1);
  };
  walk(value, [], 0);
  const wrong = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, -1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, '', ' ', 'x'.repeat(300), [], {}, true, false, '1', 'duties', '../../etc/passwd'),
  );
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom('set', 'delete', 'add'), wrong, fc.string({ minLength: 1, maxLength: 12 })).map(([path, op, val, key]) => {
    const copy = structuredClone(value) as Record<string | number, unknown>;
    if (path.length === 0) return op === 'delete' ? val : op === 'add' ? { ...(copy as object), [key]: val } : val;
    let parent = copy as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op === 'add' && parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
      (parent[last] as Record<string, unknown>)[key] = val;
    } else {
      parent[last] = val;
    }
    return copy;
  });
}

export type Auth = { label: string; header: string | undefined; team: 'own' | 'other' | null };
export const auths = (): fc.Arbitrary<Auth> => fc.oneof(
  { weight: 3, arbitrary: fc.constant<Auth>({ label: 'own token', header: `Bearer ${own.token}`, team: 'own' }) },
  fc.constant<Auth>({ label: 'other team token', header: `Bearer ${other.token}`, team: 'other' }),
  fc.constant<Auth>({ label: 'no Authorization', header: undefined, team: null }),
  fc.constant<Auth>({ label: 'revoked token', header: `Bearer ${revoked}`, team: null }),
  fc.constantFrom<Auth>(
    { label: 'empty', header: '', team: null },
    { label: 'Bearer only', header: 'Bearer', team: null },
    { label: 'lower-case scheme', header: `bearer ${own.token}`, team: null },
    { label: 'token + x', header: `Bearer ${own.token}x`, team: null },
    { label: 'token cut', header: `Bearer ${own.token.slice(0, -1)}`, team: null },
    { label: 'two spaces', header: `Bearer  ${own.token}`, team: null },
    { label: 'Basic', header: `Basic ${Buffer.from('secretary:password').toString('base64')}`, team: null },
    { label: 'sql', header: "Bearer ' OR 1=1 --aaaaaaaaaaaaaaaaaaaa", team: null },
    { label: 'huge', header: `Bearer ${'A'.repeat(8_000)}`, team: null },
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 120 })
    .filter((x) => /^[\x20-\x7e]*$/.test(x))
    .map((x): Auth => ({ label: `garbage ${JSON.stringify(x)}`, header: `Bearer ${x}`, team: null })),
);

export type Encoding = { label: string; header: string | undefined; wrap: (b: Uint8Array) => Uint8Array; ok: boolean };
export const encodings: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Encoding>({ label: 'none', header: undefined, wrap: (b) => b, ok: true }) },
  fc.constant<Encoding>({ label: 'gzip', header: 'gzip', wrap: (b) => new Uint8Array(gzipSync(b)), ok: true }),
  fc.constant<Encoding>({ label: ' GZIP ', header: ' GZIP ', wrap: (b) => new Uint8Array(gzipSync(b)), ok: true }),
  fc.constant<Encoding>({ label: 'identity', header: 'identity', wrap: (b) => b, ok: true }),
  fc.constantFrom('br', 'deflate', 'gzip, gzip', 'x-gzip', 'compress', 'zstd', '*', 'gzip;q=1', '\t').map((h): Encoding => ({ label: h, header: h, wrap: (b) => b, ok: false })),
  fc.uint8Array({ minLength: 0, maxLength: 64 }).map((junk): Encoding => ({ label: `gzip, garbage ${Buffer.from(junk).toString('hex')}`, header: 'gzip', wrap: () => junk, ok: false })),
  fc.constant<Encoding>({
    label: 'gzip, truncated', header: 'gzip', ok: false,
    wrap: (b) => {
      const z = gzipSync(b);
      return new Uint8Array(z.subarray(0, Math.max(1, z.length - 5)));
    },
  }),
  fc.constant<Encoding>({ label: 'gzip bomb', header: 'gzip', wrap: () => new Uint8Array(gzipSync(Buffer.alloc(MAX_BODY_BYTES + 10, 0x20))), ok: false }),
);

export const contentTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml', '*/*', ''),
);

/** What the server is expected to do with a body: mirrors the documented order of checks. */
export function parsesTo(bytes: Uint8Array, encoding: Encoding): { ok: true; json: unknown } | { ok: false } {
  if (!encoding.ok || bytes.length > MAX_BODY_BYTES) return { ok: false };
  try {
    return { ok: true, json: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return { ok: false };
  }
}

export const oversized = fc.integer({ min: 1, max: 3 }).map((k) => enc(JSON.stringify({ v: 1, teamId: 'x', records: [], pad: 'x'.repeat(MAX_BODY_BYTES + k * 1000) })));

export const describeBody = (b: Uint8Array) => {
  const text = Buffer.from(b).toString('utf8');
  return text.length > 240 ? `${text.slice(0, 120)}…(${b.length} bytes)…${text.slice(-60)}` : text;
};
