/**
 * A camera-like photo made in the browser: 4000×3000 JPEG of gradients and texture (so it does
 * not compress to nothing), a red block in the stored image's top-left corner, and an EXIF
 * APP1 saying "rotate 90° clockwise" (orientation 6), spliced in by src/domain/photo.ts.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { enrolAndSendAll, ownTeamCode, setUpTeam } from './helpers';
import { createHash } from 'node:crypto';
import { withOrientation } from '../../src/domain/photo';

export async function cameraJpeg(page: Page, orientation = 6): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 4000;
    c.height = 3000;
    const ctx = c.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, 4000, 3000);
    g.addColorStop(0, '#203040');
    g.addColorStop(1, '#c0d0a0');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 4000, 3000);
    let seed = 1;
    for (let i = 0; i < 40000; i++) {
      seed = (seed * 16807) % 2147483647;
      ctx.fillStyle = `hsl(${seed % 360},40%,${30 + (seed % 40)}%)`;
      ctx.fillRect((seed >> 3) % 4000, (seed >> 7) % 3000, 4 + (seed % 40), 4 + ((seed >> 5) % 40));
    }
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 600, 600);
    const blob = await new Promise<Blob>((ok) => c.toBlob((b) => ok(b!), 'image/jpeg', 0.92));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(withOrientation(new Uint8Array(bytes), orientation));
}

/** The phone's stored photos (metadata, the full photo's and thumbnail's bytes), read from IndexedDB. */
export async function storedPhotos(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('xiaozhengwei');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = <T,>(store: string) => new Promise<T[]>((ok) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result as T[]);
    });
    const photos = await all<{ id: string; sha256: string; width: number; height: number; bytes: number; state: string; thumb: Blob; ownerId: string; role: string }>('photos');
    const blobs = await all<{ id: string; blob: Blob }>('photoBlobs');
    db.close();
    return Promise.all(photos.map(async (p) => {
      const blob = blobs.find((b) => b.id === p.id)?.blob;
      // Colour at the upright photo's top-right corner: red if the orientation was applied once.
      let topRight: number[] = [];
      if (blob) {
        const img = new Image();
        img.src = URL.createObjectURL(blob);
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        topRight = Array.from(ctx.getImageData(c.width - 20, 20, 1, 1).data).slice(0, 3);
      }
      return {
        id: p.id, sha256: p.sha256, width: p.width, height: p.height, bytes: p.bytes, state: p.state, ownerId: p.ownerId, role: p.role,
        thumbBytes: p.thumb.size, type: blob?.type ?? null, full: blob ? Array.from(new Uint8Array(await blob.arrayBuffer())) : null, topRight,
      };
    }));
  });
}

type Stored = Awaited<ReturnType<typeof storedPhotos>>[number];

/**
 * The photo made of cameraJpeg(page, 6): orientation applied once (4000×3000 stored sideways is
 * 960×1280 upright, the red block top-right), ≤ 150 KB with a thumbnail ≤ 8 KB, no EXIF left,
 * and the SHA-256 the phone declares is that of its bytes.
 */
export function expectSmallUpright(p: Stored | undefined): Buffer {
  expect(p).toBeDefined();
  expect([p!.width, p!.height]).toEqual([960, 1280]);
  expect(p!.topRight[0]).toBeGreaterThan(200);
  expect(p!.topRight[1]).toBeLessThan(60);
  expect(p!.bytes).toBeLessThanOrEqual(150 * 1024);
  expect(p!.thumbBytes).toBeLessThanOrEqual(8 * 1024);
  const full = Buffer.from(p!.full!);
  expect(full.includes(Buffer.from('Exif\0\0')), 'EXIF must be dropped by re-encoding').toBe(false);
  expect(createHash('sha256').update(full).digest('hex')).toBe(p!.sha256);
  return full;
}

/**
 * An enrolled phone (a team of its own, `teamName`) on which the browser reports a 2G link
 * (navigator.connection, changeable later through its `effectiveType` and a `change` event)
 * and 照片仅在信号好时发送 is on, saved before the page is left: a reload may cut an IndexedDB
 * write still under way. Ends on the shift screen.
 */
export async function weakSignalPhone(page: Page, context: BrowserContext, teamName: string): Promise<void> {
  await context.addInitScript(() => {
    const conn = Object.assign(new EventTarget(), { effectiveType: '2g', saveData: false });
    Object.defineProperty(navigator, 'connection', { configurable: true, value: conn });
  });
  await setUpTeam(page);
  await enrolAndSendAll(page, ownTeamCode(teamName).code);
  await page.goto('/settings');
  await page.getByLabel(/照片仅在信号好时发送/).check();
  await expect(page.getByRole('status')).toHaveText('✓ 已保存：照片等信号好时再发送');
  await page.goto('/');
}
