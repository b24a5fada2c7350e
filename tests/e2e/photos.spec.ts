/**
 * Photo evidence on the phone (issue 17): taken offline with the file chooser, made small and
 * upright, kept across a reload, sent through a link cut several times, verified by the server
 * (same SHA-256); a record with a photo syncs while the photo is held back; the storage warning.
 */
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { photoPath } from '../../src/server/photo-store';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createSecretary } from '../../src/server/store';
import { enrolAndSendAll, ownTeamCode, setUpTeam, waitForServiceWorkerControl, withServerDb } from './helpers';
import { PORT } from './playwright.config';
import { cameraJpeg, expectSmallUpright, storedPhotos, weakSignalPhone } from './photo-fixture';

const SERVER_DATA = fileURLToPath(new URL(`../../.tmp/e2e-data-${PORT}`, import.meta.url));
const serverPhoto = (id: string) => withServerDb((db) =>
  db.prepare('SELECT sha256, received_at, owner_id, role FROM photos WHERE id = ?').get(id) as { sha256: string; received_at: number | null; owner_id: string; role: string } | undefined);

test('a photo taken offline is small and upright, survives a reload, reaches the server whole through a cut link, and the secretary sees it with the same SHA-256', async ({ page, context }) => {
  test.setTimeout(120_000);
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await enrolAndSendAll(page, ownTeamCode('照片班组').code);
  const photo = await cameraJpeg(page);
  expect(photo.length).toBeGreaterThan(500_000); // 12 MP, hundreds of KB: far above the 150 KB it must become

  await context.setOffline(true);
  await page.goto('/');
  await page.getByLabel('拍班前会照片').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByTestId('photos-meeting').getByRole('button', { name: /查看班前会照片/ })).toBeVisible({ timeout: 30_000 });
  const [p] = await storedPhotos(page);
  expectSmallUpright(p);
  expect(p!.state).toBe('queued');

  await page.reload();
  await expect(page.getByTestId('photos-meeting').getByRole('button', { name: /查看班前会照片/ })).toBeVisible();
  await expect(page.getByText(/照片 1 张待发送/)).toBeVisible({ timeout: 10_000 });

  // Back at the pithead: the first pieces' requests are lost, then an answer is lost after the server stored the piece.
  let cuts = 0;
  await context.route('**/api/v1/photos/**', async (route) => {
    if (route.request().method() !== 'PATCH' || cuts >= 4) return route.fallback();
    cuts++;
    if (cuts % 2) return route.abort('internetdisconnected');
    await route.fetch();
    return route.abort('connectionreset');
  });
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(() => serverPhoto(p!.id)?.received_at ?? null, { timeout: 60_000 }).not.toBeNull();
  expect(cuts).toBe(4);
  const row = serverPhoto(p!.id)!;
  expect(row.sha256).toBe(p!.sha256);
  expect([row.role, row.owner_id]).toEqual(['meeting', p!.ownerId]);
  expect(createHash('sha256').update(readFileSync(photoPath(SERVER_DATA, p!.sha256))).digest('hex')).toBe(p!.sha256);
  await expect.poll(async () => (await storedPhotos(page))[0]!.state, { timeout: 20_000 }).toBe('sent');
  await expect(page.getByText(/照片 1 张待发送/)).toHaveCount(0);

  // The secretary finds it on the team's day view, and the photo she opens has the same SHA-256.
  const { teamId, day, username } = withServerDb((db) => {
    const owner = db.prepare("SELECT team_id, body FROM records WHERE tbl = 'duties' AND id = ?").get(p!.ownerId) as { team_id: string; body: string };
    const branch = (db.prepare('SELECT branch_id FROM teams WHERE id = ?').get(owner.team_id) as { branch_id: string }).branch_id;
    const name = `photo-sec-${Date.now()}`;
    setOwnPassword(db, createSecretary(db, branch, name, Date.now()).id, 'Shuji-own-password-2026', Date.now());
    return { teamId: owner.team_id, day: (JSON.parse(owner.body) as { day: string }).day, username: name };
  });
  const sec = await context.newPage();
  await sec.goto('/secretary/login');
  await sec.getByLabel('账号').fill(username);
  await sec.getByLabel('密码').fill('Shuji-own-password-2026');
  await sec.getByRole('button', { name: '登录' }).click();
  await sec.goto(`/secretary/team/${teamId}?month=${day.slice(0, 7)}&day=${day}`);
  const link = sec.getByTestId('day-photos').locator(`a[data-sha256="${p!.sha256}"]`);
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  const seen = await sec.evaluate(async (u) => {
    const digest = await crypto.subtle.digest('SHA-256', await (await fetch(u)).arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }, href!);
  expect(seen).toBe(p!.sha256);
});

test('a record with a photo is sent while the photo waits for a good signal', async ({ page, context }) => {
  // The browser reports a 2G link: 照片仅在信号好时发送 holds the photo, never the record.
  await weakSignalPhone(page, context, '照片班组');
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('回风巷顶板离层');
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await page.getByLabel('拍隐患照片').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(page, 1) });
  await expect(page.getByTestId('photos-found').getByRole('button', { name: /查看隐患发现照片/ })).toBeVisible({ timeout: 30_000 });
  const [p] = await storedPhotos(page);
  await expect.poll(() => withServerDb((db) => db.prepare("SELECT COUNT(*) AS n FROM records WHERE tbl = 'hazards' AND id = ?").get(p!.ownerId)), { timeout: 20_000 })
    .toEqual({ n: 1 });
  await expect(page.getByText(/记录已全部发送 · 照片 1 张待发送（等信号好时发送）/)).toBeVisible({ timeout: 20_000 });
  expect(serverPhoto(p!.id)).toBeUndefined();
});

test('a phone short of storage is warned before it takes a photo', async ({ page, context }) => {
  await context.addInitScript(() => {
    const storage = navigator.storage;
    storage.estimate = async () => ({ quota: 200 * 1024 * 1024, usage: 190 * 1024 * 1024 });
  });
  await setUpTeam(page);
  await expect(page.getByTestId('storage-short').first()).toContainText('手机存储空间不足（剩余约 10 MB）');
  await expect(page.getByLabel('拍班前会照片')).toBeAttached();
});
