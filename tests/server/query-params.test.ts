/** Month and day parameters out of range get a zh-CN 400 page on every route that takes one, not the current month. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { signIn, startTestServer, type TestServer, ownPassword } from './helpers';

let s: TestServer;
let team: TeamRow;
let h: { cookie: string };

beforeAll(async () => {
  s = await startTestServer();
  const branch = createBranch(s.db, '支部', s.clock.now);
  team = createTeam(s.db, branch.id, '甲班', s.clock.now);
  const password = ownPassword(s.db, createSecretary(s.db, branch.id, 'sec-params', s.clock.now), s.clock.now);
  h = { cookie: (await signIn(s.url, 'sec-params', password)).cookie };
});
afterAll(async () => {
  await s.stop();
});

const routes = () => [
  (m: string) => `/secretary/?month=${m}`,
  (m: string) => `/secretary/team/${team.id}?month=${m}`,
  (m: string) => `/secretary/print?team=${team.id}&month=${m}`,
  (m: string) => `/secretary/exports?month=${m}`,
  (m: string) => `/secretary/export/branch.xlsx?month=${m}`,
  (m: string) => `/secretary/export/report.docx?team=${team.id}&month=${m}`,
];

describe('month parameters', () => {
  it.each(['2026-13', 'abc', '2026-00', '1999-12', '2026-1', '2026-11%3Cscript%3E'])('?month=%s is a zh-CN 400 page on every route', async (month) => {
    for (const route of routes()) {
      const res = await fetch(`${s.url}${route(month)}`, { headers: h });
      const text = await res.text();
      expect(res.status, route(month)).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(text, route(month)).toMatch(/<h1>请求有误<\/h1>[^]*月份「[^」]*」无效/);
      expect(text).not.toContain('<script>');
    }
  });

  it('a valid month, or none, still works', async () => {
    for (const route of routes()) {
      for (const month of ['2026-10', '']) expect((await fetch(`${s.url}${route(month)}`, { headers: h })).status, route(month)).toBe(200);
    }
  });

  it('?day= that is not a date is a 400 on the team page', async () => {
    const res = await fetch(`${s.url}/secretary/team/${team.id}?day=2026-02-30`, { headers: h });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('日期「2026-02-30」无效');
    expect((await fetch(`${s.url}/secretary/team/${team.id}?day=2026-10-02`, { headers: h })).status).toBe(200);
  });
});
