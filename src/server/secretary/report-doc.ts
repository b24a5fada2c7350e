/**
 * One team's monthly report as a document model, shared by the .docx export and the A4
 * print page so both say the same: the submitted snapshot when there is one (what the
 * branch reviewed), else the figures computed now, marked 未提交.
 */
import { monthLabel } from '../../domain/calendar';
import type { MonthKey } from '../../domain/types';
import type { Sqlite } from '../db';
import { adoptedIds } from './ideas';
import type { TeamRow } from '../store';
import { cachedFigures, loadTeam, monthRange, reportOfMonth, reportState, REPORT_STATE_LABEL } from './data';
import { FIGURE_COLUMNS } from './figures-table';
import { getRubric, itemScoresOf, rubricTotal, sameRubric, scoredRubricOf, type ItemScore, type RubricItem } from './rubric';
import type { MonthlyReport } from '../../domain/report';

export const DOC_TITLE = '班组小政委月度工作汇报';

export interface ReportDoc {
  title: string;
  teamName: string;
  district: string;
  instructor: string;
  monthLabel: string;
  status: string;
  submittedNote: string;
  figures: { label: string; value: number }[];
  parts: { heading: string; paragraphs: string[] }[];
  ideas: { title: string; content: string; adopted: boolean }[];
  /** `note`: which revision was scored and under which rubric (a score keeps the rubric it was made under). */
  review: { score: number | null; feedback: string; items: ItemScore[]; note: string } | null;
}

/**
 * A report's score as it was given: the item scores, the rubric they were made under, the revision
 * scored and a line saying so. For print, Word and the xlsx (a score keeps its rubric: 16.5).
 */
export interface ScoreBreakdown { score: number | null; items: ItemScore[]; rubric: RubricItem[] | null; scoredRevision: number | null; note: string }

export function scoreBreakdown(db: Sqlite, team: TeamRow, report: MonthlyReport | null): ScoreBreakdown | null {
  const rs = reportState(db, team.id, report);
  if (!report || !rs.review) return null;
  const current = getRubric(db, team.branch_id);
  const under = scoredRubricOf(db, team.id, report.id, current);
  const latest = report.submissions.at(-1)?.revision ?? null;
  const parts: string[] = [];
  const scored = rs.scoredRevision;
  if (scored !== null) parts.push(`评分针对第 ${scored} 次提交${latest !== null && latest > scored ? `，之后又提交了第 ${latest} 次，待复评` : ''}`);
  if (under) parts.push(`按评分时的考核细则计分（满分 ${rubricTotal(under)} 分）${sameRubric(under, current) ? '' : '，考核细则之后已修改'}`);
  return { score: rs.review.score, items: itemScoresOf(db, team.id, report.id) ?? [], rubric: under, scoredRevision: scored, note: parts.join('；') };
}

export function reportDoc(db: Sqlite, team: TeamRow, month: MonthKey): ReportDoc {
  const d = loadTeam(db, team.id, monthRange(month));
  const report = reportOfMonth(d, month);
  const sub = report?.submissions.at(-1) ?? null;
  const rs = reportState(db, team.id, report);
  const figures = sub?.figures ?? cachedFigures(db, team.id, month, d);
  const text = sub?.text;
  const adopted = report ? adoptedIds(db, team.id, report.id) : new Set<string>();
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' });
  const breakdown = scoreBreakdown(db, team, report);
  return {
    title: DOC_TITLE,
    teamName: team.name,
    district: d.team?.district ?? '',
    instructor: d.team?.instructorName ?? '',
    monthLabel: monthLabel(month),
    status: REPORT_STATE_LABEL[rs.state],
    submittedNote: sub ? `第 ${sub.revision} 次提交于 ${fmt.format(new Date(sub.at))}` : '本月汇报尚未提交，以下数据为当前记录的统计',
    figures: FIGURE_COLUMNS.map((c) => ({ label: c.label, value: c.get(figures) })),
    parts: text ? [
      { heading: '一、回头看', paragraphs: [text.lookBack] },
      { heading: '二、班组管理进展', paragraphs: [text.progress] },
      { heading: '三、次月工作重点', paragraphs: text.nextPriorities.map((p, i) => `${i + 1}. ${p}`) },
      { heading: '四、思想教育方式方法', paragraphs: [text.methods] },
    ] : [],
    ideas: (text?.ideas ?? []).map((i) => ({ title: i.title, content: i.content, adopted: adopted.has(i.id) })),
    review: rs.review ? { score: rs.review.score, feedback: rs.review.feedback, items: breakdown?.items ?? [], note: breakdown?.note ?? '' } : null,
  };
}
