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
  expect((await photosOf('h1', 'found'))[0]?.thumb.size).toBe(100);
  expect(await photoStorage()).toEqual({ count: 3, queued: 1, bytes: 5000 + 300 });
  // Even with 0 days an unsent photo stays whole.
  await thinSentPhotos(0, now);
  expect((await fullPhoto(c.id))?.size).toBe(3000);
});

it('where IndexedDB refuses Blobs (WebKit private browsing) a photo is stored as its bytes and read back as the same Blobs', async () => {
  // WebKit's answer in an ephemeral session, for any Blob in a put (webkit.org/b/156347).
  const refuse = (_key: unknown, row: { blob?: unknown; thumb?: unknown }) => {
    if (row.blob instanceof Blob || row.thumb instanceof Blob) throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
  };
  t.db.photoBlobs.hook('creating', refuse);
  t.db.photos.hook('creating', refuse);
  const full = new Uint8Array(1500).map((_, i) => i % 251);
  const a = await addPhoto({ table: 'hazards', id: 'h1', role: 'found' }, {
    ...made(0), blob: new Blob([full], { type: 'image/jpeg' }), thumb: new Blob([new Uint8Array(120)], { type: 'image/webp' }),
  });
  const stored = await t.db.photoBlobs.get(a.id);
  expect(stored?.blob instanceof Blob).toBe(false); // the bytes, not a Blob
  const [row] = await photosOf('h1');
  expect([row?.thumb.size, row?.thumb.type]).toEqual([120, 'image/webp']);
  expect((await queuedPhotos())[0]?.thumb.size).toBe(120);
  const blob = await fullPhoto(a.id);
  expect(blob?.type).toBe('image/jpeg');
  expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(full);
  expect(await photoStorage()).toEqual({ count: 1, queued: 1, bytes: 1500 + 120 });
  await markSent(a.id, Date.now() - 40 * DAY);
  expect(await thinSentPhotos(30)).toBe(1);
  expect(await fullPhoto(a.id)).toBeNull();
});

it('a full phone is not retried as bytes: the quota error reaches the user', async () => {
  t.db.photoBlobs.hook('creating', () => { throw new DOMException('full', 'QuotaExceededError'); });
  await expect(addPhoto({ table: 'hazards', id: 'h1', role: 'found' }, made(10))).rejects.toMatchObject({ name: 'QuotaExceededError' });
  expect(await photoStorage()).toEqual({ count: 0, queued: 0, bytes: 0 });
});
