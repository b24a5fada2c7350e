/**
 * Passwords: a one-time password (first start, admin:create, secretary:create, reset) opens
 * only the 修改密码 page until the account sets its own; the rules for a new password; a change
 * ends the account's other sessions; password:reset from the CLI; an admin ends a secretary's
 * sessions. Real server, real SQLite.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/server/admin';
import { createAdmin } from '../../src/server/secretary/accounts';
import { checkPassword } from '../../src/server/secretary/auth';
import { createBranch, createSecretary } from '../../src/server/store';
import { dbSnapshot, ownPassword, postLogin, signIn, signInFirstTime, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let branchId = '';
beforeAll(async () => {
  s = await startTestServer();
  branchId = createBranch(s.db, '综采一队党支部', s.clock.now).id;
});
afterAll(() => s.stop());

const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('xzw_sec='))!.split(';')[0]!;
const get = (path: string, cookie: string) => fetch(`${s.url}${path}`, { redirect: 'manual', headers: { cookie } });
const post = (path: string, cookie: string, form: Record<string, string>) =>
  fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams(form) });
const admin = (...argv: string[]) => {
  const lines: string[] = [];
  const code = runAdmin(argv, { dataDir: join(s.root, 'data'), publicUrl: 'https://xzw.example', now: s.clock.now, out: (l) => lines.push(l) });
  return { code, text: lines.join('\n') };
};

describe('first sign-in with a one-time password', () => {
  it('reaches only the 修改密码 page until a new password is set; then the one-time password stops working', async () => {
    const oneTime = createSecretary(s.db, branchId, 'sec-first', s.clock.now).password;
    const res = await postLogin(s.url, 'sec-first', oneTime);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/secretary/password');
    const cookie = sessionCookie(res);
    // Every other page sends her back; every other form is refused and stores nothing.
    for (const path of ['/secretary/', '/secretary/rubric', '/secretary/exports']) {
      const r = await get(path, cookie);
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location'), path).toBe('/secretary/password');
    }
    expect((await get('/secretary/export/branch.xlsx?month=2026-10', cookie)).status).toBe(303);
    const page = await (await get('/secretary/password', cookie)).text();
    expect(page).toContain('首次登录：请设置新密码');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const before = dbSnapshot(s);
    const forbidden = await post('/secretary/teams', cookie, { _csrf: csrf, name: '偷加的班组' });
    expect(forbidden.status).toBe(403);
    expect(dbSnapshot(s)).toBe(before);

    const change = await post('/secretary/password', cookie, { _csrf: csrf, current: oneTime, new: 'Jingxia-anquan-01', repeat: 'Jingxia-anquan-01' });
    expect(change.status).toBe(303);
    expect(change.headers.get('location')).toBe('/secretary/');
    expect((await get('/secretary/', cookie)).status).toBe(200);
    expect((await postLogin(s.url, 'sec-first', oneTime)).status).toBe(401);
    const again = await postLogin(s.url, 'sec-first', 'Jingxia-anquan-01');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/secretary/');
    const row = s.db.prepare("SELECT COUNT(*) AS n FROM audit_log a JOIN secretaries x ON x.id = a.secretary_id WHERE x.username = 'sec-first' AND a.action = 'password_changed'").get();
    expect(row).toEqual({ n: 1 });
  });

  it('an admin made by the CLI and an existing account (migrated) must change too', async () => {
    const a = createAdmin(s.db, 'root-first', s.clock.now);
    expect((await postLogin(s.url, 'root-first', a.password)).headers.get('location')).toBe('/secretary/password');
  });
});

describe('the rules of a new password', () => {
  let cookie = '';
  let csrf = '';
  let current = '';
  beforeAll(async () => {
    current = ownPassword(s.db, createSecretary(s.db, branchId, 'zhangwei', s.clock.now), s.clock.now);
    ({ cookie, csrf } = await signIn(s.url, 'zhangwei', current));
  });

  it.each<[string, { new: string; repeat: string; current?: string }, string]>([
    ['short', { new: 'a1b2c3d4', repeat: 'a1b2c3d4' }, '至少 10 个字符'],
    ['common (woaini1314)', { new: 'woaini1314', repeat: 'woaini1314' }, '太常见'],
    ['common (1qaz2wsx3edc)', { new: '1QAZ2WSX3EDC', repeat: '1QAZ2WSX3EDC' }, '太常见'],
    ['the account name in it', { new: 'ZhangWei-2026-mine', repeat: 'ZhangWei-2026-mine' }, '不能包含账号名'],
    ['one character repeated', { new: 'xxxxxxxxxxxx', repeat: 'xxxxxxxxxxxx' }, '同一个字符重复'],
    ['repeat differs', { new: '综采一队甲班的密码', repeat: '综采一队甲班的密玛' }, '两次输入的新密码不一致'],
    ['wrong current password', { new: '综采一队甲班的新密码', repeat: '综采一队甲班的新密码', current: 'not-the-current' }, '当前密码不正确'],
    ['the same as before', { new: 'SAME', repeat: 'SAME' }, '不能和原密码相同'],
  ])('refuses %s with a zh-CN reason and changes nothing', async (_, form, message) => {
    const next = form.new === 'SAME' ? current : form.new;
    const repeat = form.repeat === 'SAME' ? current : form.repeat;
    const before = dbSnapshot(s, ['audit_log']);
    const audited = () => s.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'password_change_failed'").get();
    const failedBefore = audited();
    const res = await post('/secretary/password', cookie, { _csrf: csrf, current: form.current ?? current, new: next, repeat });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    expect(dbSnapshot(s, ['audit_log'])).toBe(before);
    // Only a wrong current password is audited (it counts like a failed sign-in).
    expect(audited()).toEqual(form.current ? { n: (failedBefore as { n: number }).n + 1 } : failedBefore);
  });

  it('a change ends the account\'s other sessions and keeps this one', async () => {
    const other = await signIn(s.url, 'zhangwei', current);
    const res = await post('/secretary/password', cookie, { _csrf: csrf, current, new: 'Zhibu-new-pass-2026', repeat: 'Zhibu-new-pass-2026' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/secretary/password?saved=1');
    expect((await get('/secretary/', cookie)).status).toBe(200);
    expect((await get('/secretary/', other.cookie)).headers.get('location')).toBe('/secretary/login');
    expect(checkPassword(s.db, 'zhangwei', current)).toBeNull();
    expect(checkPassword(s.db, 'zhangwei', 'Zhibu-new-pass-2026')?.username).toBe('zhangwei');
  });
});

it('a stolen session cannot guess the current password: after 5 wrong ones the form is refused, even the right one', async () => {
  const own = ownPassword(s.db, createSecretary(s.db, branchId, 'sec-guessed', s.clock.now), s.clock.now);
  const { cookie, csrf } = await signIn(s.url, 'sec-guessed', own);
  const change = (current: string) => post('/secretary/password', cookie, { _csrf: csrf, current, new: 'Guessed-new-pass-1', repeat: 'Guessed-new-pass-1' });
  for (let i = 0; i < 5; i++) expect((await change(`guess-${i}`)).status).toBe(400);
  const refused = await change(own);
  expect(refused.status).toBe(429);
  expect(await refused.text()).toContain('请 15 分钟后再试');
  expect(checkPassword(s.db, 'sec-guessed', own)?.username).toBe('sec-guessed');
});

describe('password:reset and ending sessions', () => {
  it('password:reset prints a new one-time password, ends every session, and the old password stops working', async () => {
    const old = ownPassword(s.db, createSecretary(s.db, branchId, 'sec-reset', s.clock.now), s.clock.now);
    const session = await signIn(s.url, 'sec-reset', old);
    const r = admin('password:reset', 'sec-reset');
    expect(r.code).toBe(0);
    const oneTime = /一次性密码.*: (\S+)$/.exec(r.text)![1]!;
    expect((await get('/secretary/', session.cookie)).headers.get('location')).toBe('/secretary/login');
    expect((await postLogin(s.url, 'sec-reset', old)).status).toBe(401);
    await signInFirstTime(s.url, 'sec-reset', oneTime, 'After-reset-pass-77');
    expect(admin('password:reset', 'no-such-user')).toEqual({ code: 1, text: '错误: 账号不存在: no-such-user' });
    const audit = s.db.prepare("SELECT action FROM audit_log a JOIN secretaries x ON x.id = a.secretary_id WHERE x.username = 'sec-reset' ORDER BY a.id").all();
    expect(audit.map((x) => (x as { action: string }).action)).toEqual(expect.arrayContaining(['password_reset', 'password_changed']));
  });

  it("an admin ends a secretary's sessions from 党支部管理; a secretary cannot", async () => {
    const secPw = ownPassword(s.db, createSecretary(s.db, branchId, 'sec-ended', s.clock.now), s.clock.now);
    const rootPw = ownPassword(s.db, createAdmin(s.db, 'root-ends', s.clock.now), s.clock.now);
    const sec = await signIn(s.url, 'sec-ended', secPw);
    const root = await signIn(s.url, 'root-ends', rootPw);
    const id = (s.db.prepare("SELECT id FROM secretaries WHERE username = 'sec-ended'").get() as { id: string }).id;
    const rootId = (s.db.prepare("SELECT id FROM secretaries WHERE username = 'root-ends'").get() as { id: string }).id;
    const page = await (await get('/secretary/branches', root.cookie)).text();
    expect(page).toContain(`action="/secretary/accounts/${id}/end-sessions"`);
    expect((await post(`/secretary/accounts/${rootId}/end-sessions`, sec.cookie, { _csrf: sec.csrf })).status).toBe(403);
    const res = await post(`/secretary/accounts/${id}/end-sessions`, root.cookie, { _csrf: root.csrf });
    expect(res.status).toBe(303);
    expect((await get('/secretary/', sec.cookie)).headers.get('location')).toBe('/secretary/login');
    expect((await get('/secretary/', root.cookie)).status).toBe(200);
    const row = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'sessions_ended' ORDER BY id DESC").get() as { detail: string };
    expect(row.detail).toBe('sec-ended：1 个登录');
  });
});

describe('viewer (支委会委员)', () => {
  it('viewer:create makes a read-only account: it sees the pages and exports, no form to change anything, and every change is refused', async () => {
    const r = admin('viewer:create', branchId, 'view-a');
    expect(r.code).toBe(0);
    const oneTime = /: (\S+)$/.exec(r.text)![1]!;
    const v = await signInFirstTime(s.url, 'view-a', oneTime, 'Weiyuan-own-pass-9');
    const home = await (await get('/secretary/', v.cookie)).text();
    expect(home).toContain('综采一队党支部');
    expect(home).not.toContain('添加班组');
    const rubric = await (await get('/secretary/rubric', v.cookie)).text();
    expect(rubric).toContain('考核细则');
    expect(rubric).not.toContain('保存考核细则');
    expect((await get('/secretary/export/branch.xlsx?month=2026-10', v.cookie)).status).toBe(200);
    const before = dbSnapshot(s);
    const refused = await post('/secretary/teams', v.cookie, { _csrf: v.csrf, name: '委员加的班组' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('只读账号不能修改');
    expect(dbSnapshot(s)).toBe(before);
    expect(admin('viewer:create', branchId, 'view-a').text).toBe('错误: 账号已存在: view-a');
  });
});

