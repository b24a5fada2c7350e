/**
 * Photo evidence where the engine cannot help (issue 17): Safari 14 has neither OffscreenCanvas
 * nor createImageBitmap, so the photo is made on the main thread (<img> and <canvas>); and the
 * 照片仅在信号好时发送 setting lets the held photo go as soon as the connection gets better.
 */
import { expect, test } from '@playwright/test';
import { setUpTeam, withServerDb } from './helpers';
import { cameraJpeg, expectSmallUpright, storedPhotos, weakSignalPhone } from './photo-fixture';

const serverPhoto = (id: string) => withServerDb((db) =>
  db.prepare('SELECT sha256, received_at FROM photos WHERE id = ?').get(id) as { sha256: string; received_at: number | null } | undefined);

test('without OffscreenCanvas and createImageBitmap (Safari 14) the photo is made on the main thread: upright, small, no EXIF', async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.OffscreenCanvas;
    delete w.createImageBitmap;
    // Every worker the page starts is counted: the fallback must start none.
    const Real = window.Worker;
    w.__workers = 0;
    w.Worker = function (this: unknown, url: string | URL, opts?: WorkerOptions) {
      (w.__workers as number)++;
      return new Real(url, opts);
    } as unknown as typeof Worker;
  });
  await setUpTeam(page);
  expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).OffscreenCanvas)).toBe('undefined');
  const photo = await cameraJpeg(page);
  await page.getByLabel('拍班前会照片').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByTestId('photos-meeting').getByRole('button', { name: /查看班前会照片/ })).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __workers: number }).__workers)).toBe(0);
  const [p] = await storedPhotos(page);
  expectSmallUpright(p); // as the worker path makes it (photos.spec.ts)
});

test('a photo held for a weak signal is sent when the connection becomes good, without a tap', async ({ page, context }) => {
  test.setTimeout(90_000);
  await weakSignalPhone(page, context, '信号班组');
  await page.getByLabel('拍班前会照片').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(page, 1) });
  await expect(page.getByTestId('photos-meeting').getByRole('button', { name: /查看班前会照片/ })).toBeVisible({ timeout: 30_000 });
  const [p] = await storedPhotos(page);
  await expect(page.getByText(/照片 1 张待发送（等信号好时发送）/)).toBeVisible({ timeout: 20_000 });
  // The record the photo belongs to reaches the server; the photo stays behind, run after run.
  await expect.poll(() => withServerDb((db) => db.prepare('SELECT COUNT(*) AS n FROM records WHERE id = ?').get(p!.ownerId)), { timeout: 20_000 })
    .toEqual({ n: 1 });
  await page.waitForTimeout(5_000); // longer than the engine's poke delay: every run the photo caused has ended
  expect(serverPhoto(p!.id)).toBeUndefined();

  // Up the shaft: the browser reports 4G. No tap, no online event: the change alone sends it.
  await page.evaluate(() => {
    const conn = (navigator as unknown as { connection: EventTarget & { effectiveType: string } }).connection;
    conn.effectiveType = '4g';
    conn.dispatchEvent(new Event('change'));
  });
  await expect.poll(() => serverPhoto(p!.id)?.received_at ?? null, { timeout: 30_000 }).not.toBeNull();
  expect(serverPhoto(p!.id)!.sha256).toBe(p!.sha256);
  await expect(page.getByRole('button', { name: /^已全部发送/ })).toBeVisible({ timeout: 10_000 });
});
