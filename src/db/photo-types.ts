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

export interface PhotoBlobRow { id: string; blob: Blob }
