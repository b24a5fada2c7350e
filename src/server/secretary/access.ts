/**
 * Who may see what: a secretary sees the teams of her own branch, an admin every branch.
 * Every team lookup of the secretary routes goes through here, so a team of another
 * branch answers exactly like one that does not exist (404), and nothing leaks its name.
 */
import type { Sqlite } from '../db';
import type { BranchRow, TeamRow } from '../store';
import type { Account } from './auth';
import { labelTeams } from './teams';

/** Every team the account may see, archived ones included (callers decide), duplicate names told apart. */
export function visibleTeams(db: Sqlite, a: Account, branchId?: string): TeamRow[] {
  if (a.role === 'admin') {
    return labelTeams(db, (branchId
      ? db.prepare('SELECT * FROM teams WHERE branch_id = ? ORDER BY created_at, name').all(branchId)
      : db.prepare('SELECT * FROM teams ORDER BY branch_id, created_at, name').all()) as TeamRow[]);
  }
  return labelTeams(db, db.prepare('SELECT * FROM teams WHERE branch_id = ? ORDER BY created_at, name').all(a.branchId) as TeamRow[]);
}

export function teamFor(db: Sqlite, a: Account, teamId: string): TeamRow | null {
  const t = db.prepare('SELECT * FROM teams WHERE id = ?').get(teamId) as TeamRow | undefined;
  if (!t) return null;
  return a.role === 'admin' || t.branch_id === a.branchId ? labelTeams(db, [t])[0]! : null;
}

export function branchFor(db: Sqlite, a: Account, branchId: string): BranchRow | null {
  if (a.role !== 'admin' && branchId !== a.branchId) return null;
  return (db.prepare('SELECT * FROM branches WHERE id = ?').get(branchId) as BranchRow | undefined) ?? null;
}

/**
 * The report's team, if the account may see it. Report ids are unique per team only
 * (records are keyed by team): links name the team (?team=); without it, the first team
 * the account may see that holds a report of this id.
 */
export function reportTeam(db: Sqlite, a: Account, reportId: string, teamId?: string): TeamRow | null {
  if (teamId) {
    const team = teamFor(db, a, teamId);
    return team && db.prepare("SELECT 1 FROM records WHERE team_id = ? AND tbl = 'reports' AND id = ?").get(team.id, reportId) ? team : null;
  }
  const rows = db.prepare("SELECT team_id FROM records WHERE tbl = 'reports' AND id = ? ORDER BY received_at").all(reportId) as { team_id: string }[];
  for (const r of rows) {
    const team = teamFor(db, a, r.team_id);
    if (team) return team;
  }
  return null;
}

/** The branch a secretary works in; an admin picks one with ?branch= (defaults to her own). */
export function currentBranch(db: Sqlite, a: Account, wanted: string | undefined): BranchRow {
  const own = db.prepare('SELECT * FROM branches WHERE id = ?').get(a.branchId) as BranchRow;
  if (!wanted || a.role !== 'admin') return own;
  return branchFor(db, a, wanted) ?? own;
}

/**
 * The teams an export covers: one team (`team`, when this account may see it; null if not),
 * or every team of the chosen branch.
 */
export function exportTeams(db: Sqlite, a: Account, teamId: string | undefined, branchId: string | undefined): TeamRow[] | null {
  if (teamId) {
    const t = teamFor(db, a, teamId);
    return t ? [t] : null;
  }
  return visibleTeams(db, a, currentBranch(db, a, branchId).id);
}

export function audit(db: Sqlite, now: number, a: Account, action: string, teamId: string | null, detail = ''): void {
  db.prepare('INSERT INTO audit_log (at, secretary_id, action, team_id, detail) VALUES (?, ?, ?, ?, ?)')
    .run(now, a.id, action, teamId, detail);
}
