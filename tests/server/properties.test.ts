/**
 * Property-based tests (fast-check, fixed seed) on every phone-facing route:
 * POST /api/v1/enrol, POST /api/v1/sync/push, GET and POST /api/v1/sync/pull,
 * GET /api/v1/health. Random, malformed, oversized, deeply nested and wrong-typed bodies,
 * with bad headers (wrong Content-Type, bogus Content-Encoding, garbage gzip, missing or
 * garbage Bearer tokens). Every refused request must be a 4xx (never a 5xx) with a JSON
 * body {error, message} and no stack trace or file path, must change no row of any
 * table, and the server must answer /health afterwards.
 * Seed: PROP_SEED (default below); the number of cases run is printed at the end.
 */
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, PullQuerySchema, PullRequestSchema, PushRequestSchema } from '../../src/domain/sync-protocol';
import { createEnrolCode, revokeDevice } from '../../src/server/store';
import { duty, enrol, makeTeam, startTestServer, type TestServer } from './helpers';

const SEED = Number(process.env.PROP_SEED ?? 20261122);
let s: TestServer;
let agent: Agent;
let own = { token: '', teamId: '' };
let other = { token: '', teamId: '' };
let revoked = '';
let usedCode = '';
let cases = 0;
const counts: Record<string, number> = {};

beforeAll(async () => {
  s = await startTestServer();
  agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const t = makeTeam(s);
  usedCode = t.code;
  const a = await enrol(s, t.code, 'prop-own-0123456789abcdef');
  own = { token: a.token, teamId: a.teamId };
  const t2 = makeTeam(s, '掘进二队');
  const b = await enrol(s, t2.code, 'prop-other-0123456789abcdef');
  other = { token: b.token, teamId: b.teamId };
  const r = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'prop-revoked-0123456789ab');
  revokeDevice(s.db, r.deviceId, s.clock.now);
  revoked = r.token;
});
afterAll(async () => {
  agent.destroy();
  await s.stop();
  const per = Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`property cases run: ${cases} (seed ${SEED}; ${per})`);
});

/* ------------------------------------------------------------------ requests */

interface Answer {
  status: number;
  type: string;
  text: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: Uint8Array, declaredLength?: number): Promise<Answer> {
  return new Promise((ok, fail) => {
    const h: Record<string, string> = { ...headers };
    if (body) h['Content-Length'] = String(declaredLength ?? body.length);
    // A client that lies about Content-Length ruins its own connection: that one gets its own socket.
    const lying = body !== undefined && declaredLength !== undefined && declaredLength > body.length;
    const req = request(`${s.url}${path}`, { method, headers: h, agent: lying ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') });
        if (lying) req.destroy();
      });
      res.on('error', fail);
    });
    // The server may answer 413 and close before the whole body is written: the answer counts.
    req.on('error', (e) => setTimeout(() => fail(e), 50));
    if (lying) {
      req.write(body);
      return; // a lying Content-Length: the server must answer from the header alone
    }
    req.end(body);
  });
}

/** Row count of every table, plus what a write without a new row would change. */
function snapshot(): string {
  const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const parts = tables.map((t) => `${t}=${(s.db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n}`);
  parts.push(JSON.stringify(s.db.prepare('SELECT (SELECT value FROM seq_counter) AS seq, (SELECT TOTAL(rev) FROM records) AS revs, (SELECT COUNT(*) FROM enrolment_codes WHERE used_at IS NOT NULL) AS used, (SELECT COUNT(*) FROM devices WHERE revoked_at IS NOT NULL) AS revoked, (SELECT group_concat(token_hash) FROM devices) AS tokens').get()));
  return parts.join(' ');
}

const LEAKS = [/\n\s+at /, /node:internal/, /node_modules/, /\.tsx?:\d+/, /\.m?js:\d+/];

function expectJsonError(a: Answer, where: string): void {
  expect(a.type, where).toMatch(/^application\/json/);
  const body = JSON.parse(a.text) as { error?: unknown; message?: unknown };
  expect(typeof body.error, where).toBe('string');
  expect(typeof body.message, where).toBe('string');
  expect((body.message as string).length, where).toBeGreaterThan(0);
  for (const leak of [...LEAKS, process.cwd(), s.root]) {
    if (typeof leak === 'string') expect(a.text.includes(leak), `${where}: body names a path`).toBe(false);
    else expect(a.text, where).not.toMatch(leak);
  }
}

