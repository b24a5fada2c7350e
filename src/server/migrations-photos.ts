/**
 * Migration 10: photo evidence (issue 17). `photo_blobs`: one row per distinct content, the
 * file at DATA_DIR/photos/<sha[0..2]>/<sha256> (content-addressed: stored once however many
 * phones or items send it). `photos`: a phone's photo (its id, the team's record it belongs
 * to, its role there); `received_at` stays null until the bytes arrived and their SHA-256
 * matched the declared one.
 */
import type { Migration } from './migrations';

export const PHOTO_MIGRATION: Migration = {
  version: 10,
  name: 'photo evidence: photos and content-addressed photo_blobs',
  sql: `
CREATE TABLE photo_blobs (
  sha256 TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL,
  mime TEXT NOT NULL,
  stored_at INTEGER NOT NULL
);
CREATE TABLE photos (
  team_id TEXT NOT NULL REFERENCES teams(id),
  id TEXT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id),
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  mime TEXT NOT NULL,
  owner_table TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  role TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  declared_at INTEGER NOT NULL,
  received_at INTEGER,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX photos_owner ON photos(team_id, owner_id);
CREATE INDEX photos_taken ON photos(team_id, taken_at);
`,
};
