/**
 * 月汇报: the instructor's monthly report to the branch and its lifecycle
 * draft → submitted (→ submitted again as a revision) → reviewed. Each submission keeps
 * a snapshot of the figures and text as sent, so what the branch reviewed can always be
 * shown even after the underlying records change. Pure: clock and ids are passed in.
 */
import { addMonths, monthDays } from './calendar';
import type { MonthFigures } from './report-figures-types';
import { validateForSubmit, validateReview } from './report-validate';
import type { DayKey, MonthKey, RecordMeta } from './types';
import { nextRevision } from './revision';
import { freshMeta, type NewId } from './weekly-meta';

export { validateForSubmit, validateReview, type ReportIssue, type Validation } from './report-validate';

/** 金点子: an improvement idea the instructor puts forward with the report. */
export interface GoldenIdea {
  id: string;
  title: string;
  content: string;
  expectedEffect: string;
  adopted: boolean;
}

/** The parts of the report the instructor writes. */
export interface ReportText {
  lookBack: string; // 回头看
  progress: string; // 班组管理进展
  nextPriorities: string[]; // 次月工作重点
  methods: string; // 思想教育方式方法
  ideas: GoldenIdea[]; // 金点子
}

export interface ReportSubmission {
  at: number; // epoch ms
  revision: number; // 1 for the first submission
  figures: MonthFigures;
  text: ReportText;
}

/** The branch's review (考核与纠偏). */
export interface ReportReview {
  score: number | null;
  feedback: string;
  reviewedAt: number | null;
  adoptedIdeaIds: string[];
}

export type ReportStatus = 'draft' | 'submitted' | 'reviewed';

export interface MonthlyReport extends RecordMeta, ReportText {
  month: MonthKey;
  status: ReportStatus;
  submissions: ReportSubmission[];
  review: ReportReview | null;
}

/** The reminder shows in the last days of the month and the next month up to the due day (default the 5th). */
export const DUE_DAYS_BEFORE_END = 3;
export const DUE_DAYS_AFTER_END = 5;

/** A local change: the repository sends it because it is dirty again. */
function touch(r: MonthlyReport, now: number): MonthlyReport {
  return nextRevision(r, now);
}

export function newReport(month: MonthKey, now: number, newId: NewId): MonthlyReport {
  return {
    ...freshMeta(now, newId),
    month,
    status: 'draft',
    lookBack: '',
    progress: '',
    nextPriorities: [],
    methods: '',
    ideas: [],
    submissions: [],
    review: null,
  };
}

export function newIdea(newId: NewId): GoldenIdea {
  return { id: newId(), title: '', content: '', expectedEffect: '', adopted: false };
}

/** Edits the text; the status stays (a submitted report edited again is sent as a revision). */
export function editReport(report: MonthlyReport, patch: Partial<ReportText>, now: number): MonthlyReport {
  return touch({ ...report, ...patch }, now);
}

/** Trimmed copy as sent: blank priorities dropped, adoption is the branch's to set. */
function snapshotText(r: ReportText): ReportText {
  return {
    lookBack: r.lookBack.trim(),
    progress: r.progress.trim(),
    nextPriorities: r.nextPriorities.map((p) => p.trim()).filter((p) => p !== ''),
    methods: r.methods.trim(),
    ideas: r.ideas.map((i) => ({ ...i, title: i.title.trim(), content: i.content.trim(), expectedEffect: i.expectedEffect.trim() })),
  };
}

/**
 * Submits (or resubmits) with the figures computed now. Throws when the text is not
 * complete (the screen calls validateForSubmit first to show the messages) or when the
 * figures are of another month.
 */
export function submitReport(report: MonthlyReport, figures: MonthFigures, now: number): MonthlyReport {
  if (figures.month !== report.month) throw new Error(`submitReport: figures of ${figures.month} for report ${report.month}`);
  const v = validateForSubmit(report);
  if (!v.ok) throw new Error(`submitReport: ${v.issues.map((i) => i.message).join('；')}`);
  const text = snapshotText(report);
  const submission: ReportSubmission = { at: now, revision: report.submissions.length + 1, figures, text };
  return touch({ ...report, ...text, status: 'submitted', submissions: [...report.submissions, submission] }, now);
}

export function isSubmitted(report: MonthlyReport | null | undefined): boolean {
  return !!report && !report.deleted && report.submissions.length > 0;
}

/** Sent more than once: the branch should look at what changed. */
export function isRevised(report: MonthlyReport): boolean {
  return report.submissions.length > 1;
}

export function latestSubmission(report: MonthlyReport): ReportSubmission | null {
  return report.submissions[report.submissions.length - 1] ?? null;
}

/**
 * Records the branch's review of the latest submission. Only ideas of the report can be
 * adopted; each idea's `adopted` flag follows the review. A new submission afterwards
 * makes the status 'submitted' again and keeps this review visible until the next one.
 */
export function applyReview(report: MonthlyReport, review: ReportReview, now: number): MonthlyReport {
  if (!isSubmitted(report)) throw new Error('applyReview: the report has not been submitted');
  const v = validateReview(review);
  if (!v.ok) throw new Error(`applyReview: ${v.issues.map((i) => i.message).join('；')}`);
  const ideaIds = new Set(report.ideas.map((i) => i.id));
  const adopted = [...new Set(review.adoptedIdeaIds)].filter((id) => ideaIds.has(id));
  return touch({
    ...report,
    status: 'reviewed',
    review: { ...review, feedback: review.feedback.trim(), reviewedAt: review.reviewedAt ?? now, adoptedIdeaIds: adopted },
    ideas: report.ideas.map((i) => ({ ...i, adopted: adopted.includes(i.id) })),
  }, now);
}

/**
 * The day the report of `month` is due: the `dueDay`th of the next month (a branch setting,
 * src/domain/reminders.ts; 5 by default). The reminder shows until this day.
 */
export function reportDueBy(month: MonthKey, dueDay: number = DUE_DAYS_AFTER_END): DayKey {
  return `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
}

/**
 * True in the last three days of `month` and the next month up to its due day while that
 * month's report has not been submitted (a draft does not count).
 */
export function reportDue(today: DayKey, month: MonthKey, report: MonthlyReport | null | undefined, dueDay?: number): boolean {
  if (isSubmitted(report)) return false;
  const days = monthDays(month);
  const from = days[Math.max(0, days.length - DUE_DAYS_BEFORE_END)];
  return from !== undefined && today >= from && today <= reportDueBy(month, dueDay);
}
