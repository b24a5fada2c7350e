/**
 * A branch of 3 teams, 2 phones each (one founded the team, one joined it by a code), on the
 * real endpoint and SQLite, the real sync engine and the phones' own repositories on
 * fake-indexeddb. Every phone works offline for several days (shifts with roll call, weak
 * workers, talks, hazards opened and closed, weekly help by the branch's risk types), then
 * they sync in a random order through a proxy that cuts connections (seeded).
 * Afterwards: every record of every phone is on the server once, under its own team; each
 * team's help records show their real risk type on the secretary's team page and in the
 * xlsx; no phone holds another team's roster; the two phones of a team hold the same data.
 */
import 'fake-indexeddb/auto';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDuty, updateDuty } from '../../src/db/duties';
import { addHazard, closeItem } from '../../src/db/hazards';
import { outboxSummary } from '../../src/db/outbox';
import { SYNCED_TABLES } from '../../src/db/schema';
import { addWorkers, listWorkers, saveTeam } from '../../src/db/team';
import { addHelpRecord, listRiskTypes, updateHelpRecord } from '../../src/db/weekly';
import type { DayKey, ShiftDef } from '../../src/domain/types';
import { startServer, type RunningServer } from '../../src/server/app';
import { createBranch, createEnrolCode, createSecretary, createTeam, setConfig, type TeamRow } from '../../src/server/store';
import { prng } from '../fixtures/prng';
import { ownPassword, signIn } from '../server/helpers';
import { FaultProxy } from './fault-proxy';
import { on, realPhone, type RealPhone } from './real-phone';

