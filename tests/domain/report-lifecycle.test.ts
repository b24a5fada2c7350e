import { describe, expect, it } from 'vitest';
import {
  applyReview, editReport, isRevised, isSubmitted, latestSubmission, newIdea, newReport, reportDue, reportDueBy,
  submitReport, type MonthlyReport,
} from '../../src/domain/report';
import { computeMonthFigures } from '../../src/domain/report-figures';
import { emptyInput } from './report-fixtures';

const T = Date.UTC(2026, 10, 29, 2);
let n = 0;
const newId = () => `id-${++n}`;
const figures = computeMonthFigures('2026-11', emptyInput());

function filled(): MonthlyReport {
  const r = newReport('2026-11', T, newId);
  const idea = { ...newIdea(newId), title: '班前会二维码签到', content: '扫码签到代替纸质签到表' };
  return editReport(r, {
    lookBack: ' 本月跟班28个班次，薄弱人员均已谈心。 ',
    progress: '班组安全质量标准化达标',
    nextPriorities: ['', '雨季防治水教育', '  '],
    ideas: [idea],
  }, T + 1);
}

describe('月汇报 lifecycle', () => {
  it('starts as an unsent draft', () => {
    const r = newReport('2026-11', T, () => 'r1');
    expect(r).toMatchObject({ id: 'r1', month: '2026-11', status: 'draft', rev: 1, dirty: 1, deleted: false, createdAt: T });
    expect(r.submissions).toEqual([]);
    expect(r.review).toBeNull();
    expect(isSubmitted(r)).toBe(false);
  });

  it('refuses to submit an incomplete report or figures of another month', () => {
    const r = newReport('2026-11', T, newId);
    expect(() => submitReport(r, figures, T)).toThrow(/回头看/);
    const october = computeMonthFigures('2026-10', emptyInput());
    expect(() => submitReport(filled(), october, T)).toThrow(/2026-10/);
  });

  it('submits a trimmed snapshot of text and figures with the time', () => {
    const draft = filled();
    const s = submitReport(draft, figures, T + 10);
    expect(s.status).toBe('submitted');
    expect(s.rev).toBe(draft.rev + 1);
    expect(s.dirty).toBe(1);
    expect(s.updatedAt).toBe(T + 10);
    expect(s.submissions).toHaveLength(1);
    const first = latestSubmission(s);
    expect(first).toMatchObject({ at: T + 10, revision: 1, figures });
    expect(first?.text.lookBack).toBe('本月跟班28个班次，薄弱人员均已谈心。');
    expect(first?.text.nextPriorities).toEqual(['雨季防治水教育']);
    expect(isRevised(s)).toBe(false);
    expect(isSubmitted(s)).toBe(true);
  });

  it('a later submit is revision 2 and leaves the first snapshot as it was', () => {
    const s1 = submitReport(filled(), figures, T + 10);
    const edited = editReport(s1, { progress: '补充：完成两次应急演练' }, T + 20);
    expect(edited.status).toBe('submitted');
    const s2 = submitReport(edited, figures, T + 30);
    expect(s2.submissions.map((x) => [x.revision, x.at, x.text.progress])).toEqual([
      [1, T + 10, '班组安全质量标准化达标'],
      [2, T + 30, '补充：完成两次应急演练'],
    ]);
    expect(isRevised(s2)).toBe(true);
  });

  it('applies a review: status, score, feedback and adopted ideas', () => {
    const s = submitReport(filled(), figures, T + 10);
    const ideaId = s.ideas[0]!.id;
    const r = applyReview(s, { score: 92, feedback: ' 跟班扎实 ', reviewedAt: null, adoptedIdeaIds: [ideaId, 'unknown'] }, T + 99);
    expect(r.status).toBe('reviewed');
    expect(r.review).toEqual({ score: 92, feedback: '跟班扎实', reviewedAt: T + 99, adoptedIdeaIds: [ideaId] });
    expect(r.ideas[0]?.adopted).toBe(true);
    expect(r.rev).toBe(s.rev + 1);

    // Resubmitting after review asks for a new review but keeps the feedback visible.
    const again = submitReport(r, figures, T + 200);
    expect(again.status).toBe('submitted');
    expect(again.review?.feedback).toBe('跟班扎实');
  });

  it('refuses a review of a draft or a score out of range', () => {
    const review = { score: 80, feedback: '', reviewedAt: T, adoptedIdeaIds: [] };
    expect(() => applyReview(filled(), review, T)).toThrow(/not been submitted/);
    const s = submitReport(filled(), figures, T);
    expect(() => applyReview(s, { ...review, score: 120 }, T)).toThrow(/0到100/);
    expect(() => applyReview(s, { ...review, score: Number.NaN }, T)).toThrow(/数字/);
    expect(applyReview(s, { ...review, score: null }, T).review?.score).toBeNull();
  });
});

describe('月汇报 due reminder', () => {
  const due = (today: string, month: string, r: MonthlyReport | null = null) => reportDue(today, month, r);

  it('shows in the last three days of the month and the first five of the next', () => {
    expect(['2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01', '2026-12-05', '2026-12-06'].map((d) => due(d, '2026-11')))
      .toEqual([false, true, true, true, true, false]);
    expect(due('2026-10-31', '2026-11')).toBe(false);
  });

  it('follows month lengths and the year end', () => {
    expect(['2027-02-25', '2027-02-26', '2027-03-05', '2027-03-06'].map((d) => due(d, '2027-02')))
      .toEqual([false, true, true, false]);
    expect(['2028-02-26', '2028-02-27'].map((d) => due(d, '2028-02'))).toEqual([false, true]);
    expect(due('2027-01-05', '2026-12')).toBe(true);
    expect(reportDueBy('2026-12')).toBe('2027-01-05');
  });

  it('a draft still counts as due; a submitted report does not, a deleted one does again', () => {
    const draft = filled();
    expect(due('2026-11-29', '2026-11', draft)).toBe(true);
    const sent = submitReport(draft, figures, T);
    expect(due('2026-11-29', '2026-11', sent)).toBe(false);
    expect(due('2026-11-29', '2026-11', { ...sent, deleted: true })).toBe(true);
  });
});
