/**
 * 金点子库: the ideas of every submitted 月汇报 of the branch's teams, across months, with
 * 已采纳. Adoption is decided in a review (reviews.adopted_idea_ids) or here, one idea at a
 * time (idea_adoptions, migration 9); for each idea the later decision counts.
 */
import type { MonthlyReport } from '../../domain/report';
import type { Sqlite } from '../db';
import { nextSeq, type TeamRow } from '../store';
import { reviewOf } from './data';

export interface IdeaRow {
  team: TeamRow; reportId: string; month: string; ideaId: string;
  title: string; content: string; expectedEffect: string; adopted: boolean;
}

export function adoptedIds(db: Sqlite, teamId: string, reportId: string): Set<string> {
  const review = reviewOf(db, teamId, reportId);
  const out = new Set(review ? (JSON.parse(review.adopted_idea_ids) as string[]) : []);
  const marks = db.prepare('SELECT idea_id, adopted, at FROM idea_adoptions WHERE team_id = ? AND report_id = ?').all(teamId, reportId) as { idea_id: string; adopted: number; at: number }[];
  for (const m of marks) {
    if (review && review.reviewed_at > m.at) continue; // a later review decided again
    if (m.adopted) out.add(m.idea_id);
    else out.delete(m.idea_id);
  }
  return out;
}

/** The submitted reports of the teams (latest submission's ideas), newest month first. */
export function ideaRows(db: Sqlite, teams: readonly TeamRow[]): IdeaRow[] {
  const out: IdeaRow[] = [];
  for (const team of teams) {
    const rows = db.prepare("SELECT body FROM records WHERE team_id = ? AND tbl = 'reports' AND deleted = 0").all(team.id) as { body: string }[];
    for (const { body } of rows) {
      const r = JSON.parse(body) as MonthlyReport;
      const last = r.submissions?.at(-1);
      if (r.deleted || !last || !Array.isArray(last.text?.ideas)) continue;
      const adopted = adoptedIds(db, team.id, r.id);
      for (const i of last.text.ideas) {
        out.push({ team, reportId: r.id, month: r.month, ideaId: i.id, title: i.title, content: i.content, expectedEffect: i.expectedEffect, adopted: adopted.has(i.id) });
      }
    }
  }
  return out.sort((a, b) => b.month.localeCompare(a.month) || a.team.name.localeCompare(b.team.name, 'zh-CN'));
}

/** The idea as the team submitted it, or null (another report, another team, not submitted). */
export function findIdea(db: Sqlite, team: TeamRow, reportId: string, ideaId: string): IdeaRow | null {
  return ideaRows(db, [team]).find((i) => i.reportId === reportId && i.ideaId === ideaId) ?? null;
}

/**
 * Stores the mark; a report already reviewed gets the new list in its review too (with a new
 * change number), so the team's phone shows 已采纳 at its next pull as it does after a review.
 */
export function markIdea(db: Sqlite, teamId: string, reportId: string, ideaId: string, adopted: boolean, secretaryId: string, now: number): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO idea_adoptions (team_id, report_id, idea_id, adopted, at, secretary_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (team_id, report_id, idea_id) DO UPDATE SET adopted = excluded.adopted, at = excluded.at, secretary_id = excluded.secretary_id`)
      .run(teamId, reportId, ideaId, adopted ? 1 : 0, now, secretaryId);
    if (reviewOf(db, teamId, reportId)) {
      db.prepare('UPDATE reviews SET adopted_idea_ids = ?, seq = ? WHERE team_id = ? AND report_id = ?')
        .run(JSON.stringify([...adoptedIds(db, teamId, reportId)]), nextSeq(db), teamId, reportId);
    }
  })();
}
