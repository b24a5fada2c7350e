/**
 * Sign-in that cannot be used to lock people out, behind a reverse proxy (TRUST_PROXY) and
 * without, and that no other site can submit. Real server, real SQLite; the limiter's waits
 * are recorded by the test server instead of slept (helpers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedHops } from '../../src/server/client-address';
import { createBranch, createSecretary } from '../../src/server/store';
import { loginForm, ownPassword, postLogin, startTestServer, type TestServer } from './helpers';

const sessions = (s: TestServer) => (s.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

describe('behind a proxy, with TRUST_PROXY=1', () => {
  let s: TestServer;
  let pw = '';
  beforeAll(async () => {
    s = await startTestServer({ trustProxy: 1 });
    const b = createBranch(s.db, '综采一队党支部', s.clock.now);
    pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec-a', s.clock.now), s.clock.now);
  });
  afterAll(() => s.stop());
  // Every request comes from the proxy (127.0.0.1); the proxy appends the client's address on the right.
  const via = (client: string, forged = '') => ({ 'X-Forwarded-For': forged ? `${forged}, ${client}` : client });

  it('twenty anonymous failures from one client do not stop the right password from another', async () => {
    for (let i = 0; i < 20; i++) {
      // The attacker writes the owner's address on the left: only the proxy's entry counts.
      const res = await postLogin(s.url, 'sec-a', `guess-${i}`, via('203.0.113.9', '198.51.100.7'));
      expect(res.status, `attempt ${i}`).toBe(i < 5 ? 401 : 429);
    }
    const waitsBefore = s.waits.length;
    const owner = await postLogin(s.url, 'sec-a', pw, via('198.51.100.7'));
    expect(owner.status).toBe(303);
    expect(owner.headers.get('location')).toBe('/secretary/');
    // The guessing client stays refused, even with the right password.
    expect((await postLogin(s.url, 'sec-a', pw, via('203.0.113.9'))).status).toBe(429);
    expect(s.waits.length).toBe(waitsBefore + 1); // the owner waited once (the account had failures), was not refused
  });

  it('failures spread over twenty clients slow the account down but never refuse a client that has not failed', async () => {
    s.waits.length = 0;
    for (let i = 0; i < 20; i++) expect((await postLogin(s.url, 'sec-a', `spread-${i}`, via(`192.0.2.${i + 1}`))).status).toBe(401);
    // Each further attempt on the account waits longer, up to a ceiling.
    expect(s.waits.length).toBeGreaterThan(10);
    expect(s.waits.slice(1).every((w, i) => w >= s.waits[i]!)).toBe(true);
    expect(Math.max(...s.waits)).toBeLessThanOrEqual(8000);
    const owner = await postLogin(s.url, 'sec-a', pw, via('198.51.100.8'));
    expect(owner.status).toBe(303);
    // Her success from a clean client cleared the account's count: the next sign-in does not wait.
    const n = s.waits.length;
    expect((await postLogin(s.url, 'sec-a', pw, via('198.51.100.8'))).status).toBe(303);
    expect(s.waits.length).toBe(n);
  });

  it('every failure is in the audit log with the client address, unknown names included', async () => {
    expect((await postLogin(s.url, 'nobody-here', 'whatever-1', via('192.0.2.200'))).status).toBe(401);
    const rows = s.db.prepare("SELECT secretary_id, detail FROM audit_log WHERE action = 'login_failed' ORDER BY id").all() as
      { secretary_id: string | null; detail: string }[];
    expect(rows.length).toBe(5 + 20 + 1); // the refused (429) attempts were never checked
    expect(rows.filter((r) => r.detail.includes('203.0.113.9')).length).toBe(5);
    expect(rows.at(-1)).toEqual({ secretary_id: null, detail: '未知账号 nobody-here 来自 192.0.2.200' });
  });
});

describe('without TRUST_PROXY', () => {
  let s: TestServer;
  let pw = '';
  beforeAll(async () => {
    s = await startTestServer();
    const b = createBranch(s.db, '综采一队党支部', s.clock.now);
    pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec-a', s.clock.now), s.clock.now);
  });
  afterAll(() => s.stop());

  it('ignores X-Forwarded-For: a client cannot dodge its own count by writing a new address', async () => {
    for (let i = 0; i < 5; i++) expect((await postLogin(s.url, 'sec-a', `guess-${i}`, { 'X-Forwarded-For': `10.0.0.${i}` })).status).toBe(401);
    expect((await postLogin(s.url, 'sec-a', pw, { 'X-Forwarded-For': '10.9.9.9' })).status).toBe(429);
    s.clock.now += 16 * 60_000; // the window passes
    expect((await postLogin(s.url, 'sec-a', pw)).status).toBe(303);
  });

  it('TRUST_PROXY takes 0–10 or true/false and refuses anything else', () => {
    expect([undefined, '', '0', 'false', 'off'].map(trustedHops)).toEqual([0, 0, 0, 0, 0]);
    expect([trustedHops('true'), trustedHops('1'), trustedHops('2')]).toEqual([1, 1, 2]);
    expect(() => trustedHops('proxy')).toThrow(/TRUST_PROXY/);
  });
});

describe('a sign-in no other site can submit', () => {
  let s: TestServer;
  let pw = '';
  beforeAll(async () => {
    s = await startTestServer();
    const b = createBranch(s.db, '乙矿党支部', s.clock.now);
    pw = ownPassword(s.db, createSecretary(s.db, b.id, 'attacker', s.clock.now), s.clock.now);
  });
  afterAll(() => s.stop());

  it("refuses a forged sign-in into the attacker's account from another origin, and opens no session", async () => {
    const before = sessions(s);
    const forged: Record<string, string>[] = [
      { Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' },
      // Our own pages send "Origin: null" (no-referrer): Sec-Fetch-Site decides.
      { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }, { Origin: `http://${new URL(s.url).host}`, 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of forged) {
      const res = await postLogin(s.url, 'attacker', pw, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('xzw_sec=')), JSON.stringify(headers)).toBe(false);
      expect(await res.text()).toContain('不是从本站页面提交的');
    }
    expect(sessions(s)).toBe(before);
  });

  it('refuses a form without the token of its own pre-session cookie (a page of another site has neither)', async () => {
    const before = sessions(s);
    const bare = await fetch(`${s.url}/secretary/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'attacker', password: pw }) });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('登录页已过期');
    // The attacker's own valid pair does not help: the victim's browser sends its own cookie.
    const mine = await loginForm(s.url);
    const victim = await loginForm(s.url);
    const crossed = await fetch(`${s.url}/secretary/login`, {
      method: 'POST', redirect: 'manual', headers: { cookie: victim.cookie }, body: new URLSearchParams({ _csrf: mine.token, username: 'attacker', password: pw }),
    });
    expect(crossed.status).toBe(403);
    expect(sessions(s)).toBe(before);
  });

  it('accepts the same form from our own origin', async () => {
    const host = new URL(s.url).host;
    const res = await postLogin(s.url, 'attacker', pw, { Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).toBe(303);
  });

  it('refuses every other form of /secretary from another origin, even with a valid session and token', async () => {
    const form = await loginForm(s.url);
    const res = await fetch(`${s.url}/secretary/login`, {
      method: 'POST', redirect: 'manual', headers: { cookie: form.cookie }, body: new URLSearchParams({ _csrf: form.token, username: 'attacker', password: pw }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('xzw_sec='))!.split(';')[0]!;
    const page = await (await fetch(`${s.url}/secretary/`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const forged = await fetch(`${s.url}/secretary/teams`, {
      method: 'POST', redirect: 'manual', headers: { cookie, Origin: 'https://evil.example' }, body: new URLSearchParams({ _csrf: csrf, name: '伪造班组' }),
    });
    expect(forged.status).toBe(403);
    expect(s.db.prepare("SELECT COUNT(*) AS n FROM teams WHERE name = '伪造班组'").get()).toEqual({ n: 0 });
  });
});
