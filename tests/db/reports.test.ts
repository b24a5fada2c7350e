import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  changeReport, getReport, loadMonthInput, loadSourceRecords, monthFigures, submitMonthReport,
} from '../../src/db/reports';
import { isRevised } from '../../src/domain/report';
import { computeMonthFigures } from '../../src/domain/report-figures';
import {
  closed, duty, hardship, hazard, help, pair, riskType, screening, team, worker,
} from '../domain/report-fixtures';
import { useFreshDb } from './fresh-db';

const t = useFreshDb();

const ids = (rs: readonly { id: string }[]) => rs.map((r) => r.id).sort();

/** November 2026 with neighbours on both sides of every boundary loadMonthInput filters on. */
async function seedNovember() {
  await t.db.teams.put(team);
  await t.db.workers.bulkPut([worker('w1', '张三'), { ...worker('w2', '李四'), deleted: true }]);
  await t.db.duties.bulkPut([
    duty('d-oct31', '2026-10-31', 'middle', { lessonTopic: '十月最后一天' }),
    duty('d-nov1', '2026-11-01', 'night', { lessonTopic: '防治水' }),
    duty('d-nov30', '2026-11-30', 'morning', { talks: { workerIds: ['w1'], none: false } }),
    duty('d-dec1', '2026-12-01', 'night', { lessonTopic: '十二月' }),
  ]);
  await t.db.hazards.bulkPut([
    hazard('h-old-open', '2026-03-02'),
    closed(hazard('h-old-closed', '2026-03-02'), '2026-03-10'),
    closed(hazard('h-closed-in-nov', '2026-09-01'), '2026-11-12'),
    closed(hazard('h-closed-in-dec', '2026-10-01'), '2026-12-02'),
    hazard('h-nov', '2026-11-15'),
    hazard('h-dec', '2026-12-03'),
  ]);
  await t.db.riskTypes.put(riskType('rt1', '思想波动', 0) as never);
  await t.db.weeklyScreenings.bulkPut([screening('s44', '2026-W44', true), screening('s45', '2026-W45', true), screening('s49', '2026-W49', true)] as never[]);
  await t.db.helpRecords.bulkPut([
    help('hr-sep', '2026-W38', 'w1', ['rt1'], 'watching'),
    help('hr-w2-sep', '2026-W38', 'w2', ['rt1'], 'watching'),
    help('hr-w2-oct', '2026-W41', 'w2', ['rt1'], 'resolved'), // w2 no longer watched at November's end
    help('hr-w3-aug', '2026-W33', 'w3', ['rt1'], 'resolved'),
    help('hr-w3-sep', '2026-W36', 'w3', ['rt1'], 'watching'), // w3 carried into November
    help('hr-nov', '2026-W47', 'w1', ['rt1'], 'watching'),
    help('hr-dec', '2026-W49', 'w1', ['rt1'], 'resolved'),
  ] as never[]);
  await t.db.pairs.put(pair('p1', ['w1'], '2026-01-01', null) as never);
  await t.db.hardships.bulkPut([hardship('hs-oct', '2026-10-31', 'w1', 'visit', null), hardship('hs-nov', '2026-11-02', 'w1', 'fund', 200)] as never[]);
}

async function fillText(month = '2026-11') {
  await changeReport(month, () => ({ lookBack: '本月跟班正常', progress: '标准化达标' }));
  await changeReport(month, (r) => ({ nextPriorities: [...r.nextPriorities, '雨季防治水教育'] }));
}

describe('loadMonthInput', () => {
  it('reads the month’s records and every hazard that can still matter, nothing of other months', async () => {
    await seedNovember();
    const input = await loadMonthInput('2026-11');
    expect(ids(input.duties)).toEqual(['d-nov1', 'd-nov30']); // Oct 31 and Dec 1 are left out
    expect(ids(input.hazards)).toEqual(['h-closed-in-dec', 'h-closed-in-nov', 'h-nov', 'h-old-open']);
    expect(ids(input.weeklyScreenings)).toEqual(['s45']); // W44 is October's, W49 December's
    // Earlier months carry people over: only each worker's latest earlier record is needed.
    expect(ids(input.helpRecords)).toEqual(['hr-nov', 'hr-sep', 'hr-w2-oct', 'hr-w3-sep']);
    expect(ids(input.hardships)).toEqual(['hs-nov']);
    expect(ids(input.workers)).toEqual(['w1', 'w2']); // tombstoned workers still name old records
    expect(input.team.shifts.map((s) => s.id)).toEqual(['night', 'morning', 'middle']);
  });

  it('gives the same figures as computing over every record', async () => {
    await seedNovember();
    const all = {
      team, duties: await t.db.duties.toArray(), hazards: await t.db.hazards.toArray(), workers: await t.db.workers.toArray(),
      weeklyScreenings: await t.db.weeklyScreenings.toArray(), helpRecords: await t.db.helpRecords.toArray(),
      pairs: await t.db.pairs.toArray(), hardships: await t.db.hardships.toArray(), riskTypes: await t.db.riskTypes.toArray(),
    } as unknown as Parameters<typeof computeMonthFigures>[1];
    const figures = await monthFigures('2026-11');
    expect(figures).toEqual(computeMonthFigures('2026-11', all));
    expect(figures.hazards.openAtEnd.value).toBe(3); // old open, closed only in December, found in November
    expect(figures.daily.talks.count.value).toBe(1);
    expect(figures.weekly.stillWatching.people.workerIds).toEqual(['w1', 'w3']);
  });
});

