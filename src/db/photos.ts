/**
 * Photo evidence on the phone (schema v3). The record a photo belongs to is saved first by
 * its own repository; the photo is added here a moment later in its own transaction, so a
 * photo never blocks or rolls back a tick. Full photos are dropped N days after the server
 * verified them (the thumbnail stays), never before.
 */
import type { PhotoOwnerTable, PhotoRole } from '../domain/photo';
import { newId, now } from './clock';
import { withDb } from './connection';
import type { PhotoRow, StoredBytes, StoredPhotoRow } from './photo-types';
import { getSetting, setSetting } from './settings';

export type { PhotoRow } from './photo-types';

export const PHOTO_SETTINGS = {
  /** Days the phone keeps a full photo after the server has it (then only the thumbnail). */
  keepDays: 'photos.keepDays',
  /** 照片仅在信号好时发送. */
  goodSignalOnly: 'photos.goodSignalOnly',
} as const;
export const DEFAULT_KEEP_DAYS = 30;
const DAY_MS = 86_400_000;

export interface NewPhoto {
  blob: Blob; thumb: Blob; width: number; height: number; sha256: string; mime: 'image/jpeg' | 'image/webp';
}

const isBlob = (s: StoredBytes): s is Blob => typeof (s as Blob).size === 'number';
const asBlob = (s: StoredBytes): Blob => (isBlob(s) ? s : new Blob([s.bytes], { type: s.type }));
const sizeOf = (s: StoredBytes): number => (isBlob(s) ? s.size : s.bytes.byteLength);
const readRow = (r: StoredPhotoRow): PhotoRow => (isBlob(r.thumb) ? (r as PhotoRow) : { ...r, thumb: asBlob(r.thumb) });
const bytesOf = async (b: Blob): Promise<StoredBytes> => ({ bytes: await b.arrayBuffer(), type: b.type });

function isQuota(e: unknown): boolean {
  const names = [(e as { name?: string }).name, (e as { inner?: { name?: string } }).inner?.name];
  return names.includes('QuotaExceededError');
}

export async function addPhoto(owner: { table: PhotoOwnerTable; id: string; role: PhotoRole }, p: NewPhoto): Promise<PhotoRow> {
  const row: PhotoRow = {
    id: newId(), ownerTable: owner.table, ownerId: owner.id, role: owner.role, takenAt: now(),
    mime: p.mime, width: p.width, height: p.height, bytes: p.blob.size, sha256: p.sha256, thumb: p.thumb,
    state: 'queued', sentAt: null, thinned: false,
  };
  const put = (full: StoredBytes, thumb: StoredBytes) => withDb((db) => db.transaction('rw', db.photos, db.photoBlobs, async () => {
    await db.photoBlobs.add({ id: row.id, blob: full });
    await db.photos.add({ ...row, thumb });
  }));
  try {
    await put(p.blob, p.thumb);
  } catch (e) {
    if (isQuota(e)) throw e; // a full phone stays an error the user is told about
    // WebKit's private browsing refuses any Blob (UnknownError / DataCloneError): the bytes then.
    await put(await bytesOf(p.blob), await bytesOf(p.thumb));
  }
  return row;
}

export async function photosOf(ownerId: string, role?: PhotoRole): Promise<PhotoRow[]> {
  const rows = await withDb((db) => db.photos.where('ownerId').equals(ownerId).toArray());
  return rows.filter((r) => !role || r.role === role).sort((a, b) => a.takenAt - b.takenAt).map(readRow);
}

export async function fullPhoto(id: string): Promise<Blob | null> {
  const row = await withDb((db) => db.photoBlobs.get(id));
  return row ? asBlob(row.blob) : null;
}

/** Photos the server has not verified yet, oldest first (the order they are sent in). */
export async function queuedPhotos(): Promise<PhotoRow[]> {
  const rows = await withDb((db) => db.photos.where('state').equals('queued').toArray());
  return rows.sort((a, b) => a.takenAt - b.takenAt).map(readRow);
}

/** The server verified the photo's SHA-256: it is the server's now too. */
export async function markSent(id: string, at: number = now()): Promise<void> {
  await withDb((db) => db.photos.update(id, { state: 'sent', sentAt: at }));
}

export interface PhotoStorage { count: number; queued: number; bytes: number }

export async function photoStorage(): Promise<PhotoStorage> {
  const rows = await withDb((db) => db.photos.toArray());
  let bytes = 0;
  for (const r of rows) bytes += sizeOf(r.thumb) + (r.thinned ? 0 : r.bytes);
  return { count: rows.length, queued: rows.filter((r) => r.state === 'queued').length, bytes };
}

/** Drops full photos the server has had for more than `days`; returns how many. */
export async function thinSentPhotos(days: number, at: number = now()): Promise<number> {
  return withDb((db) => db.transaction('rw', db.photos, db.photoBlobs, async () => {
    const old = (await db.photos.where('state').equals('sent').toArray())
      .filter((r) => !r.thinned && r.sentAt !== null && at - r.sentAt > days * DAY_MS);
    for (const r of old) {
      await db.photoBlobs.delete(r.id);
      await db.photos.update(r.id, { thinned: true });
    }
    return old.length;
  }));
}

export const getKeepDays = (): Promise<number> => getSetting(PHOTO_SETTINGS.keepDays, DEFAULT_KEEP_DAYS);
export const setKeepDays = (d: number): Promise<void> => setSetting(PHOTO_SETTINGS.keepDays, d);
export const getGoodSignalOnly = (): Promise<boolean> => getSetting(PHOTO_SETTINGS.goodSignalOnly, false);
export const setGoodSignalOnly = (on: boolean): Promise<void> => setSetting(PHOTO_SETTINGS.goodSignalOnly, on);
