/**
 * Setting and resetting passwords, and ending an account's sessions. A password the account
 * chose clears must_change_password; a generated one (reset) sets it again. Used by the
 * 修改密码 page, the admin page and the admin CLI.
 */
import { hashPassword, newPassword } from '../crypto';
import type { Sqlite } from '../db';

export function setOwnPassword(db: Sqlite, accountId: string, password: string, now: number): void {
  db.prepare('UPDATE secretaries SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?')
    .run(hashPassword(password), now, accountId);
}

/** A new one-time password (shown once); every session of the account ends. */
export function resetPassword(db: Sqlite, accountId: string, now: number): string {
  const password = newPassword();
  db.transaction(() => {
    db.prepare('UPDATE secretaries SET password_hash = ?, must_change_password = 1, password_changed_at = ? WHERE id = ?')
      .run(hashPassword(password), now, accountId);
    endSessions(db, accountId);
  })();
  return password;
}

/** Ends the account's sessions, but `keep` (the one that asked); returns how many ended. */
export function endSessions(db: Sqlite, accountId: string, keep?: string): number {
  return keep === undefined
    ? db.prepare('DELETE FROM sessions WHERE secretary_id = ?').run(accountId).changes
    : db.prepare('DELETE FROM sessions WHERE secretary_id = ? AND token_hash <> ?').run(accountId, keep).changes;
}

/** An audit row that may have no account (a failed sign-in for an unknown name) or no session (the CLI). */
export function auditAccount(db: Sqlite, now: number, accountId: string | null, action: string, detail = ''): void {
  db.prepare('INSERT INTO audit_log (at, secretary_id, action, team_id, detail) VALUES (?, ?, ?, NULL, ?)').run(now, accountId, action, detail);
}
