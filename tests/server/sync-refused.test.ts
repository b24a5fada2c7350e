/** Sync endpoint: every refused push or pull is a JSON 4xx that stores nothing. */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../src/server/store';
import { countRecords, duty, enrol, makeTeam, postJson, testId } from './helpers';
import { pull, s, useSyncServer } from './sync-harness';

useSyncServer();

describe('refused requests store nothing', () => {
  let token = '';
  let teamId = '';
  beforeAll(async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    token = dev.token;
    teamId = dev.teamId;
  });

  const cases: [string, () => Promise<Response>, number, string][] = [
    ['malformed JSON', () => postJson(`${s.url}/api/v1/sync/push`, '{"v":1,', token), 400, 'invalid_json'],
    ['unknown table', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: [{ ...duty(testId(), 1), table: 'secrets' }] }, token), 400, 'invalid_body'],
    ['rev 0', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: [duty(testId(), 0)] }, token), 400, 'invalid_body'],
    ['extra field', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: [duty(testId(), 1)], admin: true }, token), 400, 'invalid_body'],
    ['unknown version', () => postJson(`${s.url}/api/v1/sync/push`, { v: 2, teamId, records: [duty(testId(), 1)] }, token), 400, 'unsupported_version'],
    ['wrong team', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: 'someoneelse', records: [duty(testId(), 1)] }, token), 403, 'wrong_team'],
    ['no token', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: [duty(testId(), 1)] }), 401, 'unauthorized'],
    ['unknown token', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: [duty(testId(), 1)] }, 'x'.repeat(43)), 401, 'unauthorized'],
    ['oversized', () => postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: [duty(testId(), 1, 'x'.repeat(1_100_000))] }, token), 413, 'too_large'],
    ['gzip bomb', () => postJson(`${s.url}/api/v1/sync/push`,
      new Uint8Array(gzipSync(JSON.stringify({ v: 1, teamId, records: [duty(testId(), 1, ' '.repeat(2_000_000))] }))), token,
      { 'Content-Encoding': 'gzip' }), 413, 'too_large'],
    ['unknown encoding', () => postJson(`${s.url}/api/v1/sync/push`, '{}', token, { 'Content-Encoding': 'br' }), 415, 'unsupported_encoding'],
  ];

  it.each(cases)('%s', async (_name, send, status, error) => {
    const before = countRecords(s);
    const res = await send();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe(error);
    expect(body.message.length).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(countRecords(s)).toBe(before);
  });

  it('an oversized body without Content-Length (chunked) is cut off at 1 MiB and answered 413', async () => {
    const before = countRecords(s);
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 40) ctrl.enqueue(chunk); // 2.5 MiB in all
        else ctrl.close();
      },
    });
    const res = await fetch(`${s.url}/api/v1/sync/push`, {
      method: 'POST', body, duplex: 'half',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
    expect(countRecords(s)).toBe(before);
  });

  it('a revoked device gets 401 revoked on push and pull', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    revokeDevice(s.db, dev.deviceId, s.clock.now);
    const before = countRecords(s);
    const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: dev.teamId, records: [duty(testId(), 1)] }, dev.token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'revoked', message: expect.stringContaining('停用') });
    expect((await pull(dev.token, 0)).status).toBe(401);
    expect(countRecords(s)).toBe(before);
  });

  it('validates the pull query', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const res = await fetch(`${s.url}/api/v1/sync/pull?v=1&since=-4`, { headers: { Authorization: `Bearer ${dev.token}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_body', issues: [expect.objectContaining({ path: 'since' })] });
  });
});
