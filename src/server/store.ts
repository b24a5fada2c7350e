/**
 * Accounts of the endpoint: branches → teams → devices, secretaries, enrolment codes,
 * and the branch-owned data phones pull (config, reviews). Used by the API, the
 * admin CLI and first start. Every function takes the clock so tests control time.
 */
import { ENROL_TTL_MS, normaliseEnrolCode, type Review } from '../domain/sync-protocol';
import { hashPassword, hashToken, newId, newPassword, newToken, randomCode, sameHash } from './crypto';
import { stmt, type Sqlite } from './db';

export interface DeviceRow {
  id: string;
  team_id: string;
  token_hash: string;
  name: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}
/** district: 区队 (migration 3), '' when the branch has not named it. */
export interface TeamRow { id: string; branch_id: string; name: string; district: string; created_at: number }
export interface BranchRow { id: string; name: string; created_at: number }

/** Next value of the change counter; call inside the writing transaction. */
export function nextSeq(db: Sqlite): number {
  return (stmt(db, 'UPDATE seq_counter SET value = value + 1 WHERE id = 1 RETURNING value').get() as { value: number }).value;
}

export function createBranch(db: Sqlite, name: string, now: number): BranchRow {
  const row = { id: newId(), name, created_at: now };
  db.prepare('INSERT INTO branches (id, name, created_at) VALUES (@id, @name, @created_at)').run(row);
  return row;
}