const SEED = 20261202;
const rnd = prng(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const SHIFTS: ShiftDef[] = [
  { id: 's0', name: '零点班', start: '00:00', end: '08:00' },
  { id: 's8', name: '八点班', start: '08:00', end: '16:00' },
  { id: 's16', name: '四点班', start: '16:00', end: '00:00' },
];
/** The branch's risk types: their item ids become riskTypes record ids on every phone of every team. */
const RISK_TYPES = ['思想波动', '家庭困难', '身体健康', '违章倾向'].map((name, order) => ({ id: `rt-${order}`, name, retired: false, order }));
const DAYS: DayKey[] = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-09', '2026-11-10'];
const weekOf = (day: DayKey) => (day < '2026-11-09' ? '2026-W45' : '2026-W46');

interface TeamCase { team: TeamRow; founder: RealPhone; joiner: RealPhone; roster: string[] }

let root = '';
let server: RunningServer;
let proxy: FaultProxy;
let branchId = '';
let teams: TeamCase[] = [];
/** Which help record named which risk type, per team: what the secretary must see. */
const helped = new Map<string, { teamId: string; riskTypeName: string; situation: string }>();


/** One shift followed offline: every section of 日跟班, weak workers, talks, sometimes a hazard. */
async function followShift(phone: RealPhone, day: DayKey, shift: ShiftDef): Promise<void> {
  await on(phone, async () => {
    const workers = (await listWorkers()).map((w) => w.id);
    const d = await ensureDuty(day, shift, workers.length);
    await updateDuty(d.id, (x) => ({ ...x, districtMeeting: { attended: true, note: '强调顶板管理' } }));
    await updateDuty(d.id, (x) => ({ ...x, rollCall: { ...x.rollCall, absentees: rnd() < 0.4 ? [pick(workers)] : [], confirmed: true } }));
    await updateDuty(d.id, (x) => ({ ...x, documents: { items: ['矿安全生产通知'], none: false }, lessonTopic: '班前教育60秒：防治水' }));
    await updateDuty(d.id, (x) => ({ ...x, safetyConfirmed: true }));
    const weak = rnd() < 0.6 ? [{ workerId: pick(workers), reasons: ['fatigue' as const], reasonOther: '', actions: ['talk' as const], actionOther: '' }] : [];
    await updateDuty(d.id, (x) => ({ ...x, weak: { none: weak.length === 0, entries: weak } }));
    await updateDuty(d.id, (x) => ({ ...x, talks: { workerIds: [pick(workers)], none: false }, organisationDone: true }));
    if (rnd() < 0.5) {
      const h = await addHazard({ day, shiftName: shift.name, dutyId: d.id }, { description: `${day} 工作面支护隐患`, responsible: '张班长', deadline: null });
      if (rnd() < 0.6) await closeItem(h.id, day, '已整改验收');
    } else {
      await updateDuty(d.id, (x) => ({ ...x, hazardsNone: true }));
    }
  });
}

/** 周帮扶: a worker helped under one of the branch's risk types. */
async function helpSomeone(phone: RealPhone, t: TeamCase, day: DayKey): Promise<void> {
  await on(phone, async () => {
    const types = (await listRiskTypes()).filter((x) => !x.retired && x.id.startsWith('rt-'));
    if (types.length === 0) throw new Error(`${phone.name}: the branch's risk types never arrived`);
    const type = pick(types);
    const worker = pick(await listWorkers());
    const rec = await addHelpRecord(weekOf(day), worker.id);
    const situation = `${phone.name} ${day} 帮扶 ${worker.name}`;
    await updateHelpRecord(rec.id, (r) => ({ ...r, riskTypeIds: [type.id], situation, measures: '谈心谈话', result: 'watching', nextStep: '继续关注' }));
    helped.set(rec.id, { teamId: t.team.id, riskTypeName: type.name, situation });
  });
}

/** Syncs every phone in a random order, each window of coverage a new connection, until all is sent. */
async function syncAll(phones: RealPhone[], faultyRounds: number): Promise<void> {
  for (let round = 0; round < 60; round++) {
    proxy.planner = round < faultyRounds
      ? () => (rnd() < 0.4 ? { dir: 'none', offset: 0 } : rnd() < 0.5 ? { dir: 'up', offset: int(3_000) } : { dir: 'down', offset: int(2_000) })
      : () => ({ dir: 'none', offset: 0 });
    const order = [...phones].sort(() => rnd() - 0.5);
    let clean = round >= faultyRounds;
    for (const p of order) {
      await proxy.reset();
      const outcome = await p.sync();
      if (outcome === 'revoked' || outcome === 'unenrolled') throw new Error(`${p.name}: ${outcome}`);
      if (outcome !== 'done' || (await outboxSummary(p.db)).pending > 0) clean = false;
    }
    if (clean) return;
  }
  throw new Error('phones did not finish sending');
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'xzw-teams-'));
  server = await startServer({ port: 0, dataDir: join(root, 'data'), distDir: join(root, 'dist') });
  proxy = new FaultProxy(server.port);
  await proxy.listen();
  const now = Date.now();
  branchId = createBranch(server.db, '综采一队党支部', now).id;
  setConfig(server.db, branchId, 'riskTypes', RISK_TYPES, now);
  const url = `http://127.0.0.1:${proxy.port}`;
  teams = ['甲班', '乙班', '丙班'].map((name, i) => {
    const team = createTeam(server.db, branchId, name, now, '综采一队');
    // Each team's roster, known to the secretary: it must reach that team's phones only.
    const roster = [0, 1, 2, 3, 4].map((k) => `${name}工人${k}`);
    setConfig(server.db, branchId, `team:${team.id}:roster`,
      roster.map((n, k) => ({ id: `w-${i}-${k}`, name: n, post: '支架工', partyMember: k === 0, retired: false })), now);
    return { team, founder: realPhone(`${name}小政委`, url), joiner: realPhone(`${name}代班党员`, url), roster };
  });
}, 60_000);

