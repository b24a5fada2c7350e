/**
 * Resize, orient and re-encode one photo: shared by the worker (OffscreenCanvas) and the
 * main-thread fallback (HTMLCanvasElement). Re-encoding from pixels drops all EXIF (GPS
 * included). The engine's own decoder may or may not apply the EXIF orientation; a probe
 * (a 2×1 JPEG tagged "rotate 90°") tells which, once per engine, so it is applied exactly once.
 */
import {
  PHOTO_LONG_EDGE, PHOTO_MAX_BYTES, QUALITY_STEPS, THUMB_LONG_EDGE, THUMB_MAX_BYTES,
  fitLongEdge, orientationTransform, readJpegInfo, swapsSides, toHex, withOrientation,
} from '../domain/photo';

export interface Decoded { source: CanvasImageSource; width: number; height: number; close(): void }
type Ctx2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
export interface Surface { ctx: Ctx2d; toBlob(type: string, quality: number): Promise<Blob> }

export interface Platform {
  decode(blob: Blob): Promise<Decoded>;
  surface(width: number, height: number): Surface;
  digest(data: ArrayBuffer): Promise<ArrayBuffer>;
}

export interface Processed {
  blob: Blob; thumb: Blob; width: number; height: number; sha256: string; mime: 'image/jpeg' | 'image/webp';
}

let decoderOrients: Promise<boolean> | null = null;

/** Does this decoder turn a JPEG by its EXIF orientation by itself? */
export function decoderAppliesOrientation(p: Platform): Promise<boolean> {
  if (!decoderOrients) {
    decoderOrients = (async () => {
      const s = p.surface(2, 1);
      s.ctx.fillStyle = '#808080';
      s.ctx.fillRect(0, 0, 2, 1);
      const jpeg = new Uint8Array(await (await s.toBlob('image/jpeg', 0.9)).arrayBuffer());
      const img = await p.decode(new Blob([withOrientation(jpeg, 6)], { type: 'image/jpeg' }));
      const turned = img.width === 1 && img.height === 2;
      img.close();
      return turned;
    })();
  }
  return decoderOrients;
}

/**
 * Smallest encoding under `max` bytes, quality first, then size. `webp`: try WebP first where
 * the engine encodes it (the thumbnail, which stays on the phone); the photo itself is always
 * JPEG, because it goes into the secretary's Word report and zip, read on old office PCs.
 */
async function encode(
  p: Platform, img: Decoded, orientation: number, longEdge: number, max: number, webp: boolean,
): Promise<{ blob: Blob; width: number; height: number }> {
  const upright = swapsSides(orientation) ? { w: img.height, h: img.width } : { w: img.width, h: img.height };
  let edge = longEdge;
  for (;;) {
    const out = fitLongEdge(upright.w, upright.h, edge);
    // The raw image drawn at its scaled size, then turned by the transform.
    const drawn = swapsSides(orientation) ? { w: out.height, h: out.width } : { w: out.width, h: out.height };
    const s = p.surface(out.width, out.height);
    s.ctx.imageSmoothingEnabled = true;
    s.ctx.imageSmoothingQuality = 'high';
    s.ctx.setTransform(...orientationTransform(orientation, drawn.w, drawn.h));
    s.ctx.drawImage(img.source, 0, 0, drawn.w, drawn.h);
    let type = webp ? 'image/webp' : 'image/jpeg';
    for (const q of QUALITY_STEPS) {
      let blob = await s.toBlob(type, q);
      if (blob.type !== type) { type = 'image/jpeg'; blob = await s.toBlob(type, q); }
      if (blob.size <= max) return { blob, ...out };
    }
    edge = Math.round(edge * 0.8);
    if (edge < 64) throw new Error('照片无法压缩到限制以内');
  }
}

export async function processPhoto(p: Platform, file: Blob, progress: (f: number) => void = () => {}): Promise<Processed> {
  const head = new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer());
  const exif = readJpegInfo(head)?.orientation ?? 1;
  const orientation = exif !== 1 && !(await decoderAppliesOrientation(p)) ? exif : 1;
  progress(0.1);
  const img = await p.decode(file);
  try {
    progress(0.3);
    const full = await encode(p, img, orientation, PHOTO_LONG_EDGE, PHOTO_MAX_BYTES, false);
    progress(0.8);
    const thumb = await encode(p, img, orientation, THUMB_LONG_EDGE, THUMB_MAX_BYTES, true);
    const sha256 = toHex(await p.digest(await full.blob.arrayBuffer()));
    progress(1);
    const mime = full.blob.type === 'image/webp' ? 'image/webp' : 'image/jpeg';
    return { blob: full.blob, thumb: thumb.blob, width: full.width, height: full.height, sha256, mime };
  } finally {
    img.close();
  }
}
