/**
 * Regressions: what the properties of properties-secretary.test.ts found, each with its exact input.
 */
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { getRubric } from '../../src/server/secretary/rubric';
import { dbSnapshot } from './helpers';
import { LOGIN_LIMIT, reportId, s, secA, team, useSecretaryServer } from './props-secretary-harness';

useSecretaryServer();

describe('regressions', () => {
  /*
   * src/server/secretary/index.ts and auth.ts: a multipart body without a (or with a wrong)
   * boundary made undici's formData() throw inside parseBody → 500 "Internal Server Error",
   * on the open sign-in form and on every form behind a session. Now 400 with a zh-CN text.
   */
  it('multipart without a boundary: 400, not 500 (sign-in and a signed-in form)', async () => {
    const before = dbSnapshot(s);
    const login = await fetch(`${s.url}/secretary/login`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'username=sec-a' });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('提交的内容无法读取');
    const rubric = await fetch(`${s.url}/secretary/rubric`, {
      method: 'POST', headers: { cookie: secA.cookie, 'Content-Type': 'multipart/form-data; boundary=x' }, body: `_csrf=${secA.csrf}`,
    });
    expect(rubric.status).toBe(400);
    expect(await rubric.text()).toContain('提交的内容无法读取');
    expect(dbSnapshot(s)).toBe(before);
  });

  /* src/server/secretary/index.ts: the sign-in form had no body limit (the rest of /secretary had 256 KB). */
  it('an oversized sign-in form is refused with 413 before it is read', async () => {
    const res = await fetch(`${s.url}/secretary/login`, { method: 'POST', body: new URLSearchParams({ username: 'x', password: 'y'.repeat(LOGIN_LIMIT) }) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('提交的内容过大');
  });

  /*
   * src/server/secretary/index.ts: the 413 of a form over 256 KB said "Connection: keep-alive",
   * but the unread body ends the connection: the client's next form on it failed ("socket hang
   * up" / "other side closed"). Input: POST /secretary/rubric with 300 000 bytes, then 10 bytes,
   * on one keep-alive socket. Now the 413 says "Connection: close" (as /api/v1 does).
   */
  it('a 413 closes the connection it announces, so the next form gets an answer', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (path: string, size: number) => new Promise<string>((ok) => {
      const req = request(`${s.url}${path}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': size } }, (res) => {
        res.resume();
        res.on('end', () => ok(`${res.statusCode} ${res.headers.connection}`));
      });
      req.on('error', (e) => ok(`error ${e.message}`));
      req.end(Buffer.alloc(size, 0x61));
    });
    try {
      expect(await post('/secretary/rubric', 300_000)).toBe('413 close');
      expect(await post('/secretary/rubric', 10)).toBe('401 keep-alive');
      expect(await post('/secretary/login', 20_000)).toBe('413 close');
      // A sign-in without the form's token is refused (403) after it is read: the socket stays usable.
      expect(await post('/secretary/login', 10)).toBe('403 keep-alive');
    } finally {
      agent.destroy();
    }
  });

  /* src/server/secretary/routes-manage.ts: a forged `what` gave a 400 page that showed no error at all. */
  it('an unknown configuration item is named on the page it gets back', async () => {
    const res = await fetch(`${s.url}/secretary/team/${team.id}/config`, {
      method: 'POST', headers: { cookie: secA.cookie }, body: new URLSearchParams({ _csrf: secA.csrf, what: 'secrets', text: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert"><ul><li>未知的配置项/);
  });

  /*
   * src/server/secretary/rubric-page.ts, rubric.ts: an empty row of the rubric form had the id
   * item-<row>, which a kept item may already have after a row above it was removed: the saved
   * rubric had two items with one id, the scoring form two fields of one name, and every score
   * was refused ("请填写得分") for good. Steps: fill rows 5 and 6 (item-4, item-5), clear row 1,
   * then fill row 6 again (offered as item-5).
   */
  it('the rubric form never offers an id twice; a posted duplicate is refused', async () => {
    const rubricForm = async () => {
      const page = await (await fetch(`${s.url}/secretary/rubric`, { headers: { cookie: secA.cookie } })).text();
      const col = (re: RegExp) => [...page.matchAll(re)].map((m) => m[1]!);
      const ids = col(/name="id" value="([^"]*)"/g);
      const names = col(/name="name" aria-label="[^"]*" value="([^"]*)"/g);
      const points = col(/name="points" aria-label="[^"]*" value="([^"]*)"/g);
      const basis = col(/<select name="basis"[^>]*>(.*?)<\/select>/gs).map((x) => /<option value="(\w+)" selected/.exec(x)?.[1] ?? 'manual');
      return ids.map((id, i) => ({ id, name: names[i]!, points: points[i]!, basis: basis[i]! }));
    };
    const save = async (rows: { id: string; name: string; points: string; basis: string }[]) => {
      const p = new URLSearchParams({ _csrf: secA.csrf });
      for (const r of rows) for (const k of ['id', 'name', 'points', 'basis'] as const) p.append(k, r[k]);
      return fetch(`${s.url}/secretary/rubric`, { method: 'POST', body: p, headers: { cookie: secA.cookie }, redirect: 'manual' });
    };
    // Each saved rubric totals 100 (required since issue 16.5): points move between rows, the ids are what is tested.
    const base = [{ id: 'daily', name: '日跟班', points: '55', basis: 'daily' }, { id: 'weekly', name: '周帮扶', points: '25', basis: 'weekly' },
      { id: 'quality', name: '汇报质量', points: '20', basis: 'manual' }];
    expect((await save(base)).status).toBe(303);
    let rows = await rubricForm();
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    Object.assign(rows[0]!, { points: '45' });
    Object.assign(rows[3]!, { name: '新一', points: '5' });
    Object.assign(rows[4]!, { name: '新二', points: '5' });
    expect((await save(rows)).status).toBe(303);
    rows = await rubricForm();
    Object.assign(rows[0]!, { name: '', points: '' });
    Object.assign(rows[1]!, { points: '70' });
    expect((await save(rows)).status).toBe(303);
    rows = await rubricForm();
    expect(new Set(rows.map((r) => r.id)).size, rows.map((r) => r.id).join(' ')).toBe(rows.length);
    Object.assign(rows[0]!, { points: '65' });
    Object.assign(rows[4]!, { name: '新三', points: '5' });
    expect((await save(rows)).status).toBe(303);
    const items = getRubric(s.db, team.branch_id);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);

    // The scoring form of that rubric can be saved.
    const review = await (await fetch(`${s.url}/secretary/report/${reportId}`, { headers: { cookie: secA.cookie } })).text();
    const p = new URLSearchParams({ _csrf: secA.csrf });
    for (const m of review.matchAll(/name="(item-[^"]+)"/g)) p.append(m[1]!, '1');
    const scored = await fetch(`${s.url}/secretary/report/${reportId}/review`, { method: 'POST', body: p, headers: { cookie: secA.cookie }, redirect: 'manual' });
    expect(scored.status, await scored.text()).toBe(303);

    // A stale or forged form with a repeated id: refused, nothing stored, and the form offered again has unique ids.
    const before = dbSnapshot(s);
    const dup = await save([...base.slice(0, 2), { id: 'daily', name: '重复', points: '5', basis: 'manual' }]);
    expect(dup.status).toBe(400);
    const again = await dup.text();
    expect(again).toContain('考核项目编号重复');
    const ids = [...again.matchAll(/name="id" value="([^"]*)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dbSnapshot(s)).toBe(before);
  });
});