/** The invariants of a refused request. */
async function refused(kind: string, a: Answer, before: string, where: string): Promise<void> {
  cases++;
  counts[kind] = (counts[kind] ?? 0) + 1;
  // A refused enrolment counts against the address: keep the limiter's window from filling.
  s.clock.now += 30_000;
  expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBeLessThan(500);
  expectJsonError(a, where);
  expect(snapshot(), `${where}: stored something`).toBe(before);
  expect((await send('GET', '/api/v1/health', {})).status, `${where}: server gone`).toBe(200);
}

async function answeredOk(kind: string, a: Answer, before: string | null, where: string): Promise<void> {
  cases++;
  counts[kind] = (counts[kind] ?? 0) + 1;
  s.clock.now += 30_000;
  expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBe(200);
  expect(a.type).toMatch(/^application\/json/);
  JSON.parse(a.text);
  if (before !== null) expect(snapshot(), `${where}: a read stored something`).toBe(before);
  expect((await send('GET', '/api/v1/health', {})).status, `${where}: server gone`).toBe(200);
}

/* ------------------------------------------------------------------ inputs */

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A request body that prints short in a counterexample (the full bytes are 1 MiB at times). */
class Body extends Uint8Array {
  [fc.toStringMethod](): string {
    return `Body(${JSON.stringify(describeBody(this))})`;
  }
}
const enc = (x: string): Uint8Array => bytes(Buffer.from(x, 'utf8'));
const bytes = (b: Uint8Array): Uint8Array => {
  const out = new Body(b.length);
  out.set(b);
  return out;
};

/** Nesting beyond what a recursive walk (String(), JSON.stringify) survives, or just deep. */
const deepText = fc.integer({ min: 1, max: 60_000 }).chain((d) => fc.constantFrom(
  `${'['.repeat(d)}${']'.repeat(d)}`,
  `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`,
));

/** A JSON text with `deep` at one key of an otherwise plausible body. */
const withDeep = (base: Record<string, unknown>, keys: string[]) => fc.tuple(fc.constantFrom(...keys), deepText).map(([key, deep]) => {
  const marker = '"__DEEP__"';
  return JSON.stringify({ ...base, [key]: '__DEEP__' }).replace(marker, deep);
});

const garbageText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', '{', '{"v":1,', '[', 'null', 'true', '0', '"x"', '{"v":1}', '{"v":"1"}', '{"v":[1]}', '{"v":1e999}', '\u0000', '{"__proto__":{"v":1}}'),
  fc.jsonValue({ maxDepth: 4 }).map((x) => JSON.stringify(x) ?? 'null'),
);

/** Bodies that are not JSON text at all. */
const garbageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map(bytes),
  fc.constant(bytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))), // BOM + {}
  fc.constant(bytes(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))), // invalid UTF-8 inside
);

/** Replaces, deletes or adds one field at a random place of a JSON value. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
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

type Auth = { label: string; header: string | undefined; team: 'own' | 'other' | null };
const auths = (): fc.Arbitrary<Auth> => fc.oneof(
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

type Encoding = { label: string; header: string | undefined; wrap: (b: Uint8Array) => Uint8Array; ok: boolean };
const encodings: fc.Arbitrary<Encoding> = fc.oneof(
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

const contentTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml', '*/*', ''),
);

