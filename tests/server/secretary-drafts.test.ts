/**
 * An expired session keeps the typed work: a form posted into it is held on the server for
 * 30 minutes under a cookie of that browser, and after signing in again the same page shows
 * it filled in, not saved. Real server, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTeamData } from '../fixtures/generate';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { getRubric } from '../../src/server/secretary/rubric';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { dbSnapshot, ownPassword, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let team: TeamRow;
let reportId = '';
const pw: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, b.id, '甲班', s.clock.now);
  seedTeam(s.db, team, generateTeamData({ seed: 5, months: 2, workers: 8, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03', reportMonths: 1 });
  reportId = (s.db.prepare("SELECT id FROM records WHERE tbl = 'reports'").get() as { id: string }).id;
  for (const u of ['sec-a', 'sec-a2']) pw[u] = ownPassword(s.db, createSecretary(s.db, b.id, u, s.clock.now), s.clock.now);
});
afterAll(() => s.stop());

/** A browser's cookie jar, enough for these pages. */
class Browser {
  jar = new Map<string, string>();
  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async fetch(path: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${s.url}${path}`, { ...init, redirect: 'manual', headers: { cookie: this.cookie, ...init.headers } });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [k, v] = pair!.split('=') as [string, string];
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || v === '') this.jar.delete(k);
      else this.jar.set(k, v);
    }
    return res;
  }
  async signIn(username: string) {
    const form = await this.fetch('/secretary/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    return this.fetch('/secretary/login', { method: 'POST', body: new URLSearchParams({ _csrf: token, username, password: pw[username]! }) });
  }
}

function reviewForm(csrf: string, feedback: string): URLSearchParams {
  const body = new URLSearchParams({ _csrf: csrf, feedback });
  for (const i of getRubric(s.db, team.branch_id)) body.append(`item-${i.id}`, '7');
  return body;
}

/** Every session ends, as 12 hours would end it; the rows stay (as they do for a day). */
const expire = () => void s.db.prepare('UPDATE sessions SET expires_at = ?').run(s.clock.now - 1);

describe('a review typed into an expired session', () => {
  it('gets a zh-CN 401 page with a sign-in link, is not saved, and is filled in after signing in again', async () => {
    const b = new Browser();
    expect((await b.signIn('sec-a')).status).toBe(303);
    const page = await (await b.fetch(`/secretary/report/${reportId}`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expire();
    const before = dbSnapshot(s);
    const res = await b.fetch(`/secretary/report/${reportId}/review`, { method: 'POST', body: reviewForm(csrf, '十月隐患销号及时，下月加强班前会。') });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('href="/secretary/login"');
    expect(text).toContain('暂存 30 分钟');
    expect(dbSnapshot(s)).toBe(before);
    expect(b.jar.has('xzw_draft')).toBe(true);

    const again = await b.signIn('sec-a');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/secretary/report/${reportId}`);
    const back = await (await b.fetch(`/secretary/report/${reportId}`)).text();
    expect(back).toContain('十月隐患销号及时，下月加强班前会。</textarea>');
    expect(back).toContain('已恢复登录过期前填写的内容');
    for (const i of getRubric(s.db, team.branch_id)) expect(back).toContain(`name="item-${i.id}" min="0" max="${i.points}" step="0.5" value="7"`);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM reviews').get()).toEqual({ n: 0 });
    // Shown once: a reload shows the stored state again.
    expect(await (await b.fetch(`/secretary/report/${reportId}`)).text()).not.toContain('十月隐患销号及时');
  });

  it('the session cookie outlives the session, so a browser still sends it after the 12 hours', async () => {
    const b = new Browser();
    const res = await b.signIn('sec-a');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('xzw_sec='))!;
    expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBeGreaterThan(12 * 3600);
    s.clock.now += 12 * 3600_000 + 60_000; // the session itself has ended
    expect((await b.fetch('/secretary/')).headers.get('location')).toBe('/secretary/login');
  });

  it('a rubric typed into an expired session comes back with every row', async () => {
    const b = new Browser();
    await b.signIn('sec-a');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.fetch('/secretary/rubric')).text())![1]!;
    expire();
    const body = new URLSearchParams({ _csrf: csrf, branch: team.branch_id });
    for (const [name, points] of [['日跟班新项目', '40'], ['周帮扶新项目', '60']]) {
      body.append('id', `item-${name}`);
      body.append('name', name!);
      body.append('points', points!);
      body.append('basis', 'manual');
    }
    expect((await b.fetch('/secretary/rubric', { method: 'POST', body })).status).toBe(401);
    expect((await b.signIn('sec-a')).headers.get('location')).toBe('/secretary/rubric');
    const page = await (await b.fetch('/secretary/rubric')).text();
    expect(page).toContain('value="日跟班新项目"');
    expect(page).toContain('value="周帮扶新项目"');
    expect(page).toContain('已恢复登录过期前填写的内容');
  });

  it('belongs to the account of the expired session: another account signing in on that browser does not get it', async () => {
    const b = new Browser();
    await b.signIn('sec-a');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.fetch(`/secretary/report/${reportId}`)).text())![1]!;
    expire();
    expect((await b.fetch(`/secretary/report/${reportId}/review`, { method: 'POST', body: reviewForm(csrf, '甲的草稿') })).status).toBe(401);
    const other = await b.signIn('sec-a2');
    expect(other.headers.get('location')).toBe('/secretary/');
    expect(await (await b.fetch(`/secretary/report/${reportId}`)).text()).not.toContain('甲的草稿');
  });

  it('is forgotten after 30 minutes', async () => {
    const b = new Browser();
    await b.signIn('sec-a');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.fetch(`/secretary/report/${reportId}`)).text())![1]!;
    expire();
    await b.fetch(`/secretary/report/${reportId}/review`, { method: 'POST', body: reviewForm(csrf, '过期的草稿') });
    s.clock.now += 31 * 60_000;
    expect((await b.signIn('sec-a')).headers.get('location')).toBe('/secretary/');
    expect(await (await b.fetch(`/secretary/report/${reportId}`)).text()).not.toContain('过期的草稿');
  });

  it('keeps nothing for a request that never had a session, or that comes from another site', async () => {
    const bare = await fetch(`${s.url}/secretary/report/${reportId}/review`, { method: 'POST', body: reviewForm('x', '无会话') });
    expect(bare.status).toBe(401);
    expect(bare.headers.getSetCookie().some((c) => c.startsWith('xzw_draft='))).toBe(false);
    const b = new Browser();
    await b.signIn('sec-a');
    expire();
    const forged = await b.fetch(`/secretary/report/${reportId}/review`, { method: 'POST', body: reviewForm('x', '伪造'), headers: { Origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect(b.jar.has('xzw_draft')).toBe(false);
  });

  it('a roster typed into an expired session comes back on the 班组配置 page', async () => {
    const b = new Browser();
    await b.signIn('sec-a');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.fetch(`/secretary/team/${team.id}/config`)).text())![1]!;
    expire();
    await b.fetch(`/secretary/team/${team.id}/config`, { method: 'POST', body: new URLSearchParams({ _csrf: csrf, what: 'roster', text: '张建国 支架工 党员\n新来的王师傅' }) });
    expect((await b.signIn('sec-a')).headers.get('location')).toBe(`/secretary/team/${team.id}/config`);
    const page = await (await b.fetch(`/secretary/team/${team.id}/config`)).text();
    expect(page).toContain('新来的王师傅</textarea>');
    expect(page).toContain('已恢复登录过期前填写的内容');
  });

  it('a branch-wide list typed into an expired session comes back on the 支部设置 page', async () => {
    const b = new Browser();
    await b.signIn('sec-a');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.fetch('/secretary/branch-config')).text())![1]!;
    expire();
    const res = await b.fetch('/secretary/branch-config', { method: 'POST', body: new URLSearchParams({ _csrf: csrf, what: 'checklist', text: '班前会\n手指口述安全确认' }) });
    expect(res.status).toBe(401);
    expect((await b.signIn('sec-a')).headers.get('location')).toBe('/secretary/branch-config');
    const page = await (await b.fetch('/secretary/branch-config')).text();
    expect(page).toContain('班前会\n手指口述安全确认</textarea>');
    expect(page).toContain('已恢复登录过期前填写的内容');
    expect(s.db.prepare("SELECT 1 FROM config WHERE key = 'checklist'").get()).toBeUndefined();
  });
});