afterAll(async () => {
  for (const t of teams) for (const p of [t.founder, t.joiner]) p.close();
  await proxy.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a branch of 3 teams, 2 phones each, offline for days, synced in random order with cuts', () => {
  it('founds, joins, works offline and syncs: each record once under its team, the same data on both phones of a team', async () => {
    proxy.planner = () => ({ dir: 'none', offset: 0 });
    for (const t of teams) {
      await t.founder.enrol(createEnrolCode(server.db, t.team.id, Date.now()).code);
      await on(t.founder, () => saveTeam({ district: '综采一队', name: t.team.name, instructorName: '刘建国', timeZone: 'Asia/Shanghai', overnightRule: 'next', shifts: SHIFTS }));
      await on(t.founder, () => addWorkers([{ name: `${t.team.name}新工人`, post: '电工' }]));
    }
    await syncAll(teams.map((t) => t.founder), 0);
    // The second phone joins by a code of the same team and restores the team from the server.
    for (const t of teams) await t.joiner.enrol(createEnrolCode(server.db, t.team.id, Date.now()).code);
    await syncAll(teams.map((t) => t.joiner), 0);

    // Several days offline: the instructor follows one shift, the substitute another.
    for (const day of DAYS) {
      for (const t of teams) {
        await followShift(t.founder, day, SHIFTS[1]!);
        await followShift(t.joiner, day, pick([SHIFTS[0]!, SHIFTS[2]!]));
        if (rnd() < 0.5) await helpSomeone(pick([t.founder, t.joiner]), t, day);
      }
    }
    for (const t of teams) await helpSomeone(t.joiner, t, DAYS[0]!); // every joiner helped someone at least once

    const all = teams.flatMap((t) => [t.founder, t.joiner]);
    await syncAll(all, 4);
    await syncAll(all, 0); // a last clean round: each phone pulls what the others sent last

    const db = server.db;
    for (const t of teams) {
      const phones = [t.founder, t.joiner];
      const held = await Promise.all(phones.map(async (p) => {
        const out = new Map<string, string>();
        for (const table of SYNCED_TABLES) {
          for (const r of (await p.db.table(table).toArray()) as { id: string; rev: number; deleted: boolean; dirty: number }[]) {
            expect(r.dirty, `${p.name} ${table}/${r.id} still unsent`).toBe(0);
            out.set(`${table}/${r.id}`, `${r.rev}${r.deleted ? 'x' : ''}`);
          }
        }
        return out;
      }));
      // The two phones of a team show the same data.
      expect([...held[1]!.entries()].sort(), `${t.team.name}: the two phones differ`).toEqual([...held[0]!.entries()].sort());
      // Every record of the phones is on the server once, under this team, at the same revision.
      const rows = db.prepare('SELECT tbl, id, rev, deleted FROM records WHERE team_id = ?').all(t.team.id) as { tbl: string; id: string; rev: number; deleted: number }[];
      expect(new Map(rows.map((r) => [`${r.tbl}/${r.id}`, `${r.rev}${r.deleted ? 'x' : ''}`]))).toEqual(held[0]);
      // The branch's risk types are stored for this team too (the same ids as the other teams').
      expect(rows.filter((r) => r.tbl === 'riskTypes' && r.id.startsWith('rt-')).map((r) => r.id).sort()).toEqual(RISK_TYPES.map((x) => x.id));
      // No phone holds another team's roster: neither the config rows nor the workers.
      for (const p of phones) {
        const keys = (await p.db.settings.toArray()).map((s) => s.key).filter((k) => k.startsWith('sync.config:team:'));
        expect(keys.every((k) => k.startsWith(`sync.config:team:${t.team.id}:`)), `${p.name}: ${keys.join(', ')}`).toBe(true);
        const names = (await p.db.workers.toArray()).map((w) => w.name);
        for (const other of teams.filter((o) => o !== t)) expect(names.some((n) => other.roster.includes(n)), `${p.name} holds ${other.team.name}'s people`).toBe(false);
        expect(names).toEqual(expect.arrayContaining(t.roster));
      }
    }
    expect(helped.size).toBeGreaterThanOrEqual(3);

    // The secretary's pages and the xlsx show each help record's real risk type.
    const sec = createSecretary(db, branchId, 'shuji', Date.now());
    const { cookie } = await signIn(server.url, 'shuji', ownPassword(db, sec));
    for (const t of teams) {
      const page = await (await fetch(`${server.url}/secretary/team/${t.team.id}?month=2026-11`, { headers: { cookie } })).text();
      expect(page).not.toContain('已停用类型');
      for (const h of [...helped.values()].filter((x) => x.teamId === t.team.id)) {
        expect(page).toMatch(new RegExp(`<td>${h.riskTypeName}</td><td>${h.situation}</td>`));
      }
    }
    const res = await fetch(`${server.url}/secretary/export/branch.xlsx?month=2026-11&branch=${branchId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => cells.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|'))));
    expect(cells.join('\n')).not.toContain('已停用类型');
    for (const h of helped.values()) expect(cells.some((c) => c.includes(h.riskTypeName) && c.includes(h.situation)), h.situation).toBe(true);
  }, 240_000);
});
