/**
 * The secretary cleans up a team's people (merge a duplicate, retire a worker) and keeps the
 * branch's config within the limits every phone accepts (a name over the limit is refused where
 * it is typed; an item a phone once stored over the limit cannot be carried into the config).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../src/domain/sync-protocol';
import { loadTeam } from '../../src/server/secretary/data';
import { enrolDevice } from '../../src/server/secretary/demo-data';
import { createBranch, createSecretary, createTeam, type DeviceRow, type TeamRow } from '../../src/server/store';
import { push } from '../../src/server/sync-store';
import { duty, ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let team: TeamRow;
let device: DeviceRow;
let h: { cookie: string };
let csrf = '';

const worker = (id: string, name: string): SyncRecord => ({
  table: 'workers', id, rev: 1, updatedAt: 1, deleted: false, body: { id, createdAt: 1, updatedAt: 1, rev: 1, deleted: false, name, post: '支架工', partyMember: false },
});
const post = (path: string, fields: Record<string, string>) =>
  fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
const audits = (action: string) => s.db.prepare('SELECT detail FROM audit_log WHERE action = ?').all(action) as { detail: string }[];

beforeAll(async () => {
  s = await startTestServer();
  const branch = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, branch.id, '甲班', s.clock.now);
  device = enrolDevice(s.db, team, '第二部手机', s.clock.now);
  const talk = duty('d-1', 1);
  (talk.body.talks as { workerIds: string[]; none: boolean }) = { workerIds: ['w-dup', 'w-li'], none: false };
  const help = {
    table: 'helpRecords' as const, id: 'h-1', rev: 1, updatedAt: 1, deleted: false,
    body: { id: 'h-1', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, week: '2026-W45', workerId: 'w-dup', riskTypeIds: [],
      situation: '家中老人住院', measures: '谈心', result: 'watching', nextStep: '', talkDays: [], carriedFromId: null },
  };
  const r = push(s.db, device, team, [worker('w-wang', '王建国'), worker('w-dup', '王建国'), worker('w-li', '李春生'), talk, help], s.clock.now);
  expect(r.rejected).toEqual([]);
  const sec = createSecretary(s.db, branch.id, 'shuji', s.clock.now);
  const signed = await signIn(s.url, 'shuji', ownPassword(s.db, sec, s.clock.now));
  h = { cookie: signed.cookie };
  csrf = signed.csrf;
});
afterAll(async () => {
  await s.stop();
});

describe('人员合并与停用', () => {
  it('merges a duplicate worker: his records follow, the ledger lists the person once, the audit log says so', async () => {
    const page = await (await fetch(`${s.url}/secretary/team/${team.id}/people`, { headers: h })).text();
    expect(page.match(/<option value="w-(wang|dup)" *>王建国/g)).toHaveLength(4); // both selects, both people
    const forged = await fetch(`${s.url}/secretary/team/${team.id}/people/merge`, { method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams({ _csrf: 'x', from: 'w-dup', to: 'w-wang' }) });
    expect(forged.status).toBe(403);
    expect((await post(`/secretary/team/${team.id}/people/merge`, { from: 'w-dup', to: 'w-dup' })).status).toBe(400);
    const res = await post(`/secretary/team/${team.id}/people/merge`, { from: 'w-dup', to: 'w-wang' });
    expect([res.status, res.headers.get('location')]).toEqual([303, `/secretary/team/${team.id}/people?saved=merge`]);

    const d = loadTeam(s.db, team.id);
    expect(d.workers.filter((w) => !w.deleted).map((w) => w.name).sort()).toEqual(['李春生', '王建国'].sort());
    expect(d.duties[0]!.talks.workerIds).toEqual(['w-wang', 'w-li']);
    expect(d.helpRecords[0]!.workerId).toBe('w-wang');
    const teamPage = await (await fetch(`${s.url}/secretary/team/${team.id}?month=2026-11`, { headers: h })).text();
    const ledger = teamPage.slice(teamPage.indexOf('<h2>人员台账</h2>'), teamPage.indexOf('<h2>隐患台账</h2>'));
    expect(ledger.match(/王建国/g)).toHaveLength(1);
    expect(audits('merge_workers').map((a) => a.detail)).toEqual(['王建国（w-dup）→ 王建国（w-wang）']);
    // The team's phones learn it from their own config.
    const merges = s.db.prepare('SELECT value FROM config WHERE key = ?').get(`team:${team.id}:merges`) as { value: string };
    expect((JSON.parse(merges.value) as { from: string; to: string }[]).map((m) => [m.from, m.to])).toEqual([['w-dup', 'w-wang']]);
    const roster = JSON.parse((s.db.prepare('SELECT value FROM config WHERE key = ?').get(`team:${team.id}:roster`) as { value: string }).value) as { id: string; retired: boolean }[];
    expect(roster.find((w) => w.id === 'w-dup')?.retired).toBe(true);
  });

  it('retires a worker (kept for old records), audited', async () => {
    expect((await post(`/secretary/team/${team.id}/people/retire`, { worker: 'w-nobody' })).status).toBe(400);
    expect((await post(`/secretary/team/${team.id}/people/retire`, { worker: 'w-li' })).status).toBe(303);
    const roster = JSON.parse((s.db.prepare('SELECT value FROM config WHERE key = ?').get(`team:${team.id}:roster`) as { value: string }).value) as { id: string; name: string; retired: boolean }[];
    expect(roster.find((w) => w.id === 'w-li')).toMatchObject({ name: '李春生', retired: true });
    expect(audits('retire_worker').map((a) => a.detail)).toEqual(['李春生（w-li）']);
  });
});

describe('config limits on the secretary forms', () => {
  it('refuses an over-long name where it is typed, and never carries one a phone stored into the config', async () => {
    const long = '长期情绪低落且多次在班前会上表现出明显疲劳';
    expect([...long].length).toBeGreaterThan(20);
    // Stored before the record schemas held risk types to the config limit (an old server).
    s.db.prepare(`INSERT INTO records (team_id, tbl, id, device_id, rev, updated_at, deleted, body, received_at, seq) VALUES (?, 'riskTypes', 'rt-long', ?, 1, 1, 0, ?, 1, 999)`)
      .run(team.id, device.id, JSON.stringify({ id: 'rt-long', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, name: long, retired: false, order: 0 }));
    s.db.prepare(`INSERT INTO records (team_id, tbl, id, device_id, rev, updated_at, deleted, body, received_at, seq) VALUES (?, 'riskTypes', 'rt-ok', ?, 1, 1, 0, ?, 1, 1000)`)
      .run(team.id, device.id, JSON.stringify({ id: 'rt-ok', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, name: '家庭困难', retired: false, order: 1 }));
    const typed = await post('/secretary/branch-config', { what: 'riskTypes', text: `家庭困难\n${long}` });
    expect(typed.status).toBe(400);
    expect(await typed.text()).toContain('第2行：帮扶类型名称请控制在20字以内');
    // Saved without it: the over-long item (never used by a help record) is deleted, not retired.
    expect((await post('/secretary/branch-config', { what: 'riskTypes', text: '家庭困难\n思想波动' })).status).toBe(303);
    const items = JSON.parse((s.db.prepare("SELECT value FROM config WHERE key = 'riskTypes'").get() as { value: string }).value) as { id: string; name: string; retired: boolean }[];
    expect(items.map((i) => [i.name, i.retired])).toEqual([['家庭困难', false], ['思想波动', false]]);
    expect(items[0]!.id).toBe('rt-ok');
    // A roster line with an over-long post is refused in zh-CN too.
    const roster = await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: `王建国 ${'综采工作面液压支架维修与操作工'.repeat(2)}` });
    expect(roster.status).toBe(400);
    expect(await roster.text()).toContain('第1行：工种请控制在20字以内');
  });
});
