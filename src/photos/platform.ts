/**
 * The two places a photo can be processed. In a worker (Chromium: OffscreenCanvas and
 * createImageBitmap) the screen never waits; on engines without them (Safari 14 has
 * neither) on the main thread with <img> and <canvas>, between frames.
 */
import type { Decoded, Platform } from './process-core';

const digest = (data: ArrayBuffer) => crypto.subtle.digest('SHA-256', data);

export function canUseWorker(scope: { OffscreenCanvas?: unknown; createImageBitmap?: unknown }): boolean {
  return typeof scope.OffscreenCanvas === 'function' && typeof scope.createImageBitmap === 'function';
}

/** Inside a worker (or anywhere OffscreenCanvas exists). */
export const offscreenPlatform: Platform = {
  async decode(blob): Promise<Decoded> {
    // eslint-disable-next-line compat/compat -- only used where canUseWorker() found it (never on Safari 14)
    const bmp = await createImageBitmap(blob);
    return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
  },
  surface(width, height) {
    // eslint-disable-next-line compat/compat -- only used where canUseWorker() found it (never on Safari 14)
    const c = new OffscreenCanvas(width, height);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('OffscreenCanvas 2d context unavailable');
    return { ctx, toBlob: (type, quality) => c.convertToBlob({ type, quality }) };
  },
  digest,
};

/** The main-thread fallback. */
export const domPlatform: Platform = {
  async decode(blob): Promise<Decoded> {
    const url = URL.createObjectURL(blob);
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch {
      URL.revokeObjectURL(url);
      throw new Error('无法读取这张照片');
    }
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  },
  surface(width, height) {
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('canvas 2d context unavailable');
    return {
      ctx,
      toBlob: (type, quality) => new Promise((ok, fail) =>
        c.toBlob((b) => (b ? ok(b) : fail(new Error('照片编码失败'))), type, quality)),
    };
  },
  digest,
};
