/**
 * 提醒 (issue 16.3) on a real server: the secretary's form and its refusals, the audit row,
 * the pull carrying the team's open reminders (and no other team's), the phone's acks on a
 * push and on a POST pull (idempotent, clamped to the server's clock), 已送达 / 已读 on the
 * secretary's pages, and the branch's report due day (dashboard, phone pull, 月汇报按时).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/domain/sync-protocol';
import { REPORT_DUE_DAY_KEY } from '../../src/domain/reminders';
import { createBranch, createEnrolCode, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { duty, enrol, ownPassword, postJson, signIn, startTestServer, testId, type TestServer } from './helpers';
import type { EnrolResponse } from '../../src/domain/sync-protocol';

let s: TestServer;
let a: TeamRow;
let a2: TeamRow;
let b: TeamRow;
let phoneA: EnrolResponse;
let phoneB: EnrolResponse;
const sec: Record<'A' | 'B', { cookie: string; csrf: string }> = {} as never;

beforeAll(async () => {
  s = await startTestServer();
  const branchA = createBranch(s.db, '甲矿党支部', s.clock.now).id;
  const branchB = createBranch(s.db, '乙矿党支部', s.clock.now).id;
  a = createTeam(s.db, branchA, '综采一队甲班', s.clock.now);
  a2 = createTeam(s.db, branchA, '综采一队乙班', s.clock.now);
  b = createTeam(s.db, branchB, '掘进二队丙班', s.clock.now);
  for (const [k, branch] of [['A', branchA], ['B', branchB]] as const) {
    const name = `sec-remind-${k}`;
    sec[k] = await signIn(s.url, name, ownPassword(s.db, createSecretary(s.db, branch, name, s.clock.now), s.clock.now));
  }
  phoneA = await enrol(s, createEnrolCode(s.db, a.id, s.clock.now).code, 'remind-phone-a-0123456789');
  phoneB = await enrol(s, createEnrolCode(s.db, b.id, s.clock.now).code, 'remind-phone-b-0123456789');
});
afterAll(async () => {
  await s.stop();
});

const get = async (who: 'A' | 'B', path: string) => fetch(`${s.url}${path}`, { headers: { cookie: sec[who].cookie }, redirect: 'manual' });
const post = (who: 'A' | 'B', path: string, form: [string, string][]) => fetch(`${s.url}${path}`, {
  method: 'POST', redirect: 'manual', headers: { cookie: sec[who].cookie }, body: new URLSearchParams([['_csrf', sec[who].csrf], ...form]),
});
const pullOf = async (token: string, since = 0) =>
  (await (await fetch(`${s.url}/api/v1/sync/pull?v=1&since=${since}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as PullResponse;
const rowOf = (id: string) => s.db.prepare('SELECT * FROM reminders WHERE id = ?').get(id) as
  { team_id: string; text: string; sent_at: number; delivered_at: number | null; read_at: number | null };
const count = () => (s.db.prepare('SELECT COUNT(*) AS n FROM reminders').get() as { n: number }).n;

describe('the secretary sends reminders', () => {
  it('offers the teams of her branch, those of the link pre-selected, never another branch’s', async () => {
    const html = await (await get('A', `/secretary/remind?teams=${a.id},${b.id}`)).text();
    expect(html).toMatch(new RegExp(`value="${a.id}" checked`));
    expect(html).toMatch(new RegExp(`value="${a2.id}" >`));
    expect(html).not.toContain(b.id);
    expect(html).not.toContain(b.name);
    expect(html).toContain('maxlength="200"');
  });

  it('sends one reminder per chosen team, audited, and lists it as 已发送', async () => {
    s.clock.now += 60_000;
    const before = count();
    const res = await post('A', '/secretary/remind', [['team', a.id], ['team', a2.id], ['text', '  请今天补记周帮扶\n']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/secretary/remind?sent=2');
    expect(count()).toBe(before + 2);
    const rows = s.db.prepare('SELECT team_id, text, sent_at FROM reminders ORDER BY team_id').all() as { team_id: string; text: string; sent_at: number }[];
    expect(rows.map((r) => r.text)).toEqual(['请今天补记周帮扶', '请今天补记周帮扶']);
    expect(new Set(rows.map((r) => r.team_id))).toEqual(new Set([a.id, a2.id]));
    const audit = s.db.prepare("SELECT team_id, detail FROM audit_log WHERE action = 'send_reminder' ORDER BY id").all() as { team_id: string; detail: string }[];
    expect(audit).toEqual([{ team_id: a.id, detail: '请今天补记周帮扶' }, { team_id: a2.id, detail: '请今天补记周帮扶' }]);
    const team = await (await get('A', `/secretary/team/${a.id}`)).text();
    expect(team).toContain('请今天补记周帮扶');
    expect(team).toContain('已发送');
    expect(team).toContain(`/secretary/remind?teams=${a.id}`);
    const log = await (await get('A', '/secretary/remind?sent=2')).text();
    expect(log).toContain('已向 2 个班组发送提醒');
  });

  it('refuses a team of another branch (404, nothing stored), no team, and a text over 200 characters', async () => {
    const before = count();
    const audits = (s.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    const foreign = await post('B', '/secretary/remind', [['team', a.id], ['text', '乙矿的提醒']]);
    expect(foreign.status).toBe(404);
    const mixed = await post('A', '/secretary/remind', [['team', a.id], ['team', b.id]]);
    expect(mixed.status).toBe(404);
    const none = await post('A', '/secretary/remind', [['text', '没有班组']]);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('请至少选择一个班组');
    const long = await post('A', '/secretary/remind', [['team', a.id], ['text', '提'.repeat(201)]]);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('提醒内容最多 200 个字（现在 201 个字）');
    expect(count()).toBe(before);
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(audits);
    // Nor can she see them: the team page of another branch is "not found".
    expect((await get('B', `/secretary/team/${a.id}`)).status).toBe(404);
    expect(await (await get('B', '/secretary/remind')).text()).not.toContain('请今天补记周帮扶');
  });
});

describe('the phone gets them and answers', () => {
  let id = '';
  it('a pull carries the team’s open reminders, and no other team’s', async () => {
    const pulled = await pullOf(phoneA.token);
    expect(pulled.reminders).toHaveLength(1);
    id = pulled.reminders![0]!.id;
    expect(pulled.reminders![0]).toEqual({ id, text: '请今天补记周帮扶', from: '甲矿党支部', sentAt: rowOf(id).sent_at });
    expect(rowOf(id).team_id).toBe(a.id);
    expect((await pullOf(phoneB.token)).reminders).toEqual([]);
    // A snapshot, not changes since the cursor: a pull from the end still carries it.
    expect((await pullOf(phoneA.token, pulled.cursor)).reminders?.map((r) => r.id)).toEqual([id]);
  });

  it('a delivery ack on a push sets 已送达 once; a phone of another team cannot ack it', async () => {
    s.clock.now += 60_000;
    const sentAt = rowOf(id).sent_at;
    // Team B's phone names team A's reminder: ignored.
    const foreign = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: phoneB.teamId, records: [duty(testId(), 1)], reminderAcks: [{ id, state: 'read', at: s.clock.now }] }, phoneB.token);
    expect(foreign.status).toBe(200);
    expect(rowOf(id).delivered_at).toBeNull();
    // A phone clock a day behind: clamped to the time it was sent.
    const res = await postJson(`${s.url}/api/v1/sync/push`, {
      v: 1, teamId: phoneA.teamId, records: [duty(testId(), 1)], since: 0, reminderAcks: [{ id, state: 'delivered', at: sentAt - 86_400_000 }],
    }, phoneA.token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as PushResponse).pull?.reminders?.map((r) => r.id)).toEqual([id]);
    expect(rowOf(id).delivered_at).toBe(sentAt);
    // The same ack again (its answer was lost), later: nothing changes.
    s.clock.now += 60_000;
    await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: phoneA.teamId, records: [duty(testId(), 1)], reminderAcks: [{ id, state: 'delivered', at: s.clock.now }] }, phoneA.token);
    expect(rowOf(id).delivered_at).toBe(sentAt);
    const team = await (await get('A', `/secretary/team/${a.id}`)).text();
    expect(team).toContain('已送达');
  });

  it('a read ack on a POST pull sets 已读 (a clock ahead is clamped to the server’s); the reminder is no longer open', async () => {
    s.clock.now += 120_000;
    const res = await postJson(`${s.url}/api/v1/sync/pull`, { v: 1, since: 0, reminderAcks: [{ id, state: 'read', at: s.clock.now + 86_400_000 }] }, phoneA.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResponse;
    expect(body.reminders).toEqual([]);
    expect(rowOf(id).read_at).toBe(s.clock.now);
    const again = await postJson(`${s.url}/api/v1/sync/pull`, { v: 1, since: 0, reminderAcks: [{ id, state: 'read', at: s.clock.now + 5 }] }, phoneA.token);
    expect(again.status).toBe(200);
    expect(rowOf(id).read_at).toBe(s.clock.now);
    const team = await (await get('A', `/secretary/team/${a.id}`)).text();
    expect(team).toMatch(/已读<\/span> \d{4}\/\d{2}\/\d{2}/);
  });

  it('refuses malformed acks with a precise 400', async () => {
    const res = await postJson(`${s.url}/api/v1/sync/pull`, { v: 1, since: 0, reminderAcks: [{ id, state: 'seen', at: 1 }] }, phoneA.token);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe('invalid_body');
    expect(body.issues[0]).toEqual({ path: 'reminderAcks.0.state', message: '未知的提醒状态' });
  });
});

describe('a reminder about an item of the 未完成 list', () => {
  it('names the item on the form, in the list, in the audit log and in the pull; a bad item is refused', async () => {
    const form = await (await get('A', `/secretary/remind?teams=${a2.id}&about=report:2026-10`)).text();
    expect(form).toContain('name="about" value="report:2026-10"');
    expect(form).toContain('2026年10月的月汇报');
    const bad = await post('A', '/secretary/remind', [['team', a2.id], ['about', 'report:next']]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('提醒事项无效');
    const before = count();
    const ok = await post('A', '/secretary/remind', [['team', a2.id], ['about', 'week:2026-W44'], ['text', '']]);
    expect(ok.status).toBe(303);
    expect(count()).toBe(before + 1);
    const row = s.db.prepare('SELECT id, about FROM reminders ORDER BY rowid DESC LIMIT 1').get() as { id: string; about: string };
    expect(row.about).toBe('week:2026-W44');
    expect(await (await get('A', `/secretary/team/${a2.id}`)).text()).toContain('第44周的周帮扶');
    const audit = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'send_reminder' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(audit.detail).toBe('第44周的周帮扶');
    const phone = await enrol(s, createEnrolCode(s.db, a2.id, s.clock.now).code, 'remind-phone-a2-0123456789');
    const pulled = await pullOf(phone.token);
    expect(pulled.reminders?.find((r) => r.id === row.id)).toMatchObject({ about: 'week:2026-W44', text: '' });
    // A general reminder carries no `about`.
    expect(pulled.reminders?.find((r) => r.id !== row.id)).not.toHaveProperty('about');
  });
});

describe('report due day', () => {
  it('defaults to the 5th, is saved per branch, shown on the dashboard, pulled by the phones and audited', async () => {
    expect(await (await get('A', '/secretary/?month=2026-11')).text()).toContain('月汇报截止：12月5日（次月5日）');
    const bad = await post('A', '/secretary/settings', [['reportDueDay', '31']]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('月汇报截止日应为 1 到 28 之间的整数');
    const ok = await post('A', '/secretary/settings', [['reportDueDay', '10']]);
    expect(ok.status).toBe(303);
    expect(await (await get('A', '/secretary/?month=2026-11')).text()).toContain('月汇报截止：12月10日（次月10日）');
    expect(await (await get('B', '/secretary/?month=2026-11')).text()).toContain('月汇报截止：12月5日');
    expect((await pullOf(phoneA.token)).config.find((c) => c.key === REPORT_DUE_DAY_KEY)?.value).toBe(10);
    expect((await pullOf(phoneB.token)).config.find((c) => c.key === REPORT_DUE_DAY_KEY)).toBeUndefined();
    const audit = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'edit_settings'").all() as { detail: string }[];
    expect(audit).toEqual([{ detail: '甲矿党支部：月汇报截止日 次月5日 → 10日' }]);
  });
});
