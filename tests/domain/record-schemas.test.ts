/**
 * The per-table body schemas (src/domain/record-schemas.ts). The worst outcome is a schema
 * stricter than the app: a phone's real data would be stuck in its outbox. So every record
 * the domain constructors and the seeded generators make must pass, tombstones and scrubbed
 * copies too; and each kind of broken body fails with a message naming path and expectation.
 */
import { describe, expect, it } from 'vitest';
import { shiftRecords } from '../../bench/load';
import { addMonths, monthKey } from '../../src/domain/calendar';
import { newDuty } from '../../src/domain/checklist';
import { closeHazard, editHazard, newHazard, reopenHazard, reviewHazard, withdrawHazard } from '../../src/domain/hazard';
import { uuidv7 } from '../../src/domain/ids';
import { RECORD_SCHEMAS, validateRecordBody, WIRE_LIST_MAX, WIRE_TEXT_MAX } from '../../src/domain/record-schemas';
import { applyReview, editReport, newIdea, newReport, submitReport, type MonthlyReport } from '../../src/domain/report';
import { computeMonthFigures } from '../../src/domain/report-figures';
import { scrubSensitive } from '../../src/domain/retention';
import { defaultRiskTypes } from '../../src/domain/risk-types';
import { SYNC_TABLE_NAMES, type SyncTableName } from '../../src/domain/sync-protocol';
import { newHelpRecord, newWeeklyScreening } from '../../src/domain/weekly';
import { startFollowUp } from '../../src/domain/weekly-carry';
import { freshMeta } from '../../src/domain/weekly-meta';
import { generateTeamData, type TeamData } from '../fixtures/generate';
import { generateTeamData as generateReportData } from '../fixtures/report-data';
import { team as reportTeam } from './report-fixtures';

type Rec = { id: string; rev: number; updatedAt: number; deleted: boolean } & object;

/** The body as the phone sends it and the server stores it: without the phone-local fields. */
function wire(r: Rec): Record<string, unknown> {
  const { dirty: _d, ackedAt: _a, scrubbedAt: _s, ...body } = r as Rec & { dirty?: unknown; ackedAt?: unknown; scrubbedAt?: unknown };
  return body;
}

function expectValid<T extends Rec>(table: SyncTableName, records: readonly T[]): void {
  const bad = records
    .map((r) => ({ id: r.id, check: validateRecordBody(table, wire(r)) }))
    .filter((x) => !x.check.ok);
  expect(bad.slice(0, 3), `${bad.length} of ${records.length} ${table} refused`).toEqual([]);
}

/** Every table of a generated history, plus submitted and reviewed reports of its last months. */
function expectTeamValid(d: TeamData, months: string[]): number {
  const tables: [SyncTableName, readonly Rec[]][] = [
    ['teams', [d.team]], ['workers', d.workers], ['riskTypes', d.riskTypes], ['duties', d.duties], ['hazards', d.hazards],
    ['weeklyScreenings', d.weeklyScreenings], ['helpRecords', d.helpRecords], ['pairs', d.pairs], ['hardships', d.hardships],
  ];
  let n = 0;
  for (const [table, records] of tables) {
    expectValid(table, records);
    expectValid(table, records.map((r) => ({ ...r, deleted: true }))); // the tombstone is the full record
    n += records.length;
  }
  const reports = months.map((m) => reportFor(m, d));
  expectValid('reports', reports);
  return n + reports.length;
}

let idn = 0;
const newId = () => uuidv7(1_764_000_000_000 + ++idn, (k) => new Uint8Array(k).fill(idn % 256));

