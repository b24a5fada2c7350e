/**
 * Photo evidence (留痕), pure parts: reading a JPEG's size and EXIF orientation, the target
 * sizes, the canvas transform that applies an orientation, and the piece plan of an upload.
 * No DOM: the phone's worker, its main-thread fallback, the tests and the server share it.
 */

/** Long edge of a stored photo and of its thumbnail (px). */
export const PHOTO_LONG_EDGE = 1280;
export const THUMB_LONG_EDGE = 160;
/** Byte ceilings: a 12 MP photo ends at most this big (quality, then size, steps down). */
export const PHOTO_MAX_BYTES = 150 * 1024;
export const THUMB_MAX_BYTES = 8 * 1024;
/** Photos per item (a hazard's 发现, its 销号, one 班前会 …): "a few". */
export const PHOTOS_PER_ITEM = 4;
/** Encoder qualities tried in order until the bytes fit. */
export const QUALITY_STEPS = [0.8, 0.7, 0.6, 0.5, 0.4, 0.3] as const;

/** Where a photo belongs: the record (table, id) and its role there. */
export type PhotoRole = 'meeting' | 'document' | 'found' | 'fixed' | 'help';
export type PhotoOwnerTable = 'duties' | 'hazards' | 'helpRecords';
export const PHOTO_ROLES: Record<PhotoRole, string> = {
  meeting: '班前会', document: '文件传达', found: '隐患发现', fixed: '整改后', help: '周帮扶',
};

export interface JpegInfo { width: number; height: number; orientation: number }

/**
 * Size (from the SOF marker) and EXIF orientation (IFD0 tag 0x0112, 1 when absent) of a
 * JPEG; null when the bytes are not a JPEG this can walk. Never throws on bad input.
 */
export function readJpegInfo(b: Uint8Array): JpegInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let orientation = 1;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1]!;
    if (marker === 0xff) { p++; continue; } // fill byte
    const len = (b[p + 2]! << 8) | b[p + 3]!;
    if (len < 2 || p + 2 + len > b.length) return null;
    if (marker === 0xe1) orientation = exifOrientation(b, p + 4, len - 2) ?? orientation;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (len < 7) return null;
      const height = (b[p + 5]! << 8) | b[p + 6]!;
      const width = (b[p + 7]! << 8) | b[p + 8]!;
      return { width, height, orientation };
    }
    if (marker === 0xda) return null; // scan before any frame header
    p += 2 + len;
  }
  return null;
}

function exifOrientation(b: Uint8Array, start: number, len: number): number | null {
  // "Exif\0\0" then a TIFF header: byte order, 42, offset of IFD0.
  if (len < 14 || b[start] !== 0x45 || b[start + 1] !== 0x78 || b[start + 2] !== 0x69 || b[start + 3] !== 0x66) return null;
  const t = start + 6;
  const end = start + len;
  const little = b[t] === 0x49;
  if (!little && b[t] !== 0x4d) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => (o + 2 > end ? -1 : view.getUint16(o, little));
  const u32 = (o: number) => (o + 4 > end ? -1 : view.getUint32(o, little));
  if (u16(t + 2) !== 42) return null;
  const first = u32(t + 4);
  if (first < 8) return null;
  const ifd = t + first;
  const count = u16(ifd);
  if (count < 0) return null;
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) === 0x0112) {
      const o = u16(e + 8);
      return o >= 1 && o <= 8 ? o : null;
    }
  }
  return null;
}

/** Dimensions after scaling (w, h) so its long edge is at most `max` (never enlarged). */
export function fitLongEdge(w: number, h: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** Orientations 5–8 turn the picture a quarter: width and height swap. */
export const swapsSides = (orientation: number): boolean => orientation >= 5 && orientation <= 8;

/**
 * The canvas transform (a, b, c, d, e, f of setTransform) that draws an image of w×h pixels,
 * stored with this EXIF orientation, upright on a canvas of the oriented size.
 */
export function orientationTransform(orientation: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2: return [-1, 0, 0, 1, w, 0];
    case 3: return [-1, 0, 0, -1, w, h];
    case 4: return [1, 0, 0, -1, 0, h];
    case 5: return [0, 1, 1, 0, 0, 0];
    case 6: return [0, 1, -1, 0, h, 0];
    case 7: return [0, -1, -1, 0, h, w];
    case 8: return [0, -1, 1, 0, 0, w];
    default: return [1, 0, 0, 1, 0, 0];
  }
}

/**
 * A JPEG with an APP1 EXIF segment carrying only this orientation, put right after SOI
 * (any EXIF already there stays behind it and is shadowed). Used by the decoder probe
 * (does this engine apply orientation itself?) and by tests to make camera-like fixtures.
 */
export function withOrientation(jpeg: Uint8Array, orientation: number): Uint8Array<ArrayBuffer> {
  // Big-endian TIFF with one IFD0 entry: tag 0x0112, type SHORT, count 1, value.
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const len = payload.length + 2;
  const seg = [0xff, 0xe1, len >> 8, len & 0xff, ...payload];
  const out = new Uint8Array(jpeg.length + seg.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(seg, 2);
  out.set(jpeg.subarray(2), 2 + seg.length);
  return out;
}

/** Hex of a digest (SHA-256 of a photo names it on the server). */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}
