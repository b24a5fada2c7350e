import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTeam, postJson, startTestServer, type TestServer } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const tryCode = (code: string) => postJson(`${s.url}/api/v1/enrol`, { v: 1, code, nonce: 'guesser-0123456789' });

describe('enrolment guessing', () => {
  it('slows an address down after 30 wrong codes, for 10 minutes', async () => {
    const t = makeTeam(s);
    for (let i = 0; i < 30; i++) expect((await tryCode('ZZZZZZZZ')).status).toBe(404);
    const blocked = await tryCode(t.code);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: 'rate_limited' });
    s.clock.now += 10 * 60_000;
    expect((await tryCode(t.code)).status).toBe(200);
  });
});
