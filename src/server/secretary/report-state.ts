/**
 * Where a team's monthly report stands for the branch: 未提交, 已提交, 已评分, or 待复评 (a
 * revision was submitted after the score). The one place that decides it: the dashboard,
 * the team page, the report page, print, Word and xlsx all ask reportState.
 */
import type { MonthlyReport } from '../../domain/report';
import type { Sqlite } from '../db';

export type ReportState = 'none' | 'submitted' | 'scored' | 'rereview';
export const REPORT_STATE_LABEL: Record<ReportState, string> = { none: '未提交', submitted: '已提交', scored: '已评分', rereview: '待复评' };

export interface ReviewRow { report_id: string; score: number | null; feedback: string; adopted_idea_ids: string; reviewed_at: number }

export function reviewOf(db: Sqlite, teamId: string, reportId: string): ReviewRow | null {
  return (db.prepare('SELECT report_id, score, feedback, adopted_idea_ids, reviewed_at FROM reviews WHERE team_id = ? AND report_id = ?').get(teamId, reportId) as ReviewRow | undefined) ?? null;
}

/**
 * The revision the score was given to. Stored with the item scores since migration 6; for a
 * score saved before, the last submission made before it was saved (the phone's clock, the
 * best there is for those rows).
 */
export function scoredRevision(db: Sqlite, teamId: string, r: MonthlyReport, review: ReviewRow): number {
  const row = db.prepare('SELECT revision FROM review_items WHERE team_id = ? AND report_id = ?').get(teamId, r.id) as { revision: number | null } | undefined;
  if (row?.revision != null) return row.revision;
  const before = r.submissions.filter((s) => s.at <= review.reviewed_at);
  return (before.at(-1) ?? r.submissions[0])?.revision ?? 1;
}

export interface ReportStateOf { state: ReportState; review: ReviewRow | null; scoredRevision: number | null }

export function reportState(db: Sqlite, teamId: string, r: MonthlyReport | null): ReportStateOf {
  if (!r || r.submissions.length === 0) return { state: 'none', review: null, scoredRevision: null };
  const review = reviewOf(db, teamId, r.id);
  if (!review || review.score === null) return { state: 'submitted', review, scoredRevision: null };
  const scored = scoredRevision(db, teamId, r, review);
  const latest = r.submissions.at(-1)!.revision;
  return { state: latest > scored ? 'rereview' : 'scored', review, scoredRevision: scored };
}

/** The score beside the status: a score of an earlier revision is the old one, not the report's. */
export function scoreNote(state: ReportState, score: number | null): string {
  if (score === null) return '';
  return state === 'rereview' ? `（原评 ${score} 分）` : ` ${score} 分`;
}