/** What the server is expected to do with a body: mirrors the documented order of checks. */
function parsesTo(bytes: Uint8Array, encoding: Encoding): { ok: true; json: unknown } | { ok: false } {
  if (!encoding.ok || bytes.length > MAX_BODY_BYTES) return { ok: false };
  try {
    return { ok: true, json: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return { ok: false };
  }
}

const oversized = fc.integer({ min: 1, max: 3 }).map((k) => enc(JSON.stringify({ v: 1, teamId: 'x', records: [], pad: 'x'.repeat(MAX_BODY_BYTES + k * 1000) })));

const describeBody = (b: Uint8Array) => {
  const text = Buffer.from(b).toString('utf8');
  return text.length > 240 ? `${text.slice(0, 120)}…(${b.length} bytes)…${text.slice(-60)}` : text;
};

/* ------------------------------------------------------------------ properties */

const RUN = { seed: SEED, endOnFailure: true };

describe('phone-facing routes refuse bad input with a clean 4xx and store nothing', () => {
  it('POST /api/v1/enrol', async () => {
    const valid = { v: 1, code: 'ZZZZZZZZ', nonce: 'prop-nonce-0123456789', deviceName: '手机' };
    const body = fc.oneof(
      fc.record({
        v: fc.constantFrom(1, 2, '1', 0, null),
        code: fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/), fc.constantFrom(usedCode, usedCode.toLowerCase(), `${usedCode.slice(0, 4)}-${usedCode.slice(4)}`)),
        nonce: fc.string({ maxLength: 80 }),
        deviceName: fc.string({ maxLength: 100 }),
      }, { requiredKeys: [] }).map((x) => enc(JSON.stringify(x))),
      mutate(valid).map((x) => enc(JSON.stringify(x) ?? 'null')),
      withDeep(valid, ['v', 'code', 'nonce', 'deviceName', 'x']).map(enc),
      garbageText.map(enc),
      garbageBytes,
      oversized,
    );
    await fc.assert(fc.asyncProperty(body, encodings, contentTypes, fc.option(auths(), { nil: undefined }), async (raw, encoding, type, auth) => {
      const before = snapshot();
      const headers: Record<string, string> = { 'Content-Type': type };
      if (encoding.header !== undefined) headers['Content-Encoding'] = encoding.header;
      if (auth?.header !== undefined) headers.Authorization = auth.header;
      const a = await send('POST', '/api/v1/enrol', headers, encoding.wrap(raw));
      await refused('enrol', a, before, `POST /api/v1/enrol ${encoding.label} ${type} body=${describeBody(raw)}`);
    }), { ...RUN, numRuns: 200 });
  }, 60_000);

  it('POST /api/v1/sync/push', async () => {
    const valid = () => ({ v: 1, teamId: own.teamId, records: [duty('prop-a', 1, 'x'), duty('prop-b', 2)], since: 0 });
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.constant(null).chain(() => mutate(valid())).map((x) => enc(JSON.stringify(x) ?? 'null')) },
      fc.constant(null).map(() => enc(JSON.stringify(valid()))),
      fc.constant(null).chain(() => withDeep(valid(), ['v', 'teamId', 'records', 'since', 'x'])).map(enc),
      fc.record({
        v: fc.jsonValue({ maxDepth: 1 }), teamId: fc.jsonValue({ maxDepth: 1 }),
        records: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }), since: fc.jsonValue({ maxDepth: 1 }),
      }, { requiredKeys: [] }).map((x) => enc(JSON.stringify(x))),
      fc.integer({ min: 501, max: 520 }).map((n) => enc(JSON.stringify({ v: 1, teamId: own.teamId, records: Array.from({ length: n }, (_, i) => duty(`prop-many-${i}`, 1)) }))),
      garbageText.map(enc),
      garbageBytes,
      oversized,
    );
    const lie = fc.option(fc.constantFrom(MAX_BODY_BYTES + 1, 10 * MAX_BODY_BYTES), { nil: undefined, freq: 20 });
    await fc.assert(fc.asyncProperty(body, encodings, contentTypes, auths(), lie, async (raw, encoding, type, auth, lieAbout) => {
      const wire = encoding.wrap(raw);
      // Only a Content-Length larger than the body (a shorter one would put the rest on the socket as a next request).
      const declared = lieAbout !== undefined && lieAbout > wire.length ? lieAbout : undefined;
      const parsed = parsesTo(raw, encoding);
      // A push the server must store is not this property's business.
      const accept = declared === undefined && auth.team === 'own' && parsed.ok
        && v.safeParse(PushRequestSchema, parsed.json).success && (parsed.json as { teamId: string }).teamId === own.teamId;
      fc.pre(!accept);
      const before = snapshot();
      const headers: Record<string, string> = { 'Content-Type': type };
      if (encoding.header !== undefined) headers['Content-Encoding'] = encoding.header;
      if (auth.header !== undefined) headers.Authorization = auth.header;
      const a = await send('POST', '/api/v1/sync/push', headers, wire, declared);
      await refused('push', a, before, `POST /api/v1/sync/push auth=${auth.label} ${encoding.label} ${type}${declared ? ` Content-Length: ${declared}` : ''} body=${describeBody(raw)}`);
    }), { ...RUN, numRuns: 350 });
  }, 90_000);

  it('POST /api/v1/sync/pull (a valid pull is answered 200 and stores nothing either)', async () => {
    const valid = { v: 1, since: 0 };
    const body = fc.oneof(
      { weight: 3, arbitrary: mutate(valid).map((x) => enc(JSON.stringify(x) ?? 'null')) },
      fc.nat().map((since) => enc(JSON.stringify({ v: 1, since }))),
      withDeep(valid, ['v', 'since', 'x']).map(enc),
      garbageText.map(enc),
      garbageBytes,
      oversized,
    );
    await fc.assert(fc.asyncProperty(body, encodings, contentTypes, auths(), async (raw, encoding, type, auth) => {
      const parsed = parsesTo(raw, encoding);
      const accept = auth.team !== null && parsed.ok && v.safeParse(PullRequestSchema, parsed.json).success;
      const before = snapshot();
      const headers: Record<string, string> = { 'Content-Type': type };
      if (encoding.header !== undefined) headers['Content-Encoding'] = encoding.header;
      if (auth.header !== undefined) headers.Authorization = auth.header;
      const a = await send('POST', '/api/v1/sync/pull', headers, encoding.wrap(raw));
      const where = `POST /api/v1/sync/pull auth=${auth.label} ${encoding.label} ${type} body=${describeBody(raw)}`;
      if (accept) await answeredOk('pull POST', a, before, where);
      else await refused('pull POST', a, before, where);
    }), { ...RUN, numRuns: 150 });
  }, 60_000);

  it('GET /api/v1/sync/pull', async () => {
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('1', '0', '-1', '1.5', '1e3', '0x10', ' 1', '999999999999999', '9999999999999999', '', 'NaN'));
    const query = fc.record({
      v: fc.option(fc.oneof(fc.constant('1'), value), { nil: undefined }),
      since: fc.option(fc.oneof(fc.nat().map(String), value), { nil: undefined }),
      extra: fc.option(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/).filter((k) => k !== 'v' && k !== 'since'), value), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(query, auths(), contentTypes, async (q, auth, type) => {
      const pairs: [string, string][] = [];
      if (q.v !== undefined) pairs.push(['v', q.v]);
      if (q.since !== undefined) pairs.push(['since', q.since]);
      if (q.extra) pairs.push(q.extra);
      const qs = pairs.map(([k, x]) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`).join('&');
      // api.ts checks the version as text first: '1' only (the schema alone would take ' 1' or '1.0').
      const accept = auth.team !== null && (q.v === undefined || q.v === '1') && v.safeParse(PullQuerySchema, Object.fromEntries(pairs)).success;
      const before = snapshot();
      const headers: Record<string, string> = { 'Content-Type': type };
      if (auth.header !== undefined) headers.Authorization = auth.header;
      const a = await send('GET', `/api/v1/sync/pull?${qs}`, headers);
      const where = `GET /api/v1/sync/pull?${qs} auth=${auth.label}`;
      if (accept) await answeredOk('pull GET', a, before, where);
      else await refused('pull GET', a, before, where);
    }), { ...RUN, numRuns: 150 });
  }, 60_000);

  it('GET /api/v1/health answers 200 whatever query and headers come with it', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), auths(), encodings, contentTypes, async (qs, auth, encoding, type) => {
      const before = snapshot();
      const headers: Record<string, string> = { 'Content-Type': type };
      if (encoding.header !== undefined) headers['Content-Encoding'] = encoding.header;
      if (auth.header !== undefined) headers.Authorization = auth.header;
      const path = `/api/v1/health?${encodeURIComponent(qs)}`;
      const a = await send('GET', path, headers);
      await answeredOk('health', a, before, `GET ${path} auth=${auth.label} ${encoding.label} ${type}`);
      expect(JSON.parse(a.text)).toEqual({ ok: true, v: 1 });
    }), { ...RUN, numRuns: 60 });
  }, 60_000);

  it('other methods and paths under /api get a JSON 404', async () => {
    const path = fc.oneof(
      fc.constantFrom('/api/v1/health', '/api/v1/enrol', '/api/v1/sync/push', '/api/v1/sync/pull'),
      fc.stringMatching(/^[a-zA-Z0-9._~-]{0,20}$/).map((x) => `/api/v1/${x}`),
      fc.constantFrom('/api/v1/health/', '/api/v1/sync', '/api/v2/sync/push', '/api/v1/sync/../enrol/x', '/api/v1/%2e%2e/secretary', '/api/v1/sync/push%00'),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
    await fc.assert(fc.asyncProperty(path, method, fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), auths(), encodings, async (p, m, qs, auth, encoding) => {
      const routed = (['/api/v1/health', '/api/v1/sync/pull'].includes(p) && m === 'GET')
        || (['/api/v1/enrol', '/api/v1/sync/push', '/api/v1/sync/pull'].includes(p) && m === 'POST')
        || /^\/api\/v1\/(health|enrol|sync\/(push|pull))$/.test(new URL(p, 'http://x').pathname) && ['GET', 'POST'].includes(m);
      fc.pre(!routed);
      const before = snapshot();
      const headers: Record<string, string> = {};
      if (encoding.header !== undefined) headers['Content-Encoding'] = encoding.header;
      if (auth.header !== undefined) headers.Authorization = auth.header;
      const a = await send(m, `${p}?${encodeURIComponent(qs)}`, headers, m === 'GET' || m === 'OPTIONS' ? undefined : enc('{}'));
      await refused('other method/path', a, before, `${m} ${p}?${encodeURIComponent(qs)} auth=${auth.label} ${encoding.label}`);
    }), { ...RUN, numRuns: 80 });
  }, 60_000);
});

describe('schema-valid pushes with odd record bodies never get a 5xx', () => {
  // The envelope leaves record bodies free-form (v.record(v.string(), v.unknown())); push then
  // checks each body against its table's schema (record-schemas.ts), which keeps unknown keys.
  // Odd values go either alone (refused by that schema) or over a complete duty (mostly stored).
  // Whatever they hold, the answer is 200 (each record acked or rejected) or a 4xx.
  const oddValue = fc.oneof(
    fc.jsonValue({ maxDepth: 6 }),
    fc.integer({ min: 1, max: 64 }).map((d) => JSON.parse(`${'['.repeat(d)}${']'.repeat(d)}`) as unknown),
    fc.constantFrom('\ud800', '\u0000', '\u2028', '﻿', 'x'.repeat(100_000), 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'dirty', 'id', 'rev', 'toJSON'), fc.jsonValue({ maxDepth: 2 })),
  );
  it('POST /api/v1/sync/push', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 10 }), oddValue, { maxKeys: 4 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.boolean(), async (extra, rev, complete) => {
      const id = `prop-odd-${n++}`;
      const record = { ...duty(id, rev), body: { ...(complete ? duty(id, rev).body : {}), ...extra, id } };
      const a = await send('POST', '/api/v1/sync/push', { 'Content-Type': 'application/json', Authorization: `Bearer ${own.token}` }, enc(JSON.stringify({ v: 1, teamId: own.teamId, records: [record] })));
      cases++;
      counts['odd body'] = (counts['odd body'] ?? 0) + 1;
      const where = `POST /api/v1/sync/push record body=${JSON.stringify(record.body).slice(0, 300)}`;
      expect(a.status, `${where}\n→ ${a.status} ${a.text.slice(0, 300)}`).toBeLessThan(500);
      if (a.status === 200) {
        const r = JSON.parse(a.text) as { acks: { id: string }[]; rejected: { id: string }[] };
        expect([...r.acks, ...r.rejected].map((x) => x.id), where).toEqual([id]);
        // What was stored comes back intact in a pull of the team's other phone.
        const row = s.db.prepare("SELECT body FROM records WHERE tbl = 'duties' AND id = ?").get(id) as { body: string } | undefined;
        if (r.acks.length) expect(row, where).toBeDefined();
      } else {
        expectJsonError(a, where);
      }
      expect((await send('GET', `/api/v1/sync/pull?v=1&since=0`, { Authorization: `Bearer ${other.token}` })).status).toBe(200);
    }), { ...RUN, numRuns: 80 });
  }, 60_000);

});

/*
 * Regressions: bugs the properties above found (a recursive walk over deeply nested input gave
 * a 500). Fixed in api.ts parse() and sync-store.ts push(); each keeps its exact input here.
 */
describe('deep nesting never reaches a recursive walk (was 500 server_error)', () => {
  const deepArray = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
  const post = (path: string, text: string, token?: string) => send('POST', path, {
    'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}),
  }, enc(text));
  const expectClean = async (a: Answer, before: string) => {
    expect(a.status, `${a.status} ${a.text}`).toBeGreaterThanOrEqual(400);
    expect(a.status, `${a.status} ${a.text}`).toBeLessThan(500);
    expect(snapshot()).toBe(before);
  };

  /*
   * src/server/api.ts parse(): `String((input as { v: unknown }).v)` on a `v` that is an
   * array nested 20 000 deep (Array.prototype.join recurses) throws RangeError → 500.
   * Inputs (any valid or invalid token; enrol needs none):
   *   POST /api/v1/enrol       {"v":[[[…20 000…]]],"code":"ZZZZZZZZ","nonce":"prop-nonce-0123456789"}
   *   POST /api/v1/sync/push   {"v":[[[…20 000…]]],"teamId":"<own>","records":[]}   (valid Bearer)
   *   POST /api/v1/sync/pull   {"v":[[[…20 000…]]],"since":0}                          (valid Bearer)
   * Expected: 400 unsupported_version or invalid_body.
   */
  it('POST /api/v1/enrol {"v":[[[…20 000 deep…]]], …} → 4xx', async () => {
    const before = snapshot();
    await expectClean(await post('/api/v1/enrol', `{"v":${deepArray(20_000)},"code":"ZZZZZZZZ","nonce":"prop-nonce-0123456789"}`), before);
  });
  it('POST /api/v1/sync/push {"v":[[[…20 000 deep…]]], …} → 4xx', async () => {
    const before = snapshot();
    await expectClean(await post('/api/v1/sync/push', `{"v":${deepArray(20_000)},"teamId":${JSON.stringify(own.teamId)},"records":[]}`, own.token), before);
  });
  it('POST /api/v1/sync/pull {"v":[[[…20 000 deep…]]],"since":0} → 4xx', async () => {
    const before = snapshot();
    await expectClean(await post('/api/v1/sync/pull', `{"v":${deepArray(20_000)},"since":0}`, own.token), before);
  });

  /*
   * src/server/sync-store.ts push(): a record body is free-form (v.record(v.string(),
   * v.unknown())), so one nested 20 000 deep is schema-valid; JSON.stringify(body) throws
   * RangeError inside the group commit → 500 (and an "api error" log line).
   * Input: POST /api/v1/sync/push, valid Bearer,
   *   {"v":1,"teamId":"<own>","records":[{"table":"duties","id":"prop-deep","rev":1,"updatedAt":1002,
   *    "deleted":false,"body":{"id":"prop-deep","x":[[[…20 000…]]]}}]}
   * Expected: 400 invalid_body, or 200 with the record in `rejected`; never 500.
   */
  it('POST /api/v1/sync/push with a record body nested 20 000 deep → not a 5xx', async () => {
    const rec = JSON.stringify({ ...duty('prop-deep', 1), body: { ...duty('prop-deep', 1).body, x: 0 } }).replace('"x":0', `"x":${deepArray(20_000)}`);
    const before = snapshot();
    const a = await post('/api/v1/sync/push', `{"v":1,"teamId":${JSON.stringify(own.teamId)},"records":[${rec}]}`, own.token);
    expect(a.status, `${a.status} ${a.text}`).toBeLessThan(500);
    expect(snapshot()).toBe(before);
  });
});
