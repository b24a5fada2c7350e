import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import {
  addPhoto, fullPhoto, markSent, photosOf, photoStorage, queuedPhotos, thinSentPhotos,
} from '../../src/db/photos';
import { useFreshDb } from './fresh-db';

const DAY = 86_400_000;
const t = useFreshDb();
const made = (n: number) => ({
  blob: new Blob([new Uint8Array(n)], { type: 'image/jpeg' }), thumb: new Blob([new Uint8Array(100)], { type: 'image/webp' }),
  width: 1280, height: 960, sha256: 'a'.repeat(64), mime: 'image/jpeg' as const,
});

it('stores a photo apart from its Blob, queues it, and after the server has had it for N days keeps only the thumbnail', async () => {
  const a = await addPhoto({ table: 'hazards', id: 'h1', role: 'found' }, made(1000));
  const b = await addPhoto({ table: 'hazards', id: 'h1', role: 'fixed' }, made(2000));
  const c = await addPhoto({ table: 'duties', id: 'd1', role: 'meeting' }, made(3000));
  expect((await photosOf('h1')).map((p) => p.role)).toEqual(['found', 'fixed']);
  expect((await photosOf('h1', 'fixed')).map((p) => p.id)).toEqual([b.id]);
  expect((await queuedPhotos()).map((p) => p.id)).toEqual([a.id, b.id, c.id]);
  expect(await photoStorage()).toEqual({ count: 3, queued: 3, bytes: 6000 + 300 });

  const now = Date.now();
  await markSent(a.id, now - 40 * DAY);
  await markSent(b.id, now - 5 * DAY);
  expect((await queuedPhotos()).map((p) => p.id)).toEqual([c.id]);
  // Only a's full photo goes: b was sent 5 days ago, c never was.
  expect(await thinSentPhotos(30, now)).toBe(1);
  expect(await fullPhoto(a.id)).toBeNull();
  expect((await fullPhoto(b.id))?.size).toBe(2000);
  expect((await fullPhoto(c.id))?.size).toBe(3000);
  expect((await t.db.photos.get(a.id))?.thumb.size).toBe(100);
  expect(await photoStorage()).toEqual({ count: 3, queued: 1, bytes: 5000 + 300 });
  // Even with 0 days an unsent photo stays whole.
  await thinSentPhotos(0, now);
  expect((await fullPhoto(c.id))?.size).toBe(3000);
});
