/**
 * Teams as the branch manages them: the name on the server is the one every page, export
 * and (from the next sync) every phone shows; rename, archive (off the dashboard, still in
 * the exports of months with records, its phones may still send so nothing is lost) and
 * restore. Two teams of one branch may not share a name; pairs made before that rule are
 * kept and told apart by a suffix: 甲班（1）, 甲班（2）, in order of creation.
 */
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';
import { checkName } from './accounts';

/** The team rows with `name` made unique within their branch where old duplicates exist. */
export function labelTeams(db: Sqlite, teams: readonly TeamRow[]): TeamRow[] {
  if (teams.length === 0) return [];
  const dups = db.prepare(`SELECT id, ROW_NUMBER() OVER (PARTITION BY branch_id, name ORDER BY created_at, id) AS n FROM teams
    WHERE (branch_id, name) IN (SELECT branch_id, name FROM teams GROUP BY branch_id, name HAVING COUNT(*) > 1)`).all() as { id: string; n: number }[];
  if (dups.length === 0) return [...teams];
  const rank = new Map(dups.map((d) => [d.id, d.n]));
  return teams.map((t) => (rank.has(t.id) ? { ...t, name: `${t.name}（${rank.get(t.id)}）` } : t));
}

/** The name as stored (a label from labelTeams may carry a suffix). */
export function storedName(db: Sqlite, teamId: string): string {
  return (db.prepare('SELECT name FROM teams WHERE id = ?').get(teamId) as { name: string }).name;
}

/** A zh-CN error when `name` is empty, too long, or another team of the branch has it. */
export function teamNameError(db: Sqlite, branchId: string, name: string, exceptId: string | null = null): string | null {
  const bad = checkName('班组名称', name);
  if (bad) return bad;
  const other = db.prepare('SELECT 1 FROM teams WHERE branch_id = ? AND name = ? AND id IS NOT ?').get(branchId, name, exceptId);
  return other ? `本支部已有名为「${name}」的班组，请换一个名称（例如加上区队或班次）` : null;
}

export function renameTeam(db: Sqlite, teamId: string, name: string): void {
  db.prepare('UPDATE teams SET name = ? WHERE id = ?').run(name, teamId);
}

/** 区队 as the server names it; '' leaves it to what the team's phones typed (api.ts joinInfo). */
export function setDistrict(db: Sqlite, teamId: string, district: string): void {
  db.prepare('UPDATE teams SET district = ? WHERE id = ?').run(district, teamId);
}

export function setArchived(db: Sqlite, teamId: string, at: number | null): boolean {
  return db.prepare(`UPDATE teams SET archived_at = ? WHERE id = ? AND (archived_at IS NULL) = ?`).run(at, teamId, at === null ? 0 : 1).changes === 1;
}

/** Did the team record anything dated within [from, to] (a day or a found day)? */
export function workedBetween(db: Sqlite, teamId: string, from: string, to: string): boolean {
  return db.prepare(`SELECT 1 FROM records WHERE team_id = ? AND deleted = 0
    AND COALESCE(json_extract(body, '$.day'), json_extract(body, '$.foundDay'), json_extract(body, '$.month') || '-01') BETWEEN ? AND ? LIMIT 1`)
    .get(teamId, from, to) !== undefined;
}
