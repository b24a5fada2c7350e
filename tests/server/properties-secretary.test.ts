/**
 * Property-based tests (fast-check, fixed seed) on every POST route of the secretary pages:
 * sign-in (with the token of its pre-session cookie), sign-out, 修改密码, scoring a report, the rubric, a team's configuration, enrolment codes,
 * revoking a device, adding a team, adding a branch. Random, malformed, oversized, deeply
 * nested and wrong-typed bodies (url-encoded, multipart with files, multipart with a missing
 * or wrong boundary or cut short, JSON, plain text, bytes), with every kind of CSRF token
 * and session. The expected answer is computed from the request alone, in the order the
 * server checks: size (413) → session (401) → readable form (400) → CSRF (403) → the route's
 * own rules (400 with the form and a zh-CN error, or 2xx/3xx). Every refusal must store
 * nothing (hash of every row), carry a zh-CN message and no stack trace; echoed input is
 * escaped; no answer is a 5xx. Seed: PROP_SEED; the number of cases is printed at the end.
 * The harness is props-secretary-harness.ts, the inputs props-secretary-inputs.ts; the
 * regressions the properties found are in properties-secretary-regressions.test.ts, the
 * account routes (sign-in, sign-out, 修改密码) in properties-secretary-account.test.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { enrolDevice } from '../../src/server/secretary/demo-data';
import { getRubric } from '../../src/server/secretary/rubric';
import { createEnrolCode, createTeam, liveEnrolCodes } from '../../src/server/store';
import {
  admin, ideaIds, property, reportId, s, summary, team, useSecretaryServer,
} from './props-secretary-harness';
import { input, last, one, text, XSS, type Field } from './props-secretary-inputs';

useSecretaryServer();
afterAll(() => {
  console.log(summary());
});

/* ------------------------------------------------------------------ the routes */

const nameOk = (x: string | null, max = 40) => x !== null && x.trim() !== '' && x.trim().length <= max;
const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;
const stored = <T>(sql: string, ...args: unknown[]) => s.db.prepare(sql).get(...args) as T;
const teamTaken = (name: string) => stored<{ n: number }>('SELECT COUNT(*) AS n FROM teams WHERE branch_id = ? AND name = ?', team.branch_id, name).n > 0;

