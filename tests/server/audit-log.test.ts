/**
 * The audit log as the admin reads it (routes-audit.ts, audit-log.ts): names instead of
 * ids, filters, a CSV that is XML- and formula-safe, phone enrolments and roster views
 * recorded, and kept for a time (AUDIT_RETENTION_DAYS, default 3 years), not by count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/server/secretary/accounts';
import { DEFAULT_RETENTION_DAYS, pruneAudit, retentionDays } from '../../src/server/secretary/audit-log';
import { secretaryRoutes } from '../../src/server/secretary';
import { createBranch, createEnrolCode, createSecretary, createTeam, type TeamRow } from '../../src/server/store';
import { postJson, signIn, startTestServer, type TestServer, ownPassword } from './helpers';

let s: TestServer;
let team: TeamRow;
let other: TeamRow;
let sec: { cookie: string; csrf: string };
let root: { cookie: string };
let secId: string;

beforeAll(async () => {
  s = await startTestServer();
  const branch = createBranch(s.db, '综采一队党支部', s.clock.now);
  team = createTeam(s.db, branch.id, '甲班', s.clock.now);
  other = createTeam(s.db, branch.id, '乙班', s.clock.now);
  const created = createSecretary(s.db, branch.id, 'sec-audit', s.clock.now);
  secId = created.id;
  sec = await signIn(s.url, 'sec-audit', ownPassword(s.db, created, s.clock.now));
  root = { cookie: (await signIn(s.url, 'root-audit', ownPassword(s.db, createAdmin(s.db, 'root-audit', s.clock.now), s.clock.now))).cookie };
});
afterAll(async () => {
  await s.stop();
});

const get = (path: string, cookie = root.cookie) => fetch(`${s.url}${path}`, { headers: { cookie } });
const rows = (page: string) => [...page.matchAll(/<tr data-testid="audit-row">([^]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((x) => x[1]));

describe('audit log', () => {
  it('reads in names: the config key as 甲班 · 花名册, the team by name, the phone as 手机', async () => {
    const saved = await fetch(`${s.url}/secretary/team/${team.id}/config`, {
      method: 'POST', redirect: 'manual', headers: { cookie: sec.cookie }, body: new URLSearchParams({ _csrf: sec.csrf, what: 'roster', text: '张建国 支架工', confirm: 'yes', retire: 'yes' }),
    });
    expect(saved.status).toBe(303);
    const enrolled = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code: createEnrolCode(s.db, team.id, s.clock.now).code, nonce: 'nonce-audit-log-0123456', deviceName: '=cmd|红米\uFFFE' });
    expect(enrolled.status).toBe(200);
    const page = await (await get('/secretary/audit')).text();
    expect(page).not.toContain(`team:${team.id}`);
    const all = rows(page);
    expect(all).toContainEqual([expect.any(String), 'sec-audit', '修改配置', '甲班', '甲班 · 花名册']);
    expect(all).toContainEqual([expect.any(String), '手机', '手机登记', '甲班', expect.stringContaining('设备「=cmd|红米')]);
  });

  it('logs who viewed the roster', async () => {
    expect((await get(`/secretary/team/${other.id}/config`, sec.cookie)).status).toBe(200);
    const row = s.db.prepare("SELECT secretary_id FROM audit_log WHERE action = 'view_roster' AND team_id = ?").get(other.id) as { secretary_id: string };
    expect(row.secretary_id).toBe(secId);
  });

  it('filters by account, action, team and China-time days', async () => {
    await get(`/secretary/team/${other.id}?month=2026-11`, sec.cookie);
    const byTeam = rows(await (await get(`/secretary/audit?team=${other.id}`)).text());
    expect(byTeam.length).toBeGreaterThan(0);
    expect(byTeam.every((r) => r[3] === '乙班')).toBe(true);
    const byAction = rows(await (await get('/secretary/audit?action=view_roster')).text());
    expect(byAction.map((r) => r[2])).toEqual(['查看花名册']);
    const phones = rows(await (await get('/secretary/audit?account=phone')).text());
    expect(phones.map((r) => r[1])).toEqual(['手机']);
    const bySec = rows(await (await get(`/secretary/audit?account=${secId}`)).text());
    expect(bySec.length).toBeGreaterThan(2);
    expect(bySec.every((r) => r[1] === 'sec-audit')).toBe(true);
    // The test clock is 2026-11-01 16:00 in China: that day has rows, the one before has none.
    expect(rows(await (await get('/secretary/audit?from=2026-11-01&to=2026-11-01')).text()).length).toBeGreaterThan(3);
    expect(rows(await (await get('/secretary/audit?from=2026-10-01&to=2026-10-31')).text())).toEqual([]);
    const bad = await get('/secretary/audit?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('日期「2026-13-01」无效');
  });

  it('exports the filtered log as CSV: BOM, names, no XML-forbidden character, formulas defused; only the admin', async () => {
    const res = await get(`/secretary/audit.csv?team=${team.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('时间（北京时间）,账号,操作,班组,说明'); // TextDecoder drops the BOM
    expect(lines.some((l) => l.endsWith(',sec-audit,修改配置,甲班,甲班 · 花名册'))).toBe(true);
    expect(text).not.toContain('\uFFFE');
    expect(text).toContain(`设备「=cmd|红米」`); // not at the start of the cell, so no apostrophe needed
    expect(lines.slice(1).every((l) => l.split(',').every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(',甲班,'))).toBe(true);
    expect((await get('/secretary/audit.csv', sec.cookie)).status).toBe(403);
    expect((s.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'export_audit'").get() as { n: number }).n).toBe(1);
  });

  it('keeps entries for the configured time (default 3 years), pruning at start', () => {
    const day = 86_400_000;
    const insert = s.db.prepare("INSERT INTO audit_log (at, secretary_id, action, team_id, detail) VALUES (?, ?, 'view_team', ?, 'old')");
    insert.run(s.clock.now - 4 * 365 * day, secId, team.id);
    insert.run(s.clock.now - 2 * 365 * day, secId, team.id);
    const olds = () => (s.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE detail = 'old'").get() as { n: number }).n;
    expect(olds()).toBe(2);
    secretaryRoutes({ db: s.db, tls: false, clock: () => s.clock.now }); // what a start does
    expect(olds()).toBe(1);
    expect(pruneAudit(s.db, s.clock.now, 365)).toBeGreaterThanOrEqual(1);
    expect(olds()).toBe(0);
    expect(retentionDays(undefined)).toBe(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toBe(1095);
    expect(retentionDays('400')).toBe(400);
    expect(() => retentionDays('abc')).toThrow(/AUDIT_RETENTION_DAYS/);
    expect(() => retentionDays('5')).toThrow(/≥ 30/);
  });
});
