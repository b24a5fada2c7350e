/**
 * The team's code page (routes-codes.ts): reloading it makes no code, a new code is a POST
 * shown once after the redirect, the list shows live codes masked with their expiry in
 * China time, 作废 stops a code, and without PUBLIC_URL a request from this machine is
 * warned that phones cannot open a 127.0.0.1 link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolCodeHash } from '../../src/server/code-key';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { postJson, signIn, startTestServer, type TestServer, ownPassword } from './helpers';

let s: TestServer;
let team: TeamRow;
let h: { cookie: string };
let csrf: string;
const saved = process.env.PUBLIC_URL;

beforeAll(async () => {
  delete process.env.PUBLIC_URL;
  s = await startTestServer();
  const branch = createBranch(s.db, '支部', s.clock.now);
  team = createTeam(s.db, branch.id, '综采一队甲班', s.clock.now);
  const password = ownPassword(s.db, createSecretary(s.db, branch.id, 'sec-codes', s.clock.now), s.clock.now);
  const signed = await signIn(s.url, 'sec-codes', password);
  h = { cookie: signed.cookie };
  csrf = signed.csrf;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = saved;
  await s.stop();
});

const codes = () => (s.db.prepare('SELECT COUNT(*) AS n FROM enrolment_codes WHERE team_id = ?').get(team.id) as { n: number }).n;
const get = async (path: string) => (await fetch(`${s.url}${path}`, { headers: h })).text();
const post = (path: string) => fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams({ _csrf: csrf }) });

describe('the team code page', () => {
  it('reloading the page makes no code; a POST makes one, shown once, then listed masked with its expiry', async () => {
    const before = codes();
    for (let i = 0; i < 3; i++) expect(await get(`/secretary/team/${team.id}/code`)).not.toContain('data-testid="enrol-code"');
    expect(codes()).toBe(before);

    const made = await post(`/secretary/team/${team.id}/code`);
    expect(made.status).toBe(303);
    const where = made.headers.get('location')!;
    const first = await get(where);
    const code = /data-testid="enrol-code">([2-9A-Z]{8})</.exec(first)![1]!;
    expect(first).toContain(`/enrol?code=${code}`);
    expect(first).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,/);
    // 2026-11-01 08:00 UTC + 24 h is 2026-11-02 16:00 in China.
    expect(first).toContain('2026/11/02 16:00');

    const again = await get(where); // the reload of the page after the redirect
    expect(again).not.toContain(code);
    expect(again).toContain(`******${code.slice(-2)}`);
    expect(codes()).toBe(before + 1);
  });

  it('作废 stops a live code: the phone is told it expired, the list no longer shows it', async () => {
    const where = (await post(`/secretary/team/${team.id}/code`)).headers.get('location')!;
    const code = /data-testid="enrol-code">([2-9A-Z]{8})</.exec(await get(where))![1]!;
    const hash = enrolCodeHash(s.db, code);
    expect(await get(`/secretary/team/${team.id}/code`)).toContain(`/code/${hash}/revoke`);
    const revoked = await post(`/secretary/team/${team.id}/code/${hash}/revoke`);
    expect(revoked.status).toBe(303);
    expect(await get(`/secretary/team/${team.id}/code`)).not.toContain(hash);
    const enrol = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code, nonce: 'nonce-revoked-0123456789' });
    expect(enrol.status).toBe(410);
    const row = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'revoke_code' ORDER BY id DESC").get() as { detail: string };
    expect(row.detail).toBe(`******${code.slice(-2)}`);
  });

  it('warns in zh-CN that a 127.0.0.1 link does not work on phones when PUBLIC_URL is unset; not when it is set', async () => {
    expect(await get(`/secretary/team/${team.id}/code`)).toMatch(/data-testid="loopback-warning"[^]*127\.0\.0\.1[^]*PUBLIC_URL=/);
    process.env.PUBLIC_URL = 'https://xzw.example';
    try {
      const where = (await post(`/secretary/team/${team.id}/code`)).headers.get('location')!;
      const shown = await get(where);
      expect(shown).not.toContain('loopback-warning');
      expect(shown).toMatch(/https:\/\/xzw\.example\/enrol\?code=[2-9A-Z]{8}/);
    } finally {
      delete process.env.PUBLIC_URL;
    }
  });

  it('records a phone enrolment in the audit log, without an account', async () => {
    const where = (await post(`/secretary/team/${team.id}/code`)).headers.get('location')!;
    const code = /data-testid="enrol-code">([2-9A-Z]{8})</.exec(await get(where))![1]!;
    const res = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code, nonce: 'nonce-audit-0123456789', deviceName: '红米手机' });
    expect(res.status).toBe(200);
    const row = s.db.prepare("SELECT secretary_id, team_id, detail FROM audit_log WHERE action = 'enrol_device' ORDER BY id DESC").get() as
      { secretary_id: string | null; team_id: string; detail: string };
    expect(row).toMatchObject({ secretary_id: null, team_id: team.id });
    expect(JSON.parse(row.detail)).toMatchObject({ name: '红米手机', again: false });
  });
});