function reportFor(month: string, d: Pick<TeamData, 'team' | 'duties' | 'hazards' | 'workers' | 'riskTypes' | 'weeklyScreenings' | 'helpRecords' | 'pairs' | 'hardships'>): MonthlyReport {
  const at = Date.parse(`${addMonths(month, 1)}-03T18:00:00+08:00`);
  const ideas = [{ ...newIdea(newId), title: '班前会一人一题', content: '随机抽一名职工复述风险点', expectedEffect: '提高参与度' }, newIdea(newId)];
  const text = { lookBack: '回头看', progress: '平稳', nextPriorities: ['雨季防治水', ''], methods: '', ideas: [{ ...ideas[0]! }] };
  const r = editReport({ ...newReport(month, at, newId), ideas }, text, at);
  const figures = computeMonthFigures(month, d);
  const twice = submitReport(submitReport(r, figures, at), figures, at + 3_600_000);
  return applyReview(twice, { score: 92.5, feedback: ' 扎实 ', reviewedAt: null, adoptedIdeaIds: [ideas[0]!.id, 'unknown'] }, at + 7_200_000);
}

describe('record body schemas accept everything the app makes', () => {
  it('cover exactly the synced tables', () => {
    expect(Object.keys(RECORD_SCHEMAS)).toEqual([...SYNC_TABLE_NAMES]);
  });

  it('every record of a seeded 24-month team history (generate.ts), as records and as tombstones', () => {
    const d = generateTeamData({ months: 24 });
    const last = monthKey('2026-11-21');
    const n = expectTeamValid(d, [addMonths(last, -2), addMonths(last, -1), last]);
    expect(n).toBeGreaterThan(800);
  });

  it('other seeds and team sizes, and the browser-test generator (report-data.ts)', () => {
    for (const seed of [1, 7, 99]) expectTeamValid(generateTeamData({ seed, months: 6, workers: 5 + seed }), ['2026-10']);
    const e2e = generateReportData({ team: reportTeam, lastMonth: '2026-11', months: 6, seed: 5 });
    expectTeamValid({ ...e2e, team: reportTeam }, ['2026-11', '2026-10']);
  });

  it('what the domain constructors make, fresh, edited and scrubbed by retention', () => {
    const d = newDuty({ id: newId(), createdAt: 1_000 }, '2026-11-01', { id: 's1', name: '八点班' }, null);
    const weakDuty = { ...d, weak: { none: false, entries: [{ workerId: 'w1', reasons: ['other' as const], reasonOther: '家中有事', actions: ['talk' as const], actionOther: '' }] } };
    expectValid('duties', [d, weakDuty, { ...d, dayOff: true }, scrubSensitive('duties', weakDuty, 5_000)!]);
    const h = newHazard({ id: newId(), createdAt: 1_000 }, { day: '2026-11-01', shiftName: '八点班', dutyId: null }, { description: ' 漏液 ', responsible: '', deadline: null });
    const closed = closeHazard(h, 2_000, '2026-11-02', '已整改');
    expectValid('hazards', [h, closed, reopenHazard(closed, 3_000, '2026-11-03', '复查未通过')]);
    const s = newWeeklyScreening('2026-W45', 1_000, newId);
    expectValid('weeklyScreenings', [s, { ...s, noneAtRisk: true, note: '无' }, scrubSensitive('weeklyScreenings', { ...s, note: '无' }, 5_000)!]);
    const help = { ...newHelpRecord('2026-W45', 'w1', 1_000, newId), riskTypeIds: ['t1'], result: 'watching' as const, nextStep: '继续谈心', talkDays: ['2026-11-04'] };
    expectValid('helpRecords', [newHelpRecord('2026-W45', 'w1', 1_000, newId), help, startFollowUp(help, '2026-W46', 2_000, newId), scrubSensitive('helpRecords', help, 5_000)!]);
    expectValid('riskTypes', defaultRiskTypes(1_000, newId));
    expectValid('reports', [newReport('2026-11', 1_000, newId), editReport(newReport('2026-11', 1_000, newId), { ideas: [newIdea(newId)], nextPriorities: [''] }, 2_000)]);
    const meta = freshMeta(1_000, newId);
    expectValid('pairs', [{ ...meta, mentorId: 'w1', workerIds: ['w2', 'w3'], since: '2026-11-01', until: null }]);
    const hardship = { ...meta, workerId: 'w1', kind: '疾病', help: 'fund' as const, amountYuan: 500, day: '2026-11-15', note: '住院', followUp: '' };
    expectValid('hardships', [hardship, { ...hardship, help: 'visit' as const, amountYuan: null }, scrubSensitive('hardships', hardship, 5_000)!]);
    expectValid('teams', [reportTeam]);
    expectValid('workers', [{ ...meta, name: '张三', post: '', partyMember: true }]);
  });

  it('the records the load benchmark pushes (bench/load.ts)', () => {
    for (const r of shiftRecords(1, 3, 1_764_000_000_000)) expect(validateRecordBody(r.table as SyncTableName, r.body), r.id).toEqual({ ok: true });
  });

  it('keeps unknown extra keys (a newer app may add fields)', () => {
    const d = wire(newDuty({ id: 'd1', createdAt: 1_000 }, '2026-11-01', { id: 's1', name: '八点班' }, 10));
    expect(validateRecordBody('duties', { ...d, addedLater: { x: [1, 2] }, districtMeeting: { attended: true, note: '', photo: 'p.jpg' } })).toEqual({ ok: true });
  });
});

