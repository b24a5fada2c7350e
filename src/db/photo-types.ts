/** Rows of the photo tables (schema v3). Not synced as records: sent by src/sync/photos. */
import type { PhotoOwnerTable, PhotoRole } from '../domain/photo';

export interface PhotoRow {
  id: string;
  ownerTable: PhotoOwnerTable;
  ownerId: string;
  role: PhotoRole;
  takenAt: number;
  mime: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  thumb: Blob;
  /** queued: the server has not verified it; sent: it has (sentAt), the phone may thin it. */
  state: 'queued' | 'sent';
  sentAt: number | null;
  /** The full photo was dropped after the retention days; the thumbnail stays. */
  thinned: boolean;
}

/**
 * Bytes as IndexedDB holds them: a Blob, or its bytes and type where the engine refuses Blobs
 * in IndexedDB (WebKit in private browsing, and so WebKitGTK under WebDriver: webkit.org/b/156347,
 * "Error preparing Blob/File data to be stored in object store"). Read back as a Blob either way.
 */
export type StoredBytes = Blob | { bytes: ArrayBuffer; type: string };

/** A photo row as stored (PhotoRow is what the app reads: its thumbnail always a Blob). */
export interface StoredPhotoRow extends Omit<PhotoRow, 'thumb'> { thumb: StoredBytes }

export interface PhotoBlobRow { id: string; blob: StoredBytes }
