/**
 * The endpoint's photo store: declared uploads, their pieces on disk, and the verified,
 * content-addressed files. Offsets are the size of the partial file, so a server restart
 * or a cut anywhere resumes from what is on disk. A piece is appended only when it arrived
 * whole and starts exactly at the current offset: a cut loses only the piece in flight, and a
 * repeated piece (its answer was lost) is refused with the offset, never written twice.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PhotoDeclare, PhotoUploadState } from '../domain/photo-protocol';
import { stmt, type Sqlite } from './db';

export interface PhotoRow {
  team_id: string; id: string; device_id: string; sha256: string; bytes: number; mime: string;
  owner_table: string; owner_id: string; role: string; taken_at: number; width: number; height: number;
  declared_at: number; received_at: number | null;
}

/** DATA_DIR of this database (the SQLite file lives at its top). */
export const dataDirOf = (db: Sqlite): string => dirname(db.name);
export const photoPath = (dataDir: string, sha: string): string => join(dataDir, 'photos', sha.slice(0, 2), sha);
const partPath = (dataDir: string, teamId: string, id: string) => join(dataDir, 'photos', 'partial', `${teamId}.${id}.part`);

export type PhotoError = 'conflict' | 'not_found' | 'offset_mismatch' | 'too_large' | 'hash_mismatch';
export type PhotoResult = { ok: true; state: PhotoUploadState } | { ok: false; error: PhotoError; state?: PhotoUploadState };

export function findPhoto(db: Sqlite, teamId: string, id: string): PhotoRow | undefined {
  return stmt(db, 'SELECT * FROM photos WHERE team_id = ? AND id = ?').get(teamId, id) as PhotoRow | undefined;
}

const blobStored = (db: Sqlite, sha: string) => stmt(db, 'SELECT 1 FROM photo_blobs WHERE sha256 = ?').get(sha) !== undefined;

function stateOf(dataDir: string, p: PhotoRow): PhotoUploadState {
  if (p.received_at !== null) return { offset: p.bytes, bytes: p.bytes, done: true };
  const part = partPath(dataDir, p.team_id, p.id);
  return { offset: existsSync(part) ? statSync(part).size : 0, bytes: p.bytes, done: false };
}

/** POST: declares (or re-declares, idempotently) a photo; content the server already has completes at once. */
export function declarePhoto(db: Sqlite, dataDir: string, teamId: string, deviceId: string, id: string, d: PhotoDeclare, now: number): PhotoResult {
  let p = findPhoto(db, teamId, id);
  if (p && (p.sha256 !== d.sha256 || p.bytes !== d.bytes)) return { ok: false, error: 'conflict', state: stateOf(dataDir, p) };
  if (!p) {
    stmt(db, `INSERT INTO photos (team_id, id, device_id, sha256, bytes, mime, owner_table, owner_id, role, taken_at, width, height, declared_at, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`)
      .run(teamId, id, deviceId, d.sha256, d.bytes, d.mime, d.ownerTable, d.ownerId, d.role, d.takenAt, d.width, d.height, now);
    p = findPhoto(db, teamId, id)!;
  }
  if (p.received_at === null && blobStored(db, p.sha256)) {
    // Same bytes already verified (another item, another phone): stored once, nothing to send.
    stmt(db, 'UPDATE photos SET received_at = ? WHERE team_id = ? AND id = ?').run(now, teamId, id);
    rmSync(partPath(dataDir, teamId, id), { force: true });
    p = findPhoto(db, teamId, id)!;
  }
  return { ok: true, state: stateOf(dataDir, p) };
}

export function photoState(db: Sqlite, dataDir: string, teamId: string, id: string): PhotoUploadState | null {
  const p = findPhoto(db, teamId, id);
  return p ? stateOf(dataDir, p) : null;
}

/** PATCH: appends one whole piece at `offset`; the last one is verified and moved into the store. */
export function appendPiece(db: Sqlite, dataDir: string, teamId: string, id: string, offset: number, piece: Uint8Array, now: number): PhotoResult {
  const p = findPhoto(db, teamId, id);
  if (!p) return { ok: false, error: 'not_found' };
  const state = stateOf(dataDir, p);
  if (state.done) return { ok: true, state };
  if (offset !== state.offset) return { ok: false, error: 'offset_mismatch', state };
  if (offset + piece.length > p.bytes) return { ok: false, error: 'too_large', state };
  const part = partPath(dataDir, teamId, id);
  mkdirSync(dirname(part), { recursive: true, mode: 0o700 });
  appendFileSync(part, piece, { mode: 0o600 });
  if (offset + piece.length < p.bytes) return { ok: true, state: { offset: offset + piece.length, bytes: p.bytes, done: false } };
  const bytes = readFileSync(part);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== p.sha256) {
    // Start again from 0: the phone sends the whole photo anew (a wrong byte cannot be found).
    rmSync(part, { force: true });
    return { ok: false, error: 'hash_mismatch', state: { offset: 0, bytes: p.bytes, done: false } };
  }
  const file = photoPath(dataDir, sha);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    renameSync(part, file);
  } else {
    rmSync(part, { force: true });
  }
  db.transaction(() => {
    stmt(db, 'INSERT OR IGNORE INTO photo_blobs (sha256, bytes, mime, stored_at) VALUES (?, ?, ?, ?)').run(sha, p.bytes, p.mime, now);
    stmt(db, 'UPDATE photos SET received_at = ? WHERE team_id = ? AND id = ?').run(now, teamId, id);
  })();
  return { ok: true, state: { offset: p.bytes, bytes: p.bytes, done: true } };
}

/** The verified photos of a team (optionally of one record), oldest first. */
export function photosOfTeam(db: Sqlite, teamId: string, opts: { ownerId?: string; from?: number; to?: number } = {}): PhotoRow[] {
  const rows = stmt(db, 'SELECT * FROM photos WHERE team_id = ? AND received_at IS NOT NULL ORDER BY taken_at, id').all(teamId) as PhotoRow[];
  return rows.filter((r) => (!opts.ownerId || r.owner_id === opts.ownerId)
    && (opts.from === undefined || r.taken_at >= opts.from) && (opts.to === undefined || r.taken_at < opts.to));
}

export function readPhoto(dataDir: string, sha: string): Buffer | null {
  const f = photoPath(dataDir, sha);
  return existsSync(f) ? readFileSync(f) : null;
}