describe('record body schemas refuse what would break the pages, precisely', () => {
  const d = wire(newDuty({ id: 'd1', createdAt: 1_000 }, '2026-11-01', { id: 's1', name: '八点班' }, 10));
  const refused = (table: SyncTableName, body: Record<string, unknown>) => {
    const r = validateRecordBody(table, body);
    if (r.ok) throw new Error(`accepted: ${JSON.stringify(body).slice(0, 200)}`);
    return r;
  };

  it('a duty without districtMeeting (the bug the property test found)', () => {
    const { districtMeeting: _m, ...body } = d;
    expect(refused('duties', body)).toMatchObject({ path: 'districtMeeting', expected: 'Object', message: 'duties.districtMeeting: missing, expected Object' });
  });

  it('hazards: corrections, 复查, withdrawals and the branch lists pass; a bad change or reason is refused', () => {
    const h = newHazard({ id: 'h9', createdAt: 1 }, { day: '2026-11-01', shiftName: '八点班', dutyId: null }, { description: '漏液', responsible: '', deadline: null, category: 'hc-1', severity: 'hs-2' });
    const edited = editHazard(h, 2, '2026-11-02', { description: '立柱漏液', responsible: '张三', deadline: '2026-11-05', category: 'hc-2', severity: 'hs-2' });
    const reviewed = reviewHazard(edited, 3, '2026-11-03', '复查合格');
    expectValid('hazards', [h, edited, reviewed, closeHazard(reviewed, 4, '2026-11-04', ''), withdrawHazard(edited, 5, '2026-11-02', '误登记')]);
    // A record from before the lists (no category, severity, reason) still passes.
    const { category: _c, severity: _s, ...old } = wire(h);
    expect(validateRecordBody('hazards', old)).toEqual({ ok: true });
    expect(refused('hazards', { ...wire(edited), history: [{ ...edited.history[0]!, changes: [{ field: 'status', from: 'open', to: 'closed' }] }] }).path).toBe('history.0.changes.0.field');
    expect(refused('hazards', { ...wire(h), history: [{ at: 1, action: 'erase', note: '', day: '2026-11-01' }] }).path).toBe('history.0.action');
    expect(refused('hazards', { ...wire(h), deleted: true, deleteReason: 7 }).path).toBe('deleteReason');
    expect(refused('hazards', { ...wire(h), category: 'c'.repeat(65) }).path).toBe('category');
  });

  it('a wrong enum value, nested', () => {
    const body = { ...d, weak: { none: false, entries: [{ workerId: 'w1', reasons: ['bored'], reasonOther: '', actions: [], actionOther: '' }] } };
    const r = refused('duties', body);
    expect(r.path).toBe('weak.entries.0.reasons.0');
    expect(r.message).toMatch(/^duties\.weak\.entries\.0\.reasons\.0: expected \("fatigue" \| .*"other"\), received "bored"$/);
    expect(refused('hazards', { ...wire(newHazard({ id: 'h1', createdAt: 1 }, { day: '2026-11-01', shiftName: '八点班', dutyId: null }, { description: 'x', responsible: '', deadline: null })), status: 'fixed' }).message)
      .toBe('hazards.status: expected ("open" | "closed"), received "fixed"');
  });

  it('a string where a number (or null) is expected', () => {
    const r = refused('duties', { ...d, rollCall: { expected: '20', absentees: [], confirmed: true } });
    expect(r.message).toBe('duties.rollCall.expected: expected (number | null), received "20"');
    expect(refused('hardships', { ...freshMeta(1, () => 'x1'), workerId: 'w', kind: 'k', help: 'fund', amountYuan: '500', day: '2026-11-01', note: '', followUp: '' }).path).toBe('amountYuan');
  });

  it('a nullable answer given as text', () => {
    expect(refused('duties', { ...d, districtMeeting: { attended: 'yes', note: '' } }).message)
      .toBe('duties.districtMeeting.attended: expected (boolean | null), received "yes"');
  });

  it('a huge array or text', () => {
    const many = Array.from({ length: WIRE_LIST_MAX + 1 }, (_, i) => `w${i}`);
    expect(refused('duties', { ...d, talks: { workerIds: many, none: false } }).message)
      .toBe(`duties.talks.workerIds: expected length <=${WIRE_LIST_MAX}, received ${WIRE_LIST_MAX + 1}`);
    const r = refused('duties', { ...d, lessonTopic: 'x'.repeat(WIRE_TEXT_MAX + 1) });
    expect(r.message).toBe(`duties.lessonTopic: expected length <=${WIRE_TEXT_MAX}, received ${WIRE_TEXT_MAX + 1}`);
  });

  it('nested garbage, malformed keys and meta', () => {
    // An array is an object to JavaScript; it fails on the first key it lacks.
    expect(refused('duties', { ...d, weak: [[[[1]]]] }).message).toBe('duties.weak.none: missing, expected boolean');
    expect(refused('duties', { ...d, weak: 'none' }).message).toBe('duties.weak: expected Object, received "none"');
    expect(refused('duties', { ...d, documents: { items: [{ a: 1 }], none: false } }).message).toBe('duties.documents.items.0: expected string, received Object');
    expect(refused('duties', { ...d, day: '2026-02-30' }).message).toBe('duties.day: expected a day "yyyy-MM-dd", received "2026-02-30"');
    expect(refused('weeklyScreenings', { ...wire(newWeeklyScreening('2026-W45', 1, () => 's')), week: 'W45' }).message)
      .toBe('weeklyScreenings.week: expected an ISO week "yyyy-Www", received "W45"');
    expect(refused('reports', { ...wire(newReport('2026-11', 1, () => 'r1')), month: '2026-13' }).message)
      .toBe('reports.month: expected a month "yyyy-MM", received "2026-13"');
    expect(refused('duties', { ...d, rev: 0 }).message).toBe('duties.rev: expected >=1, received 0');
    expect(refused('duties', { ...d, rollCall: { expected: 2.5, absentees: [], confirmed: true } }).message)
      .toBe('duties.rollCall.expected: expected an integer, received 2.5');
    expect(refused('duties', { ...d, createdAt: 'yesterday' }).path).toBe('createdAt');
    expect(refused('teams', { ...reportTeam, shifts: [{ id: 's', name: '夜班', start: '23:00', end: '7:00' }] }).message)
      .toBe('teams.shifts.0.end: expected a time "HH:mm", received "7:00"');
    expect(refused('reports', { ...wire(newReport('2026-11', 1, () => 'r1')), submissions: [{ at: 1, revision: 1, figures: {}, text: {} }] }).message)
      .toBe('reports.submissions.0.figures.schema: missing, expected number');
    expect(refused('reports', { ...wire(newReport('2026-11', 1, () => 'r1')), review: { score: 1 } }).path).toBe('review.feedback');
  });

  it('a long received value is cut, so the message stays readable', () => {
    const r = refused('duties', { ...d, shiftName: 7, lessonTopic: 1 });
    expect(r.message).toBe('duties.shiftName: expected string, received 7');
    expect(refused('duties', { ...d, day: 'x'.repeat(500) }).received.length).toBeLessThan(70);
  });
});
