/**
 * The photo upload protocol (docs/sync.md, "Photos"), shared by the phone and the endpoint.
 * One photo = one upload named by the phone's photo id:
 *   POST  /api/v1/photos/:id   declare {sha256, bytes, mime, owner …} → {offset}
 *   HEAD  /api/v1/photos/:id   Upload-Offset: bytes the server holds
 *   PATCH /api/v1/photos/:id   Upload-Offset: where this piece starts; body = the piece
 * The server answers a PATCH with the new offset; when the last byte is in, it checks the
 * SHA-256 and only then answers `done` (the phone's ack). Content-addressed: stored once.
 */
import * as v from 'valibot';
import { PHOTO_ROLES, type PhotoOwnerTable, type PhotoRole } from './photo';

/** Largest photo accepted (the phone makes ≤ 150 KB; a margin for other encoders). */
export const PHOTO_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
/** A piece: small enough that a 3-second window at 250 kbit/s still moves the photo on. */
export const PHOTO_PIECE_BYTES = 32 * 1024;

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确'));
const OWNER_TABLES: PhotoOwnerTable[] = ['duties', 'hazards', 'helpRecords'];

export const PhotoDeclareSchema = v.strictObject({
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256 应为 64 位小写十六进制')),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(PHOTO_UPLOAD_MAX_BYTES, '照片过大')),
  mime: v.picklist(['image/jpeg', 'image/webp']),
  ownerTable: v.picklist(OWNER_TABLES),
  ownerId: Id,
  role: v.picklist(Object.keys(PHOTO_ROLES) as PhotoRole[]),
  takenAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000)),
});
export type PhotoDeclare = v.InferOutput<typeof PhotoDeclareSchema>;

export const PhotoIdSchema = Id;

/** Answer of POST, HEAD (as headers) and PATCH. */
export interface PhotoUploadState { offset: number; bytes: number; done: boolean }
