/**
 * Accounts made from the web (and for the admin CLI to call): an admin account, a branch
 * with its secretary, a team. Passwords are generated, shown once, stored only as scrypt.
 */
import { hashPassword, newId, newPassword } from '../crypto';
import type { Sqlite } from '../db';
import { createBranch, createSecretary, createTeam, type BranchRow, type TeamRow } from '../store';

export const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;
export const NAME_MAX = 40;

/** An admin sees every branch and the audit log; she needs a home branch (NOT NULL column). */
export function createAdmin(db: Sqlite, username: string, now: number): { id: string; password: string } {
  return db.transaction(() => {
    const home = (db.prepare('SELECT id FROM branches ORDER BY created_at LIMIT 1').get() as { id: string } | undefined)?.id
      ?? createBranch(db, '党委（管理员）', now).id;
    const id = newId();
    const password = newPassword();
    db.prepare("INSERT INTO secretaries (id, branch_id, username, password_hash, created_at, role) VALUES (?, ?, ?, ?, ?, 'admin')")
      .run(id, home, username, hashPassword(password), now);
    return { id, password };
  })();
}

export function usernameTaken(db: Sqlite, username: string): boolean {
  return db.prepare('SELECT 1 FROM secretaries WHERE username = ?').get(username) !== undefined;
}

export function checkName(label: string, name: string): string | null {
  if (name === '') return `请填写${label}`;
  if (name.length > NAME_MAX) return `${label}请控制在${NAME_MAX}字以内`;
  return null;
}

export function addBranchWithSecretary(db: Sqlite, name: string, username: string, now: number): { branch: BranchRow; password: string } {
  return db.transaction(() => {
    const branch = createBranch(db, name, now);
    return { branch, password: createSecretary(db, branch.id, username, now).password };
  })();
}

export function addTeam(db: Sqlite, branchId: string, name: string, now: number): TeamRow {
  return createTeam(db, branchId, name, now);
}
