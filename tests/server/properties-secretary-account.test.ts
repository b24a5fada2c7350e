/**
 * The properties of properties-secretary.test.ts (same harness, same expected order of checks:
 * size → session → readable form → CSRF → the route's rules) on the account routes: sign-out,
 * 修改密码 and sign-in (with the token of its pre-session cookie). A refusal stores nothing but
 * the audit line it owes (a wrong current password, a wrong sign-in), carries a zh-CN message
 * and no stack trace; no answer is a 5xx. Seed: PROP_SEED.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/server/secretary/auth';
import { PASSWORD_MAX, passwordProblems } from '../../src/server/secretary/password-rules';
import {
  LOGIN_LIMIT, loginPage, property, pwAccount, s, secA, summary, throwawaySession, useSecretaryServer,
} from './props-secretary-harness';
import { input, last, text, XSS, type Field } from './props-secretary-inputs';

useSecretaryServer();
afterAll(() => {
  console.log(summary());
});

describe('secretary account routes: bad input is a clean 4xx that stores nothing', () => {
  it('POST /secretary/logout', async () => {
    await property({
      name: 'logout', path: () => '/secretary/logout',
      prepare: () => {
        const t = throwawaySession(secA.id);
        return { cookie: t.cookie, csrf: t.csrf, hash: t.hash };
      },
      decide: () => ({ status: 303, writes: true }),
      after: (a, _p, ctx) => {
        const left = (s.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?').get(ctx.hash) as { n: number }).n;
        expect(left, 'session kept exactly when sign-out was refused').toBe(a.status === 303 ? 0 : 1);
        if (a.status === 303) expect(a.location).toBe('/secretary/login');
      },
    }, input(['x']), 100);
  }, 30_000);

  it('POST /secretary/password', async () => {
    // '#current' is the account's password at the time of the case; a success changes it.
    const pick = fc.constantFrom('#current', 'Kuangqu-anquan-2026', 'woaini1314', 'a1b2c3d4', 'sec-pw-Long-enough', 'xxxxxxxxxxxx', '党支部书记的很长的新密码');
    const extra = fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constant('#current') }, text), fc.oneof({ weight: 3, arbitrary: pick }, text), fc.boolean(), text)
      .map(([cur, next, same, rep]): Field[] => [['current', cur], ['new', next], ['repeat', same ? next : rep]]);
    const failures = () => (s.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'password_change_failed'").get() as { n: number }).n;
    let before = 0;
    await property({
      name: 'password', path: () => '/secretary/password', account: () => pwAccount, refusalWrites: ['audit_log'],
      // A wrong current password counts like a failed sign-in: each case starts a new 15-minute window
      // (and keeps the session alive), so the expected answer follows from the request alone.
      prepare: () => {
        s.clock.now += 16 * 60_000;
        s.db.prepare('UPDATE sessions SET expires_at = ? WHERE secretary_id = ?').run(s.clock.now + 3600_000, pwAccount.id);
        before = failures();
        return {};
      },
      resolve: (f) => (f[1] === '#current' ? [f[0], pwAccount.current] : f),
      decide: (p) => {
        const [cur, next, rep] = (['current', 'new', 'repeat'] as const).map((k) => last(p, k));
        const ok = typeof cur === 'string' && typeof next === 'string' && cur.slice(0, PASSWORD_MAX + 1) === pwAccount.current
          && passwordProblems(next, 'sec-pw').length === 0 && next === rep && next !== cur;
        return ok ? { status: 303, writes: true } : { status: 400 };
      },
      after: (a, p) => {
        const cur = p.ok ? last(p, 'current') : undefined;
        const checked = p.ok && (a.status === 400 || a.status === 303); // an unreadable form (400) is refused before the route
        const wrong = checked && !(typeof cur === 'string' && cur.slice(0, PASSWORD_MAX + 1) === pwAccount.current);
        expect(failures(), 'a wrong current password is audited, nothing else').toBe(before + (wrong ? 1 : 0));
        if (a.status !== 303) return;
        expect(a.location).toBe('/secretary/password?saved=1');
        pwAccount.current = (p.ok ? last(p, 'new') : '') as string;
        expect(checkPassword(s.db, 'sec-pw', pwAccount.current)?.id, 'the new password signs in').toBe(pwAccount.id);
      },
    }, input(['current', 'new', 'repeat'], extra), 120);
  }, 60_000);

  // Last: wrong passwords count against the account names (sec-a among them).
  it('POST /secretary/login', async () => {
    const extra = fc.tuple(fc.oneof(fc.constantFrom('sec-a', 'root', 'SEC-A', ' sec-a ', XSS), text), text).map(([u, p]): Field[] => [['username', u], ['password', p]]);
    const failures = () => (s.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login_failed'").get() as { n: number }).n;
    let before = 0;
    await property({
      name: 'login', path: () => '/secretary/login', preSession: true, account: () => loginPage, limit: LOGIN_LIMIT, refusalWrites: ['audit_log'],
      prepare: () => {
        s.clock.now += 60_000;
        before = failures();
        return {};
      },
      decide: () => ({ status: [401, 429] }),
      // Exactly the checked wrong passwords are audited; a refusal before the check writes nothing.
      after: (a) => expect(failures(), `${a.status}`).toBe(before + (a.status === 401 ? 1 : 0)),
    }, input(['username', 'password'], extra), 100);
  }, 30_000);
});
