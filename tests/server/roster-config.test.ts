/**
 * Issue 16.11, safe roster and shift edits: a roster is previewed as it will be stored before
 * anything is saved; an emptied or much shorter roster needs an explicit tick and names who
 * would be retired; a renamed shift keeps its id; overlapping shifts are refused in zh-CN;
 * branch-wide lists are the branch's page and audited without a team; an Excel roster goes
 * through the same preview.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterItem, ShiftItem } from '../../src/server/secretary/config';
import { createBranch, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let team: TeamRow;
let sec: { cookie: string; csrf: string };
const post = (path: string, fields: Record<string, string>) =>
  fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: sec.cookie }, body: new URLSearchParams({ _csrf: sec.csrf, ...fields }) });
const config = <T>(key: string): T[] | null => {
  const row = s.db.prepare('SELECT value FROM config WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T[]) : null;
};
const roster = () => config<RosterItem>(`team:${team.id}:roster`);
const cells = (page: string) => [...page.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);

beforeAll(async () => {
  s = await startTestServer();
  const branch = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, branch.id, '甲班', s.clock.now);
  sec = await signIn(s.url, 'shuji', ownPassword(s.db, createSecretary(s.db, branch.id, 'shuji', s.clock.now), s.clock.now));
});
afterAll(async () => {
  await s.stop();
});

describe('roster preview', () => {
  it('shows "王 建国 安全员 党员" as 王建国 · 安全员 · 党员 and saves nothing until confirmed', async () => {
    const page = await (await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: '王 建国 安全员 党员\n张三，采煤机司机\n李四\t支架工\t党员' })).text();
    expect(cells(page)).toEqual([['王建国', '安全员', '党员'], ['张三', '采煤机司机', '—'], ['李四', '支架工', '党员']]);
    expect(page).toContain('请核对：该行只用单个空格分隔');
    expect(roster()).toBeNull();
    const saved = await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: '王 建国 安全员 党员\n张三，采煤机司机\n李四\t支架工\t党员', confirm: 'yes' });
    expect(saved.status).toBe(303);
    expect(roster()!.map((w) => [w.name, w.post, w.partyMember])).toEqual([['王建国', '安全员', true], ['张三', '采煤机司机', false], ['李四', '支架工', true]]);
    // The form shows the stored roster in the documented format, which reads back the same.
    const form = await (await fetch(`${s.url}/secretary/team/${team.id}/config`, { headers: { cookie: sec.cookie } })).text();
    expect(form).toContain('王建国，安全员，党员\n张三，采煤机司机\n李四，支架工，党员</textarea>');
  });

  it('an empty roster names everyone it would retire and needs the tick; without it nothing changes', async () => {
    const names = Array.from({ length: 21 }, (_, i) => `工人${String(i + 1).padStart(2, '0')}`);
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: names.join('\n'), confirm: 'yes', retire: 'yes' })).status).toBe(303);
    const before = JSON.stringify(roster());
    const preview = await (await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: '' })).text();
    expect(preview).toContain('花名册为空');
    expect(preview).toContain('将停用 21 人');
    expect(preview).toContain(names.join('、'));
    expect(preview).toContain('确认清空花名册，停用全部 21 人');
    const unticked = await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: '', confirm: 'yes' });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('请勾选确认后再保存');
    expect(JSON.stringify(roster())).toBe(before);
    // Much shorter (21 → 10) asks too; one person fewer does not.
    const shorter = await (await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: names.slice(0, 10).join('\n') })).text();
    expect(shorter).toContain('确认停用以上 11 人');
    const oneLess = await post(`/secretary/team/${team.id}/config`, { what: 'roster', text: names.slice(0, 20).join('\n'), confirm: 'yes' });
    expect(oneLess.status).toBe(303);
    expect(roster()!.filter((w) => !w.retired)).toHaveLength(20);
  });

  it('reads an Excel roster (姓名, 工种, 党员 columns) into the same preview', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['序号', '姓名', '工种', '政治面貌']);
    ws.addRow([1, '王 建国', '安全员', '党员']);
    ws.addRow([2, '赵六', '电工', '群众']);
    ws.addRow([3, '钱七', '', '是']);
    const file = new File([await wb.xlsx.writeBuffer()], '甲班花名册.xlsx');
    const form = new FormData();
    form.set('_csrf', sec.csrf);
    form.set('file', file);
    const res = await fetch(`${s.url}/secretary/team/${team.id}/config/import`, { method: 'POST', headers: { cookie: sec.cookie }, body: form });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('从「甲班花名册.xlsx」读取了 3 行');
    expect(cells(page)).toEqual([['王建国', '安全员', '党员'], ['赵六', '电工', '—'], ['钱七', '—', '党员']]);
    expect(page).toContain('<textarea name="text" hidden>王建国，安全员，党员\n赵六，电工\n钱七，党员</textarea>');
    expect(roster()!.some((w) => w.name === '赵六')).toBe(false); // previewed, not saved

    const junk = new FormData();
    junk.set('_csrf', sec.csrf);
    junk.set('file', new File(['not a workbook'], 'x.xlsx'));
    const bad = await fetch(`${s.url}/secretary/team/${team.id}/config/import`, { method: 'POST', headers: { cookie: sec.cookie }, body: junk });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('无法读取该文件');
  });
});

describe('shifts', () => {
  it('a renamed shift keeps its id; overlapping shifts are refused in zh-CN', async () => {
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '零点班 00:00-08:00\n八点班 08:00-16:00\n四点班 16:00-00:00' })).status).toBe(303);
    const first = config<ShiftItem>(`team:${team.id}:shifts`)!;
    expect((await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '零点班 00:00-08:00\n八点班 08:00-16:00\n中班 16:00-00:00' })).status).toBe(303);
    const renamed = config<ShiftItem>(`team:${team.id}:shifts`)!;
    expect(renamed.map((x) => [x.name, x.retired])).toEqual([['零点班', false], ['八点班', false], ['中班', false]]);
    expect(renamed.find((x) => x.name === '中班')!.id).toBe(first.find((x) => x.name === '四点班')!.id);
    const overlap = await post(`/secretary/team/${team.id}/config`, { what: 'shifts', text: '早班 08:00-16:00\n中班 12:00-20:00' });
    expect(overlap.status).toBe(400);
    expect(await overlap.text()).toContain('班次「早班」与「中班」的时间重叠');
    expect(config<ShiftItem>(`team:${team.id}:shifts`)).toEqual(renamed);
  });
});

describe('branch-wide lists', () => {
  it('are edited on the branch page and audited as a branch action, not under a team', async () => {
    const refused = await post(`/secretary/team/${team.id}/config`, { what: 'riskTypes', text: '家庭困难' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('请在「支部设置」页修改');
    expect(config('riskTypes')).toBeNull();
    const res = await post('/secretary/branch-config', { what: 'riskTypes', text: '家庭困难\n思想波动' });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/secretary/branch-config?saved=riskTypes']);
    expect(config<{ name: string }>('riskTypes')!.map((x) => x.name)).toEqual(['家庭困难', '思想波动']);
    const rows = s.db.prepare("SELECT team_id, detail FROM audit_log WHERE action = 'edit_branch_config'").all() as { team_id: string | null; detail: string }[];
    expect(rows).toEqual([{ team_id: null, detail: `${team.branch_id} riskTypes` }]);
    const page = await (await fetch(`${s.url}/secretary/branch-config`, { headers: { cookie: sec.cookie } })).text();
    expect(page).toContain('家庭困难\n思想波动</textarea>');
  });

  it('share one 支部设置 page with the 月汇报 due day: either route shows all three, the menu names it once', async () => {
    for (const path of ['/secretary/settings', '/secretary/branch-config']) {
      const html = await (await fetch(`${s.url}${path}`, { headers: { cookie: sec.cookie } })).text();
      expect(html).toContain('<h1>支部设置 · ');
      for (const part of ['<h2 id="due-day-section">月汇报截止日</h2>', '<h2>帮扶类型（不稳定不安全因素）</h2>', '<h2>日跟班检查项</h2>']) expect(html).toContain(part);
      expect(html).toContain('action="/secretary/settings"');
      expect(html).toContain('action="/secretary/branch-config"');
      expect(html.match(/>支部设置<\/a>/g)).toHaveLength(1);
      expect(html).not.toContain('支部配置');
    }
  });
});
