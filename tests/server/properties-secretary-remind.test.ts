/**
 * Property-based tests (harness of properties-secretary.test.ts) on the POST routes of issue
 * 16.3: 发送提醒 and 支部设置. Any body, encoding, CSRF token and session: a clean 4xx that
 * stores nothing, or exactly the reminders / due day the form asked for.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanReminderText, isReminderAbout, parseReportDueDay, reminderTextError } from '../../src/domain/reminders';
import { branchReportDueDay } from '../../src/server/secretary/branch-settings';
import { property, s, summary, team, useSecretaryServer } from './props-secretary-harness';
import { input, text, XSS, type Field, type Parsed } from './props-secretary-inputs';

useSecretaryServer();
afterAll(() => {
  console.log(summary());
});

const strings = (p: Parsed & { ok: true }, key: string) => p.entries.filter(([k, v]) => k === key && typeof v === 'string').map(([, v]) => v as string);
const count = () => (s.db.prepare('SELECT COUNT(*) AS n FROM reminders').get() as { n: number }).n;

describe('issue 16.3 POST routes: bad input is a clean 4xx that stores nothing', () => {
  it('POST /secretary/remind', async () => {
    const ids = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant('#team') }, fc.constantFrom('no-such-team', '', XSS), text), { maxLength: 4 });
    const lines = fc.oneof(text, fc.integer({ min: 190, max: 210 }).map((n) => '提'.repeat(n)));
    const about = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('', 'day:2026-11-02', 'week:2026-W45', 'report:2026-10') }, fc.constantFrom('report:next', 'day:', XSS), text);
    const plausible = fc.tuple(ids, lines, about).map(([ts, x, ab]): Field[] => [...ts.map((t): Field => ['team', t]), ['text', x], ['about', ab]]);
    let before = 0;
    await property({
      name: 'remind', path: () => '/secretary/remind',
      resolve: (f) => (f[1] === '#team' ? [f[0], team.id] : f),
      prepare: () => {
        before = count();
        return {};
      },
      decide: (p) => {
        const teams = [...new Set(strings(p, 'team'))];
        if (teams.some((id) => id !== team.id)) return { status: 404 };
        if (teams.length === 0) return { status: 400 };
        const ab = strings(p, 'about')[0] ?? '';
        if (ab !== '' && !isReminderAbout(ab)) return { status: 400 };
        return reminderTextError(cleanReminderText(strings(p, 'text')[0] ?? '')) ? { status: 400 } : { status: 303, writes: true };
      },
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        expect(count(), 'one reminder for the one team').toBe(before + 1);
        const row = s.db.prepare('SELECT team_id, text FROM reminders ORDER BY rowid DESC LIMIT 1').get() as { team_id: string; text: string };
        expect(row).toEqual({ team_id: team.id, text: cleanReminderText(strings(p, 'text')[0] ?? '') });
      },
    }, input(['team', 'text', 'about'], plausible), 120);
  }, 30_000);

  it('POST /secretary/settings', async () => {
    const day = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 28 }).map(String) }, fc.constantFrom('0', '29', '5.5', ' 7 ', '-1', '１２'), text);
    let before = 0;
    await property({
      name: 'settings', path: () => '/secretary/settings',
      prepare: () => {
        before = branchReportDueDay(s.db, team.branch_id);
        return {};
      },
      decide: (p) => {
        const raw = p.entries.filter(([k]) => k === 'reportDueDay').at(-1)?.[1];
        const parsed = parseReportDueDay(typeof raw === 'string' ? raw : '');
        if (!parsed.ok) return { status: 400 };
        return { status: 303, writes: parsed.day !== before };
      },
      after: (a, p) => {
        if (a.status !== 303 || !p.ok) return;
        const raw = p.entries.filter(([k]) => k === 'reportDueDay').at(-1)?.[1] as string;
        expect(branchReportDueDay(s.db, team.branch_id)).toBe(Number(raw.trim()));
      },
    }, input(['reportDueDay', 'branch'], day.map((d): Field[] => [['reportDueDay', d]])), 120);
  }, 30_000);
});
