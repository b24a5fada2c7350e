/**
 * 考核细则: the branch's scoring rubric. Each item has points and a basis from which a
 * suggested score is computed (the secretary can always change it); the report's score
 * is the sum of the item scores. Defaults until the branch edits its own.
 */
import * as v from 'valibot';
import { reportDueBy } from '../../domain/report';
import type { MonthFigures } from '../../domain/report-figures';
import type { MonthlyReport } from '../../domain/report';
import type { Sqlite } from '../db';
import type { DayState } from './data';

export type Basis = 'daily' | 'weekly' | 'onTime' | 'manual';
export const BASIS_LABEL: Record<Basis, string> = {
  daily: '按日跟班完成率', weekly: '按周帮扶完成周数', onTime: '按时提交得满分', manual: '书记评定',
};
export interface RubricItem { id: string; name: string; points: number; basis: Basis }

export const DEFAULT_RUBRIC: RubricItem[] = [
  { id: 'daily', name: '日跟班完成率', points: 40, basis: 'daily' },
  { id: 'weekly', name: '周帮扶', points: 25, basis: 'weekly' },
  { id: 'onTime', name: '月汇报按时', points: 15, basis: 'onTime' },
  { id: 'quality', name: '汇报质量', points: 20, basis: 'manual' },
];

export function rubricTotal(items: readonly { points: number }[]): number {
  return items.reduce((s, i) => s + (Number.isFinite(i.points) ? i.points : 0), 0);
}

function duplicates(names: string[]): string[] {
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}

export const RubricSchema = v.pipe(
  v.array(v.object({
    id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,20}$/)),
    name: v.pipe(v.string(), v.trim(), v.nonEmpty('请填写考核项目名称'), v.maxLength(20, '项目名称请控制在20字以内')),
    points: v.pipe(v.number('分值应为数字'), v.integer('分值应为整数'), v.minValue(1, '分值至少为1'), v.maxValue(100, '分值不超过100')),
    basis: v.picklist(['daily', 'weekly', 'onTime', 'manual'], '未知的计分依据'),
  })),
  v.minLength(1, '至少保留一个考核项目'),
  v.maxLength(12, '考核项目不超过12项'),
  // The report's score is the sum of the items: out of 100 only if they add up to 100.
  v.check((items) => rubricTotal(items) === 100, (issue) => `各项分值合计应为100分（现为${rubricTotal(issue.input as RubricItem[])}分）`),
  v.check((items) => new Set(items.map((i) => i.name)).size === items.length,
    (issue) => `考核项目名称重复：${duplicates((issue.input as RubricItem[]).map((i) => i.name)).map((n) => `「${n}」`).join('、')}，请改为不同的名称`),
  // Two items with one id would give the scoring form two fields of one name: it could never be saved.
  v.check((items) => new Set(items.map((i) => i.id)).size === items.length, '考核项目编号重复，已重新编号，请再保存一次'),
);

export function getRubric(db: Sqlite, branchId: string): RubricItem[] {
  const row = db.prepare('SELECT items FROM rubrics WHERE branch_id = ?').get(branchId) as { items: string } | undefined;
  return row ? (JSON.parse(row.items) as RubricItem[]) : DEFAULT_RUBRIC;
}

export function setRubric(db: Sqlite, branchId: string, items: RubricItem[], now: number): void {
  db.prepare(`INSERT INTO rubrics (branch_id, items, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (branch_id) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at`)
    .run(branchId, JSON.stringify(items), now);
}

/** Share of the days owed (due.ts: over, worked, after the team's first day; not days off) with a complete 日跟班. */
export function dailyRate(states: Map<string, DayState>): number {
  const counted = [...states.values()].filter((s) => s === 'done' || s === 'partly' || s === 'missing');
  return counted.length === 0 ? 0 : counted.filter((s) => s === 'done').length / counted.length;
}

/** Submitted by the due day (the branch's day of the next month, default the 5th, Asia/Shanghai). */
export function onTime(report: MonthlyReport | null, dueDay?: number): boolean {
  const first = report?.submissions[0];
  if (!report || !first) return false;
  return first.at <= Date.parse(`${reportDueBy(report.month, dueDay)}T23:59:59.999+08:00`);
}

export function suggest(item: RubricItem, f: MonthFigures, states: Map<string, DayState>, report: MonthlyReport | null, dueDay?: number): number | null {
  const round = (x: number) => Math.round(x * 2) / 2;
  switch (item.basis) {
    case 'daily': return round(item.points * dailyRate(states));
    case 'weekly': return f.weekly.weeksTotal === 0 ? 0 : round(item.points * f.weekly.weeksDone.value / f.weekly.weeksTotal);
    case 'onTime': return onTime(report, dueDay) ? item.points : 0;
    case 'manual': return null;
  }
}

export interface ItemScore { id: string; name: string; points: number; score: number }

/**
 * The rubric a saved score was made under (migration 6 stores it with the score); for a score
 * saved before, rebuilt from its item scores, which kept each item's name and points. Null when
 * the report has no saved item scores. Print, Word and xlsx show a score by this rubric.
 */
export function scoredRubricOf(db: Sqlite, teamId: string, reportId: string, current: readonly RubricItem[]): RubricItem[] | null {
  const row = db.prepare('SELECT items, rubric FROM review_items WHERE team_id = ? AND report_id = ?').get(teamId, reportId) as { items: string; rubric: string | null } | undefined;
  if (!row) return null;
  if (row.rubric) return JSON.parse(row.rubric) as RubricItem[];
  return (JSON.parse(row.items) as ItemScore[]).map((i) => ({ id: i.id, name: i.name, points: i.points, basis: current.find((c) => c.id === i.id)?.basis ?? 'manual' }));
}

/** Same items, names, points and bases, in the same order. */
export function sameRubric(a: readonly RubricItem[], b: readonly RubricItem[]): boolean {
  return a.length === b.length && a.every((x, i) => { const y = b[i]!; return x.id === y.id && x.name === y.name && x.points === y.points && x.basis === y.basis; });
}

export function itemScoresOf(db: Sqlite, teamId: string, reportId: string): ItemScore[] | null {
  const row = db.prepare('SELECT items FROM review_items WHERE team_id = ? AND report_id = ?').get(teamId, reportId) as { items: string } | undefined;
  return row ? (JSON.parse(row.items) as ItemScore[]) : null;
}

/** Scores per month of every report of a team that has one, oldest first. */
export function scoreHistory(db: Sqlite, teamId: string): { month: string; score: number }[] {
  return db.prepare(`SELECT i.month AS month, r.score AS score FROM reviews r JOIN review_items i ON i.team_id = r.team_id AND i.report_id = r.report_id
    WHERE r.team_id = ? AND r.score IS NOT NULL ORDER BY i.month`).all(teamId) as { month: string; score: number }[];
}
