/** The phone's photo sender against the real endpoint, through a link cut at random bytes. */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoPath } from '../../src/server/photo-store';
import { PhotoSender, type QueuedPhoto } from '../../src/sync/photos/sender';
import { enrol, makeTeam, startTestServer, testId, type TestServer } from '../server/helpers';
import { cutLink } from './photo-cut';
import { join } from 'node:path';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

function memoryQueue(photos: { meta: QueuedPhoto; blob: Blob }[]) {
  const sent: string[] = [];
  return {
    sent,
    queue: {
      queued: async () => photos.filter((p) => !sent.includes(p.meta.id)).map((p) => p.meta),
      blob: async (id: string) => photos.find((p) => p.meta.id === id)?.blob ?? null,
      markSent: async (id: string) => void sent.push(id),
    },
  };
}

function photo(bytes: number) {
  const data = new Uint8Array(randomBytes(bytes));
  const meta: QueuedPhoto = {
    id: testId(), sha256: createHash('sha256').update(data).digest('hex'), bytes, mime: 'image/jpeg',
    ownerTable: 'hazards', ownerId: testId(), role: 'fixed', takenAt: s.clock.now, width: 1280, height: 960,
  };
  return { meta, blob: new Blob([data]), data };
}

describe('PhotoSender', () => {
  it('sends photos whole through a link cut dozens of times: none lost, none stored twice, each marked sent only once verified', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const photos = [photo(150_000), photo(140_000), photo(90_000), photo(60_000), photo(7_000)];
    const q = memoryQueue(photos);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const link = cutLink(0.5, random);
    const progress: number[] = [];
    const sender = new PhotoSender({
      baseUrl: s.url, fetch: link.fetch, queue: q.queue, goodEnough: async () => true, pieceBytes: 16 * 1024,
      onProgress: (p) => { if (p.fraction !== null) progress.push(p.fraction); },
    });
    let runs = 0;
    while (q.sent.length < photos.length && runs++ < 500) {
      const out = await sender.send(dev.token);
      expect(['done', 'offline']).toContain(out);
    }
    expect(link.cuts).toBeGreaterThan(20);
    expect(q.sent.sort()).toEqual(photos.map((p) => p.meta.id).sort());
    const dataDir = join(s.root, 'data');
    for (const p of photos) {
      const stored = readFileSync(photoPath(dataDir, p.meta.sha256));
      expect(createHash('sha256').update(stored).digest('hex')).toBe(p.meta.sha256);
      expect(stored.length).toBe(p.data.length);
    }
    expect(progress.some((f) => f > 0 && f < 1)).toBe(true);
    const ids = photos.map((p) => p.meta.id);
    const rows = s.db.prepare(`SELECT COUNT(*) AS n FROM photos WHERE received_at IS NOT NULL AND id IN (${ids.map(() => '?').join(',')})`).get(...ids);
    expect(rows).toEqual({ n: photos.length });
  });

  it('holds photos back while the connection is not good enough, and sends nothing', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const q = memoryQueue([photo(1000)]);
    let calls = 0;
    const held: boolean[] = [];
    const sender = new PhotoSender({
      baseUrl: s.url, fetch: async (u, i) => { calls++; return fetch(u, i); }, queue: q.queue,
      goodEnough: async () => false, onProgress: (p) => held.push(p.held),
    });
    expect(await sender.send(dev.token)).toBe('held');
    expect(calls).toBe(0);
    expect(held).toContain(true);
    expect(q.sent).toEqual([]);
  });

  it('a count after a held run still says held: the badge keeps （等信号好时发送） whatever order they land in', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const q = memoryQueue([photo(1000)]);
    let good = false;
    const seen: { queued: number; held: boolean }[] = [];
    const sender = new PhotoSender({
      baseUrl: s.url, fetch, queue: q.queue, goodEnough: async () => good,
      onProgress: (p) => seen.push({ queued: p.queued, held: p.held }),
    });
    expect(await sender.send(dev.token)).toBe('held');
    expect(await sender.count()).toBe(1);
    expect(seen.at(-1)).toEqual({ queued: 1, held: true });
    good = true;
    expect(await sender.count()).toBe(1);
    expect(seen.at(-1)).toEqual({ queued: 1, held: false });
  });
});