/** Returns the one-time password: it is shown once and only its scrypt hash is kept. */
export function createSecretary(db: Sqlite, branchId: string, username: string, now: number): { id: string; password: string } {
  const id = newId();
  const password = newPassword();
  db.prepare('INSERT INTO secretaries (id, branch_id, username, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, branchId, username, hashPassword(password), now);
  return { id, password };
}

export function createTeam(db: Sqlite, branchId: string, name: string, now: number, district = ''): TeamRow {
  const row = { id: newId(), branch_id: branchId, name, district, created_at: now };
  db.prepare('INSERT INTO teams (id, branch_id, name, district, created_at) VALUES (@id, @branch_id, @name, @district, @created_at)').run(row);
  return row;
}

export function createEnrolCode(db: Sqlite, teamId: string, now: number): { code: string; expiresAt: number } {
  const expiresAt = now + ENROL_TTL_MS;
  for (;;) {
    const code = randomCode();
    const r = db.prepare('INSERT OR IGNORE INTO enrolment_codes (code, team_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(code, teamId, now, expiresAt);
    if (r.changes === 1) return { code, expiresAt };
  }
}

export type RedeemResult =
  | { ok: true; token: string; deviceId: string; team: TeamRow; branch: BranchRow }
  | { ok: false; error: 'code_unknown' | 'code_used' | 'code_expired' };

/**
 * Exchanges a code for a device token, once. The same phone (same nonce) may redeem it
 * again while it is valid, because the answer to its first try may have been cut at the
 * pithead: it gets the same device and a fresh token (the lost one stops working).
 */
export function redeemEnrolCode(db: Sqlite, input: { code: string; nonce: string; deviceName: string }, now: number): RedeemResult {
  return db.transaction((): RedeemResult => {
    const row = db.prepare('SELECT * FROM enrolment_codes WHERE code = ?').get(normaliseEnrolCode(input.code)) as
      | { code: string; team_id: string; expires_at: number; used_at: number | null; used_nonce: string | null; device_id: string | null }
      | undefined;
    if (!row) return { ok: false, error: 'code_unknown' };
    if (row.expires_at <= now) return { ok: false, error: 'code_expired' };
    const token = newToken();
    let deviceId: string;
    if (row.used_at !== null) {
      if (row.used_nonce !== input.nonce || !row.device_id) return { ok: false, error: 'code_used' };
      deviceId = row.device_id;
      const r = db.prepare('UPDATE devices SET token_hash = ? WHERE id = ? AND revoked_at IS NULL').run(hashToken(token), deviceId);
      if (r.changes !== 1) return { ok: false, error: 'code_used' };
    } else {
      deviceId = newId();
      db.prepare('INSERT INTO devices (id, team_id, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(deviceId, row.team_id, hashToken(token), input.deviceName, now);
      db.prepare('UPDATE enrolment_codes SET used_at = ?, used_nonce = ?, device_id = ? WHERE code = ?')
        .run(now, input.nonce, deviceId, row.code);
    }
    const team = db.prepare('SELECT * FROM teams WHERE id = ?').get(row.team_id) as TeamRow;
    const branch = db.prepare('SELECT * FROM branches WHERE id = ?').get(team.branch_id) as BranchRow;
    return { ok: true, token, deviceId, team, branch };
  })();
}

export type AuthResult = { ok: true; device: DeviceRow; team: TeamRow } | { ok: false; error: 'unauthorized' | 'revoked' };

/**
 * `last_seen_at` is written at most once a minute per device: it answers "has this phone
 * synced lately" (days), and a write per request would be a second commit per push.
 */
export const LAST_SEEN_GRANULARITY_MS = 60_000;

export function authenticate(db: Sqlite, token: string, now: number): AuthResult {
  const hash = hashToken(token);
  const device = stmt(db, 'SELECT * FROM devices WHERE token_hash = ?').get(hash) as DeviceRow | undefined;
  // The index lookup finds the candidate; the final comparison is constant-time.
  if (!device || !sameHash(device.token_hash, hash)) return { ok: false, error: 'unauthorized' };
  if (device.revoked_at !== null) return { ok: false, error: 'revoked' };
  if (device.last_seen_at === null || Math.abs(now - device.last_seen_at) >= LAST_SEEN_GRANULARITY_MS) {
    stmt(db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, device.id);
  }
  const team = stmt(db, 'SELECT * FROM teams WHERE id = ?').get(device.team_id) as TeamRow;
  return { ok: true, device, team };
}

export function revokeDevice(db: Sqlite, deviceId: string, now: number): boolean {
  return db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, deviceId).changes === 1;
}

export function listBranches(db: Sqlite): BranchRow[] {
  return db.prepare('SELECT * FROM branches ORDER BY created_at').all() as BranchRow[];
}
export function listTeams(db: Sqlite, branchId?: string): TeamRow[] {
  return (branchId
    ? db.prepare('SELECT * FROM teams WHERE branch_id = ? ORDER BY created_at').all(branchId)
    : db.prepare('SELECT * FROM teams ORDER BY created_at').all()) as TeamRow[];
}
export function listDevices(db: Sqlite, teamId?: string): DeviceRow[] {
  return (teamId
    ? db.prepare('SELECT * FROM devices WHERE team_id = ? ORDER BY created_at').all(teamId)
    : db.prepare('SELECT * FROM devices ORDER BY created_at').all()) as DeviceRow[];
}

/** Branch configuration pushed to every phone of the branch (roster, riskTypes, checklist, shifts …). */
export function setConfig(db: Sqlite, branchId: string, key: string, value: unknown, now: number): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO config (branch_id, key, value, updated_at, seq) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (branch_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, seq = excluded.seq`)
      .run(branchId, key, JSON.stringify(value), now, nextSeq(db));
  })();
}

/** The secretary's review of a monthly report: lives apart from the phone's record. */
export function setReview(db: Sqlite, teamId: string, review: Review, secretaryId: string | null): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO reviews (report_id, team_id, secretary_id, score, feedback, adopted_idea_ids, reviewed_at, seq)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (team_id, report_id) DO UPDATE SET secretary_id = excluded.secretary_id, score = excluded.score,
        feedback = excluded.feedback, adopted_idea_ids = excluded.adopted_idea_ids,
        reviewed_at = excluded.reviewed_at, seq = excluded.seq`)
      .run(review.reportId, teamId, secretaryId, review.score, review.feedback,
        JSON.stringify(review.adoptedIdeaIds), review.reviewedAt, nextSeq(db));
  })();
}
