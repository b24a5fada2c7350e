/**
 * The instructor and a substitute follow the same shift offline on two phones of one team.
 * After both sync (real endpoint, real engine, the phones' repositories): no tick is lost,
 * whether they ticked two records of the shift (each phone started its own) or the same one
 * (a shift both phones already held), and every other record of either phone is on both.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDuty, findDuty, updateDuty } from '../../src/db/duties';
import { addHazard } from '../../src/db/hazards';
import { outboxSummary } from '../../src/db/outbox';
import { changeReport } from '../../src/db/reports';
import { SYNCED_TABLES } from '../../src/db/schema';
import { addWorkers, listWorkers, saveTeam } from '../../src/db/team';
import { addHelpRecord, updateScreening } from '../../src/db/weekly';
import type { DailyDuty, ShiftDef } from '../../src/domain/types';
import { startServer, type RunningServer } from '../../src/server/app';
import { createBranch, createEnrolCode, createTeam, type TeamRow } from '../../src/server/store';
import { on, realPhone, type RealPhone } from './real-phone';

const SHIFT: ShiftDef = { id: 's8', name: '八点班', start: '08:00', end: '16:00' };
let root = '';
let server: RunningServer;
let team: TeamRow;
let instructor: RealPhone;
let substitute: RealPhone;

const tick = (p: RealPhone, id: string, change: (d: DailyDuty) => DailyDuty) => on(p, () => updateDuty(id, change));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'xzw-same-'));
  server = await startServer({ port: 0, dataDir: join(root, 'data'), distDir: join(root, 'dist') });
  team = createTeam(server.db, createBranch(server.db, '支部', Date.now()).id, '甲班', Date.now());
  instructor = realPhone('小政委', server.url);
  substitute = realPhone('代班党员', server.url);
});
afterAll(async () => {
  instructor.close();
  substitute.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('two phones of one team on the same shift, offline', () => {
  it('merge without losing a tick, and hold the same records', async () => {
    await instructor.enrol(createEnrolCode(server.db, team.id, Date.now()).code);
    await on(instructor, () => saveTeam({ district: '综采一队', name: '甲班', instructorName: '刘建国', timeZone: 'Asia/Shanghai', overnightRule: 'next', shifts: [SHIFT] }));
    const [a, b, c] = await on(instructor, () => addWorkers([{ name: '王建国', post: '支架工' }, { name: '李春生', post: '电工' }, { name: '赵铁柱', post: '' }]));
    const shared = await on(instructor, () => ensureDuty('2026-11-02', SHIFT, 3));
    expect(await instructor.sync()).toBe('done');
    await substitute.enrol(createEnrolCode(server.db, team.id, Date.now()).code);
    expect(await substitute.sync()).toBe('done');
    expect((await on(substitute, () => listWorkers())).map((w) => w.name).sort()).toEqual(['李春生', '王建国', '赵铁柱'].sort());

    // Offline. The shift both phones hold: each ticks other sections of the same record.
    await tick(instructor, shared.id, (d) => ({ ...d, lessonTopic: '防治水', districtMeeting: { attended: true, note: '' } }));
    await tick(substitute, shared.id, (d) => ({ ...d, safetyConfirmed: true, talks: { workerIds: [b!.id], none: false } }));
    await tick(substitute, shared.id, (d) => ({ ...d, organisationDone: true }));
    // Today's shift: each phone starts its own record of it.
    const mine = await on(instructor, () => ensureDuty('2026-11-03', SHIFT, 3));
    const theirs = await on(substitute, () => ensureDuty('2026-11-03', SHIFT, 3));
    expect(mine.id).not.toBe(theirs.id);
    await tick(instructor, mine.id, (d) => ({ ...d, districtMeeting: { attended: true, note: '早会强调顶板' }, rollCall: { ...d.rollCall, absentees: [c!.id], confirmed: true } }));
    await tick(instructor, mine.id, (d) => ({ ...d, weak: { none: false, entries: [{ workerId: a!.id, reasons: ['fatigue'], reasonOther: '', actions: ['talk'], actionOther: '' }] } }));
    await tick(substitute, theirs.id, (d) => ({ ...d, documents: { items: ['矿通知'], none: false }, safetyConfirmed: true }));
    await tick(substitute, theirs.id, (d) => ({ ...d, weak: { none: false, entries: [{ workerId: a!.id, reasons: ['family'], reasonOther: '', actions: ['rest'], actionOther: '' }] } }));
    await tick(substitute, theirs.id, (d) => ({ ...d, talks: { workerIds: [c!.id], none: false } }));
    const hazard = await on(substitute, () => addHazard({ day: '2026-11-03', shiftName: SHIFT.name, dutyId: theirs.id }, { description: '皮带机护罩松动', responsible: '李春生', deadline: null }));
    // Records of the other kinds, on one phone or the other.
    await on(instructor, () => updateScreening('2026-W45', { noneAtRisk: false, note: '重点关注王建国' }));
    await on(substitute, () => addHelpRecord('2026-W45', a!.id, { situation: '家中老人住院' }));
    await on(instructor, () => changeReport('2026-11', () => ({ lookBack: '本月跟班正常' })));

    for (const p of [instructor, substitute, instructor, substitute]) expect(await p.sync()).toBe('done');

    for (const p of [instructor, substitute]) {
      expect((await outboxSummary(p.db)).pending, p.name).toBe(0);
      const s = (await on(p, () => findDuty('2026-11-02', SHIFT.id)))!;
      expect([s.lessonTopic, s.districtMeeting.attended, s.safetyConfirmed, s.talks.workerIds, s.organisationDone], p.name)
        .toEqual(['防治水', true, true, [b!.id], true]);
      const t = (await on(p, () => findDuty('2026-11-03', SHIFT.id)))!;
      expect(t.districtMeeting, p.name).toEqual({ attended: true, note: '早会强调顶板' });
      expect([t.rollCall.absentees, t.rollCall.confirmed, t.documents.items, t.safetyConfirmed, t.talks.workerIds], p.name)
        .toEqual([[c!.id], true, ['矿通知'], true, [c!.id]]);
      expect(t.weak.entries.map((e) => [e.workerId, [...e.reasons].sort(), [...e.actions].sort()]), p.name).toEqual([[a!.id, ['family', 'fatigue'], ['rest', 'talk']]]);
      expect((await p.db.hazards.get(hazard.id))!.dutyId, p.name).toBe(t.id);
    }
    // The same records on both phones and on the server, one live record of each shift.
    const held = async (p: RealPhone) => {
      const out: string[] = [];
      for (const table of SYNCED_TABLES) for (const r of (await p.db.table(table).toArray()) as { id: string; rev: number; deleted: boolean }[]) out.push(`${table}/${r.id}/${r.rev}/${r.deleted}`);
      return out.sort();
    };
    expect(await held(substitute)).toEqual(await held(instructor));
    const rows = server.db.prepare('SELECT tbl, id, rev, deleted FROM records WHERE team_id = ?').all(team.id) as { tbl: string; id: string; rev: number; deleted: number }[];
    expect(rows.map((r) => `${r.tbl}/${r.id}/${r.rev}/${r.deleted === 1}`).sort()).toEqual(await held(instructor));
    const live = server.db.prepare("SELECT json_extract(body, '$.day') AS day FROM records WHERE team_id = ? AND tbl = 'duties' AND deleted = 0 ORDER BY day").all(team.id);
    expect(live).toEqual([{ day: '2026-11-02' }, { day: '2026-11-03' }]);
    for (const table of ['weeklyScreenings', 'helpRecords', 'reports', 'hazards', 'workers', 'teams']) expect(rows.some((r) => r.tbl === table), table).toBe(true);
  }, 60_000);
});
