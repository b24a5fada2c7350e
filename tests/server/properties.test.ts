/**
 * Property-based tests (fast-check, fixed seed) on every phone-facing route:
 * POST /api/v1/enrol, POST /api/v1/sync/push, GET and POST /api/v1/sync/pull,
 * GET /api/v1/health. Random, malformed, oversized, deeply nested and wrong-typed bodies,
 * with bad headers (wrong Content-Type, bogus Content-Encoding, garbage gzip, missing or
 * garbage Bearer tokens). Every refused request must be a 4xx (never a 5xx) with a JSON
 * body {error, message} and no stack trace or file path, must change no row of any
 * table, and the server must answer /health afterwards.
 * Seed: PROP_SEED (default below); the number of cases run is printed at the end.
 * The harness is props-api-harness.ts, the inputs props-api-inputs.ts; the regressions the
 * properties found are in properties-deep-nesting.test.ts.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, PullQuerySchema, PullRequestSchema, PushRequestSchema } from '../../src/domain/sync-protocol';
import { duty } from './helpers';
import { answeredOk, count, expectJsonError, other, own, refused, RUN, s, send, snapshot, summary, useApiServer, usedCode } from './props-api-harness';
import {
  auths, contentTypes, describeBody, enc, encodings, garbageBytes, garbageText, mutate, oversized, parsesTo, withDeep,
} from './props-api-inputs';

useApiServer();
afterAll(() => {
  console.log(summary());
});

/* ------------------------------------------------------------------ properties */

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
      count('odd body');
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
