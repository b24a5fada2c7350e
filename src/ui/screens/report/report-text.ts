/** Small pure helpers of the report screens (labels and comparisons, no storage). */
import { latestSubmission, type MonthlyReport, type ReportText } from '../../../domain/report';
import { figureChanges, type FigureChange } from '../../../domain/report-diff';
import type { MonthFigures } from '../../../domain/report-figures';
import { wallClock } from '../../../domain/zone';

/** Text as a submission stores it (trimmed, blank priorities dropped), to compare with one. */
function normalised(t: ReportText): string {
  return JSON.stringify([
    t.lookBack.trim(), t.progress.trim(), t.methods.trim(),
    t.nextPriorities.map((p) => p.trim()).filter((p) => p !== ''),
    t.ideas.map((i) => [i.id, i.title.trim(), i.content.trim(), i.expectedEffect.trim()]),
  ]);
}

/** Edited since the last submission: it must be submitted again (as a new revision) to count. */
export function changedSinceSubmit(r: MonthlyReport): boolean {
  const last = latestSubmission(r);
  return !!last && normalised(last.text) !== normalised(r);
}

/** The review belongs to the latest submission unless a revision was submitted after it. */
export function reviewIsCurrent(r: MonthlyReport): boolean {
  const last = latestSubmission(r);
  return !!r.review && !!last && (r.review.reviewedAt ?? 0) >= last.at;
}

/**
 * The figures the records give now against the last submission's snapshot: entries added or
 * changed after submitting make the sent report stale, and it must be submitted again.
 */
export function dataChanges(r: MonthlyReport | undefined, now: MonthFigures | undefined): FigureChange[] {
  const last = r && latestSubmission(r);
  return last && now ? figureChanges(last.figures, now) : [];
}

export type StatusKey = 'draft' | 'pending' | 'sent' | 'edited' | 'stale' | 'reviewed';

export const STATUS_LABELS: Record<StatusKey, string> = {
  draft: '草稿（未提交）',
  pending: '已提交（待发送）',
  sent: '已提交，已发送',
  edited: '有修改未提交',
  stale: '数据已变化',
  reviewed: '已审阅',
};

/**
 * One status, so the lines of the screen never contradict each other. dirty = 1 on a
 * submitted, unchanged report means the sync engine has not sent it yet. `figuresChanged`:
 * the records give other figures than the last submission (see dataChanges).
 */
export function statusOf(r: MonthlyReport | undefined, figuresChanged = false): StatusKey {
  if (!r || r.submissions.length === 0) return 'draft';
  if (changedSinceSubmit(r)) return 'edited';
  if (figuresChanged) return 'stale';
  if (reviewIsCurrent(r)) return 'reviewed';
  return r.dirty === 1 ? 'pending' : 'sent';
}

/** '11月30日 18:05', in the team's zone (the phone may be set to another). */
export function timeLabel(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.month}月${w.day}日 ${two(w.hour)}:${two(w.minute)}`;
}

export const EMPTY_TEXT: ReportText = { lookBack: '', progress: '', nextPriorities: [], methods: '', ideas: [] };
