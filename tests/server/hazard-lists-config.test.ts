/** The branch's hazard lists on the team config page (issue 15.4): categories, severities, 复查 before 销号. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHazardLists } from '../../src/domain/hazard-lists';
import type { SyncRecord } from '../../src/domain/sync-protocol';
import { enrolDevice } from '../../src/server/secretary/demo-data';
import { branchHazardLists } from '../../src/server/secretary/hazard-ledger';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { push } from '../../src/server/sync-store';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let team: TeamRow;
let h: { cookie: string };
let csrf = '';
const post = (fields: Record<string, string>) =>
  fetch(`${s.url}/secretary/team/${team.id}/config`, { method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams({ _csrf: csrf, ...fields }) });

beforeAll(async () => {
  s = await startTestServer();
  const branch = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, branch.id, '甲班', s.clock.now);
  const device = enrolDevice(s.db, team, '手机', s.clock.now);
  // A hazard filed under the default 机电 (hc-2): removing 机电 must retire it, not delete it.
  const hz: SyncRecord = { table: 'hazards', id: 'hz-1', rev: 1, updatedAt: 1, deleted: false, body: {
    id: 'hz-1', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, dutyId: null, foundDay: '2026-12-01', shiftName: '', description: '电缆吊挂不规范',
    responsible: '', deadline: null, status: 'open', closedDay: null, closeNote: '', history: [], category: 'hc-2', severity: null,
  } };
  expect(push(s.db, device, team, [hz], s.clock.now).rejected).toEqual([]);
  const sec = createSecretary(s.db, branch.id, 'shuji', s.clock.now);
  const signed = await signIn(s.url, 'shuji', ownPassword(s.db, sec, s.clock.now));
  h = { cookie: signed.cookie };
  csrf = signed.csrf;
});
afterAll(async () => {
  await s.stop();
});

describe('branch hazard lists', () => {
  it('shows the defaults, saves a new category list (a used category retired, ids of kept names unchanged)', async () => {
    const page = await (await fetch(`${s.url}/secretary/team/${team.id}/config`, { headers: h })).text();
    expect(page).toContain('隐患类别（全支部）');
    expect(page).toContain('销号前复查（全支部）');
    const res = await post({ what: 'hazardCategories', text: '顶板\n采掘\n其他' });
    expect([res.status, res.headers.get('location')]).toEqual([303, `/secretary/team/${team.id}/config?saved=hazardCategories`]);
    const lists = branchHazardLists(s.db, team.branch_id);
    expect(lists.categories.filter((c) => !c.retired).map((c) => c.name)).toEqual(['顶板', '采掘', '其他']);
    expect(lists.categories.find((c) => c.name === '顶板')?.id).toBe('hc-1');
    expect(lists.categories.find((c) => c.id === 'hc-2')).toMatchObject({ name: '机电', retired: true });
    expect(lists.categories.some((c) => c.id === 'hc-3')).toBe(false); // 运输: never used, deleted
  });
  it('turns 复查 before 销号 on; a value other than 是/否 is refused; the value parses on the phone', async () => {
    expect((await post({ what: 'hazardReview', text: '也许' })).status).toBe(400);
    expect(branchHazardLists(s.db, team.branch_id).reviewBeforeClose).toBe(false);
    expect((await post({ what: 'hazardReview', text: '是' })).status).toBe(303);
    const row = s.db.prepare("SELECT value FROM config WHERE key = 'hazardLists'").get() as { value: string };
    const parsed = parseHazardLists(JSON.parse(row.value));
    expect([parsed.bad, parsed.lists.reviewBeforeClose]).toEqual([[], true]);
    expect((await post({ what: 'hazardSeverities', text: '' })).status).toBe(400);
  });
});
