/**
 * Regressions: bugs the properties of properties.test.ts found (a recursive walk over deeply
 * nested input gave a 500). Fixed in api.ts parse() and sync-store.ts push(); each keeps its
 * exact input here.
 */
import { describe, expect, it } from 'vitest';
import { duty } from './helpers';
import { own, send, snapshot, useApiServer, type Answer } from './props-api-harness';
import { enc } from './props-api-inputs';

useApiServer();

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