describe('secretary POST routes: bad input is a clean 4xx that stores nothing', () => {
  it('POST /secretary/teams', async () => {
    await property({
      name: 'teams', path: () => '/secretary/teams',
      decide: (p) => (nameOk(one(p, 'name')) && !teamTaken(one(p, 'name')!.trim()) ? { status: 303, writes: true } : { status: 400 }),
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const t = stored<{ branch_id: string; name: string }>('SELECT branch_id, name FROM teams WHERE id = ?', /team\/([^#]+)/.exec(a.location!)![1]);
        expect(t, 'the new team').toEqual({ branch_id: team.branch_id, name: one(p, 'name')!.trim() });
      },
    }, input(['name', 'branch'], fc.tuple(text, fc.constantFrom('', 'no-such-branch')).map(([n, b]): Field[] => [['name', n], ['branch', b]])), 120);
  }, 30_000);

  it('POST /secretary/team/:id/rename', async () => {
    const names = fc.oneof({ weight: 3, arbitrary: text }, fc.constantFrom(team.name, '  ', 'x'.repeat(41), XSS, '新名字'));
    await property({
      name: 'rename', path: (ctx) => `/secretary/team/${ctx.team}/rename`,
      prepare: (inp) => ({ team: inp.n % 10 ? createTeam(s.db, team.branch_id, `待改名${inp.n}`, s.clock.now).id : `no-such-${inp.n}`, before: `待改名${inp.n}` }),
      decide: (p, ctx) => {
        if (ctx.team!.startsWith('no-such')) return { status: 404 };
        const raw = last(p, 'name');
        const name = typeof raw === 'string' ? raw.trim() : '';
        if (name === ctx.before) return { status: 303, writes: false };
        return nameOk(name) && !teamTaken(name) ? { status: 303, writes: true } : { status: 400 };
      },
      after: (a, p, ctx) => {
        if (a.status !== 303 || !p.ok) return;
        const raw = last(p, 'name');
        expect(stored<{ name: string }>('SELECT name FROM teams WHERE id = ?', ctx.team).name).toBe((raw as string).trim());
      },
    }, input(['name'], names.map((n): Field[] => [['name', n]])), 100);
  }, 30_000);

  it('POST /secretary/team/:id/archive and /restore', async () => {
    for (const action of ['archive', 'restore'] as const) {
      await property({
        name: action, path: (ctx) => `/secretary/team/${ctx.team}/${action}`,
        prepare: (inp) => {
          if (inp.n % 10 === 0) return { team: `no-such-${inp.n}` };
          const t = createTeam(s.db, team.branch_id, `待${action}${inp.n}`, s.clock.now);
          if (action === 'restore') s.db.prepare('UPDATE teams SET archived_at = 1 WHERE id = ?').run(t.id);
          return { team: t.id };
        },
        decide: (_, ctx) => (ctx.team!.startsWith('no-such') ? { status: 404 } : { status: 303, writes: true }),
        after: (a, _p, ctx) => {
          if (a.status !== 303) return;
          const row = stored<{ archived_at: number | null }>('SELECT archived_at FROM teams WHERE id = ?', ctx.team);
          expect(row.archived_at === null).toBe(action === 'restore');
        },
      }, input(['x']), 50);
    }
  }, 30_000);

  it('POST /secretary/branches (admin; a secretary is refused)', async () => {
    const taken = (u: string) => stored<{ n: number }>('SELECT COUNT(*) AS n FROM secretaries WHERE username = ?', u).n > 0;
    const extra = fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), text),
      fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9_.-]{3,12}$/) }, fc.constantFrom('sec-a', 'root', 'SEC-A', ' sec-b ', 'ab', 'a b c', 'x'.repeat(33), XSS)))
      .map(([name, username]): Field[] => [['name', name], ['username', username]]);
    await property({
      name: 'branches', path: () => '/secretary/branches', account: () => admin,
      decide: (p) => {
        const u = one(p, 'username')?.trim() ?? '';
        return nameOk(one(p, 'name')) && USERNAME_RE.test(u) && !taken(u) ? { status: 200, writes: true } : { status: 400 };
      },
    }, input(['name', 'username'], extra), 100);
    await property({ name: 'branches as secretary', path: () => '/secretary/branches', decide: () => ({ status: 403 }) }, input(['name', 'username']), 40);
  }, 30_000);

  it('POST /secretary/report/:id/review', async () => {
    // `item-#k` is the k-th item of the rubric as it is now; `#idea-k` the report's k-th idea.
    const resolve = ([k, v]: Field): Field => {
      const rubric = getRubric(s.db, team.branch_id);
      const key = k.replace(/^item-#(\d)$/, (_, i: string) => `item-${rubric[Number(i) % rubric.length]!.id}`);
      const val = typeof v === 'string' ? v.replace(/^#idea-(\d)$/, (_, i: string) => ideaIds[Number(i) % ideaIds.length] ?? '') : v;
      return [key, val];
    };
    const score = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 15 }).map(String) }, fc.integer({ min: -2, max: 45 }).map(String),
      fc.double({ min: -1, max: 50, noNaN: true }).map(String), text);
    const full = fc.tuple(fc.array(score, { minLength: 4, maxLength: 4 }), fc.array(fc.constantFrom('#idea-0', '#idea-1', 'not-an-idea'), { maxLength: 2 }))
      .chain(([xs, ideas]) => fc.option(text, { nil: undefined }).map((fb): Field[] => [...xs.map((x, i): Field => [`item-#${i}`, x]), ...ideas.map((x): Field => ['adopted', x]),
        ...(fb === undefined ? [] : [['feedback', fb] as Field])]));
    await property({
      name: 'review', path: (ctx) => ctx.path!, resolve,
      prepare: (inp) => ({ path: inp.n % 10 ? `/secretary/report/${reportId}/review` : `/secretary/report/no-such-${inp.n}/review` }),
      decide: (p, ctx) => {
        if (!ctx.path!.includes(reportId)) return { status: 404 };
        const rubric = getRubric(s.db, team.branch_id);
        const scoresOk = rubric.every((i) => {
          const raw = one(p, `item-${i.id}`)?.trim() ?? '';
          const n = Number(raw);
          return raw !== '' && Number.isFinite(n) && n >= 0 && n <= i.points && Number.isInteger(n * 2);
        });
        const fb = p.entries.filter(([k]) => k === 'feedback');
        const feedbackOk = fb.length !== 1 || typeof fb[0]![1] !== 'string' || fb[0]![1].length <= 2000;
        const adoptedOk = p.entries.filter(([k]) => k === 'adopted').every(([, v]) => typeof v === 'string' && ideaIds.includes(v));
        return scoresOk && feedbackOk && adoptedOk ? { status: 303, writes: true } : { status: 400 };
      },
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const sum = getRubric(s.db, team.branch_id).reduce((t, i) => t + Number(one(p, `item-${i.id}`)!.trim()), 0);
        expect(stored<{ score: number }>('SELECT score FROM reviews WHERE report_id = ?', reportId).score).toBeCloseTo(sum, 9);
      },
    }, input(['feedback', 'adopted', 'item-#0', 'item-#1', 'item-#2', 'item-#3'], full), 130);
  }, 30_000);

  it('POST /secretary/rubric', async () => {
    const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: good }, bad);
    // Ids from a small pool too: a repeated id must be refused, never stored.
    const row = fc.tuple(often(fc.oneof(fc.constantFrom('daily', 'weekly', 'quality', 'item-0', 'item-1'), fc.stringMatching(/^[a-z0-9-]{1,8}$/)), text), often(fc.string({ minLength: 1, maxLength: 8 }), text),
      often(fc.integer({ min: 1, max: 25 }).map(String), fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), text)),
      often(fc.constantFrom('daily', 'weekly', 'onTime', 'manual'), text));
    // Three times in four the last row's points make the total 100 (a rubric must total 100 since issue 16.5),
    // so rubrics that are accepted keep being generated too.
    const rows = fc.tuple(fc.array(row, { maxLength: 14 }), fc.integer({ min: 0, max: 3 }).map((n) => n > 0)).map(([xs, toHundred]) => {
      const rest = xs.slice(0, -1).reduce((t, r) => t + (Number.isInteger(Number(r[2])) ? Number(r[2]) : 0), 0);
      const fixed = toHundred && xs.length > 0 && rest < 100 ? [...xs.slice(0, -1), [xs.at(-1)![0], xs.at(-1)![1], String(100 - rest), xs.at(-1)![3]] as const] : xs;
      return fixed.flatMap(([id, name, points, basis]): Field[] => [['id', id], ['name', name], ['points', points], ['basis', basis]]);
    });
    await property({
      name: 'rubric', path: () => '/secretary/rubric',
      decide: () => ({ status: [303, 400], writes: 'maybe' }),
      after: (a) => {
        if (a.status !== 303) return;
        // Whatever was accepted is a rubric the scoring form can use.
        const items = getRubric(s.db, team.branch_id);
        expect(items.length).toBeGreaterThanOrEqual(1);
        expect(items.length).toBeLessThanOrEqual(12);
        expect(new Set(items.map((i) => i.id)).size, 'unique ids').toBe(items.length);
        expect(items.reduce((t, i) => t + i.points, 0), 'total').toBe(100);
        expect(new Set(items.map((i) => i.name)).size, 'unique names').toBe(items.length);
        for (const i of items) {
          expect(Number.isInteger(i.points) && i.points >= 1 && i.points <= 100, JSON.stringify(i)).toBe(true);
          expect(i.name.trim().length >= 1 && i.name.length <= 20 && /^[a-z0-9-]{1,20}$/.test(i.id), JSON.stringify(i)).toBe(true);
          expect(['daily', 'weekly', 'onTime', 'manual']).toContain(i.basis);
        }
      },
    }, input(['id', 'name', 'points', 'basis', 'branch'], rows), 130);
  }, 30_000);

  it('POST /secretary/team/:id/config', async () => {
    const KNOWN = ['roster', 'shifts', 'riskTypes', 'checklist'];
    const what = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN) }, text), text).map(([w, x]): Field[] => [['what', w], ['text', x]]);
    await property({
      name: 'config', path: (ctx) => ctx.path!,
      prepare: (inp) => ({ path: inp.n % 10 ? `/secretary/team/${team.id}/config` : `/secretary/team/no-such-${inp.n}/config` }),
      decide: (p, ctx) => {
        if (!ctx.path!.includes(team.id)) return { status: 404 };
        const w = last(p, 'what');
        // A roster is only previewed (200) until confirmed; branch-wide lists live on /branch-config.
        if (w === 'roster') return { status: [200, 400], writes: false };
        return w === 'shifts' ? { status: [303, 400], writes: 'maybe' } : { status: 400 };
      },
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const w = last(p, 'what') as string;
        const key = w === 'roster' || w === 'shifts' ? `team:${team.id}:${w}` : w;
        const items = JSON.parse(stored<{ value: string }>('SELECT value FROM config WHERE branch_id = ? AND key = ?', team.branch_id, key).value) as { id: string; name: string; retired: boolean }[];
        const live = items.filter((i) => !i.retired);
        expect(new Set(live.map((i) => i.name)).size, 'names unique').toBe(live.length);
        expect(new Set(items.map((i) => i.id)).size, 'ids unique').toBe(items.length);
        expect(live.every((i) => i.name.trim() !== '' && !i.name.includes('\n')), JSON.stringify(live)).toBe(true);
      },
    }, input(['what', 'text'], what), 130);
  }, 30_000);

  it('POST /secretary/team/:id/code', async () => {
    await property({
      name: 'code', path: (ctx) => ctx.path!,
      prepare: (inp) => ({ path: inp.n % 10 ? `/secretary/team/${team.id}/code` : `/secretary/team/no-such-${inp.n}/code` }),
      decide: (_, ctx) => (ctx.path!.includes(team.id) ? { status: 303, writes: true } : { status: 404 }),
      after: (a) => {
        if (a.status !== 303) return;
        // The code is shown on the page the redirect leads to (once); the database has only its hash.
        expect(a.location).toMatch(new RegExp(`^/secretary/team/${team.id}/code\\?new=[A-Za-z0-9_-]+$`));
        expect(stored<{ n: number }>('SELECT COUNT(*) AS n FROM enrolment_codes WHERE team_id = ? AND length(code_hash) = 64', team.id).n).toBeGreaterThan(0);
      },
    }, input(['x']), 100);
  }, 30_000);

  it('POST /secretary/team/:id/code/:hash/revoke', async () => {
    await property({
      name: 'revoke code', path: (ctx) => `/secretary/team/${team.id}/code/${ctx.hash}/revoke`,
      prepare: (inp) => {
        if (inp.n % 10 === 0) return { hash: `no-such-${inp.n}` };
        createEnrolCode(s.db, team.id, s.clock.now);
        return { hash: liveEnrolCodes(s.db, team.id, s.clock.now)[0]!.code_hash };
      },
      decide: (_, ctx) => (ctx.hash!.startsWith('no-such') ? { status: 404 } : { status: 303, writes: true }),
      after: (a, _p, ctx) => {
        if (a.status !== 303) return;
        expect(a.location).toBe(`/secretary/team/${team.id}/code`);
        expect(stored<{ revoked_at: number | null }>('SELECT revoked_at FROM enrolment_codes WHERE code_hash = ?', ctx.hash).revoked_at).not.toBeNull();
      },
    }, input(['x']), 60);
  }, 30_000);

  it('POST /secretary/device/:id/revoke', async () => {
    await property({
      name: 'revoke', path: (ctx) => `/secretary/device/${ctx.device}/revoke`,
      prepare: (inp) => ({ device: inp.n % 10 ? enrolDevice(s.db, team, '手机', s.clock.now).id : `no-such-${inp.n}` }),
      // Only the confirmation page's confirm=yes revokes; anything else shows that page (200, nothing stored).
      decide: (p, ctx) => (!stored<{ n: number }>('SELECT COUNT(*) AS n FROM devices WHERE id = ?', ctx.device).n ? { status: 404 }
        : one(p, 'confirm') === 'yes' ? { status: 303, writes: true } : { status: 200, writes: false }),
      after: (a, _p, ctx) => {
        const d = stored<{ revoked_at: number | null } | undefined>('SELECT revoked_at FROM devices WHERE id = ?', ctx.device);
        if (d) expect(d.revoked_at !== null, 'revoked').toBe(a.status === 303);
        if (a.status === 200) expect(a.text).toContain('仍保存在那部手机上');
      },
    }, input(['confirm'], fc.constantFrom('yes', 'no', '', 'YES').map((c): Field[] => [['confirm', c]])), 100);
  }, 30_000);
});
