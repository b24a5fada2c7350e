import { connect, type Socket } from 'node:net';
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

/** An enrol request written whole but its last byte; `finish()` sends it. Resolves with the status line's code. */
function heldBack(port: number, code: string, i: number): { status: Promise<number>; finish(): void; socket: Socket } {
  const body = JSON.stringify({ v: 1, code, nonce: `racer-${i}-0123456789` });
  const head = `POST /api/v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let text = '';
  const status = new Promise<number>((ok, fail) => {
    socket.on('data', (d) => {
      text += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (m) {
        ok(Number(m[1]));
        socket.destroy();
      }
    });
    socket.on('error', fail);
  });
  socket.write(head + body.slice(0, -1));
  return { status, socket, finish: () => socket.write(body.slice(-1)) };
}

describe('enrolment guessing with concurrent requests', () => {
  it('100 sockets that hold back their last byte get at most 30 guesses', async () => {
    s.clock.now += 60 * 60_000; // a fresh window for this address
    const racers = Array.from({ length: 100 }, (_, i) => heldBack(s.port, 'ZZZZZZZZ', i));
    const answered: number[] = [];
    racers.forEach((r, i) => void r.status.then(() => answered.push(i), () => undefined));
    // The attempts past the limit are answered before their body is complete. Wait for
    // those 70 answers (or give up after a while: then every request is finished below,
    // and a limiter counted after the body lets them all guess, which the test reports).
    for (let waited = 0; answered.length < 70 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    for (const [i, r] of racers.entries()) if (!answered.includes(i)) r.finish();
    const statuses = await Promise.all(racers.map((r) => r.status));
    const guesses = statuses.filter((x) => x === 404).length;
    expect(statuses.filter((x) => x !== 404 && x !== 429)).toEqual([]);
    expect(guesses).toBe(30);
    expect(statuses.filter((x) => x === 429)).toHaveLength(70);
  });
});

describe('enrolment guessing behind a reverse proxy (TRUST_PROXY=1)', () => {
  let p: TestServer;
  beforeAll(async () => {
    p = await startTestServer({ trustProxy: 1 });
  });
  afterAll(async () => {
    await p.stop();
  });
  const viaProxy = (code: string, client: string) =>
    postJson(`${p.url}/api/v1/enrol`, { v: 1, code, nonce: `phone-${client}-0123456789` }, undefined, { 'X-Forwarded-For': client });

  it('counts per client the proxy names: a guesser is stopped, a phone behind the same proxy still enrols', async () => {
    const t = makeTeam(p);
    for (let i = 0; i < 30; i++) expect((await viaProxy('ZZZZZZZZ', '203.0.113.7')).status).toBe(404);
    expect((await viaProxy('ZZZZZZZZ', '203.0.113.7')).status).toBe(429);
    // A forged left-hand entry does not move the guesser to a fresh bucket.
    expect((await viaProxy('ZZZZZZZZ', '198.51.100.1, 203.0.113.7')).status).toBe(429);
    expect((await viaProxy(t.code, '198.51.100.20')).status).toBe(200);
  });
});