describe('report text and submissions', () => {
  it('creates the report on the first edit only and keeps both edits', async () => {
    expect(await getReport('2026-11')).toBeUndefined();
    await Promise.all([
      changeReport('2026-11', () => ({ lookBack: 'a' })),
      changeReport('2026-11', () => ({ progress: 'b' })),
    ]);
    expect(await t.db.reports.count()).toBe(1);
    expect(await getReport('2026-11')).toMatchObject({ lookBack: 'a', progress: 'b', status: 'draft', dirty: 1 });
  });

  it('refuses an incomplete report with zh-CN messages and keeps the text', async () => {
    await changeReport('2026-11', () => ({ lookBack: '只写了回头看' }));
    const r = await submitMonthReport('2026-11');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message)).toEqual(['请填写班组管理进展', '请至少填写一条次月工作重点']);
    expect(await getReport('2026-11')).toMatchObject({ lookBack: '只写了回头看', status: 'draft', submissions: [] });
  });

  it('submit then revise keeps both submissions, each with its own figures and text', async () => {
    await seedNovember();
    await fillText();
    const first = await submitMonthReport('2026-11');
    expect(first.ok).toBe(true);
    await t.db.duties.put(duty('d-nov2', '2026-11-02', 'morning', { talks: { workerIds: ['w1'], none: false } }));
    await changeReport('2026-11', () => ({ lookBack: '补充：11月2日谈心一次' }));
    const second = await submitMonthReport('2026-11');
    expect(second.ok).toBe(true);
    const r = (await getReport('2026-11'))!;
    expect(r.submissions.map((s) => [s.revision, s.text.lookBack, s.figures.daily.talks.count.value])).toEqual([
      [1, '本月跟班正常', 1],
      [2, '补充：11月2日谈心一次', 2],
    ]);
    expect(isRevised(r)).toBe(true);
    expect(r.status).toBe('submitted');
  });

  it('folds in the review pulled by sync', async () => {
    await fillText();
    const r = await submitMonthReport('2026-11');
    if (!r.ok) throw new Error('not submitted');
    await t.db.settings.put({ key: `sync.review:${r.report.id}`, value: { reportId: r.report.id, score: 92, feedback: '很好', adoptedIdeaIds: [], reviewedAt: 5 } });
    expect((await getReport('2026-11'))!.review).toEqual({ score: 92, feedback: '很好', adoptedIdeaIds: [], reviewedAt: 5 });
  });

  it('shows no review a record carries itself (a teammate phone forging the secretary), only the pulled one', async () => {
    await fillText();
    const r = await submitMonthReport('2026-11');
    if (!r.ok) throw new Error('not submitted');
    const idea = { id: 'idea-1', title: '自评', content: '', expectedEffect: '', adopted: true };
    // As pulled from a teammate's phone through an old server that kept it.
    await t.db.reports.put({ ...r.report, ideas: [idea], review: { score: 100, feedback: '书记评语：全支部第一', reviewedAt: 9, adoptedIdeaIds: ['idea-1'] } } as never);
    const shown = (await getReport('2026-11'))!;
    expect(shown.review).toBeNull();
    expect(shown.ideas.map((i) => i.adopted)).toEqual([false]);
    await t.db.settings.put({ key: `sync.review:${r.report.id}`, value: { reportId: r.report.id, score: 61, feedback: '需改进', adoptedIdeaIds: ['idea-1'], reviewedAt: 10 } });
    const reviewed = (await getReport('2026-11'))!;
    expect(reviewed.review).toEqual({ score: 61, feedback: '需改进', adoptedIdeaIds: ['idea-1'], reviewedAt: 10 });
    expect(reviewed.ideas.map((i) => i.adopted)).toEqual([true]);
  });

  it('loads the records behind a figure, tombstones included', async () => {
    await seedNovember();
    const rows = await loadSourceRecords('workers' as never, ['w2', 'w1', 'missing']);
    expect(rows.map((r) => [r.id, r.deleted])).toEqual([['w2', true], ['w1', false]]);
  });
});
