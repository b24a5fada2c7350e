/** Resumable photo upload: declare, pieces at offsets, resume, hash check, stored once, auth. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../src/server/store';
import { enrol, makeTeam, startTestServer, testId, type TestServer } from './helpers';

let s: TestServer;
beforeEach(async () => { s = await startTestServer(); });
afterEach(async () => { await s.stop(); });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const declare = (photo: Uint8Array, ownerId = testId()) => ({
  sha256: sha(photo), bytes: photo.length, mime: 'image/jpeg', ownerTable: 'hazards', ownerId, role: 'found',
  takenAt: s.clock.now, width: 1280, height: 960,
});
const url = (id: string) => `${s.url}/api/v1/photos/${id}`;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, id: string, body: unknown) =>
  fetch(url(id), { method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const patch = (token: string, id: string, offset: number, piece: Uint8Array) =>
  fetch(url(id), { method: 'PATCH', headers: { ...auth(token), 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, body: piece as Uint8Array<ArrayBuffer> });
const head = (token: string, id: string) => fetch(url(id), { method: 'HEAD', headers: auth(token) });
const storedFiles = () => {
  const dir = join(s.root, 'data', 'photos');
  return existsSync(dir) ? readdirSync(dir).filter((d) => d !== 'partial').flatMap((d) => readdirSync(join(dir, d))) : [];
};

async function device() {
  const t = makeTeam(s);
  return { ...t, dev: await enrol(s, t.code) };
}

describe('photo upload', () => {
  it('takes a photo in pieces, resumes at the offset HEAD reports, and acks only after the hash matched', async () => {
    const { dev } = await device();
    const photo = new Uint8Array(randomBytes(100_000));
    const id = testId();
    expect((await post(dev.token, id, declare(photo))).status).toBe(200);
    let r = await patch(dev.token, id, 0, photo.subarray(0, 30_000));
    expect(await r.json()).toEqual({ offset: 30_000, bytes: 100_000, done: false });
    // The answer to the next piece was "lost": the phone asks where the server is.
    await patch(dev.token, id, 30_000, photo.subarray(30_000, 60_000));
    const h = await head(dev.token, id);
    expect(h.headers.get('Upload-Offset')).toBe('60000');
    expect(h.headers.get('Upload-Done')).toBe('0');
    // A repeated piece is refused with the true offset, not written twice.
    r = await patch(dev.token, id, 30_000, photo.subarray(30_000, 60_000));
    expect(r.status).toBe(409);
    expect(((await r.json()) as { offset: number }).offset).toBe(60_000);
    expect(storedFiles()).toEqual([]);
    r = await patch(dev.token, id, 60_000, photo.subarray(60_000));
    expect(await r.json()).toEqual({ offset: 100_000, bytes: 100_000, done: true });
    expect(storedFiles()).toEqual([sha(photo)]);
    const row = s.db.prepare('SELECT sha256, received_at FROM photos WHERE id = ?').get(id) as { sha256: string; received_at: number };
    expect(row.sha256).toBe(sha(photo));
    expect(row.received_at).toBe(s.clock.now);
  });

  it('refuses a photo whose bytes do not match the declared SHA-256 and starts it again from 0', async () => {
    const { dev } = await device();
    const photo = new Uint8Array(randomBytes(5000));
    const id = testId();
    await post(dev.token, id, declare(photo));
    const bad = photo.slice();
    bad[4000] = bad[4000]! ^ 1;
    const r = await patch(dev.token, id, 0, bad);
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: string }).error).toBe('hash_mismatch');
    expect((await head(dev.token, id)).headers.get('Upload-Offset')).toBe('0');
    expect(storedFiles()).toEqual([]);
    expect((s.db.prepare('SELECT received_at FROM photos WHERE id = ?').get(id) as { received_at: number | null }).received_at).toBeNull();
    expect(((await (await patch(dev.token, id, 0, photo)).json()) as { done: boolean }).done).toBe(true);
  });

  it('stores the same content once: a second photo with it is done at its declaration', async () => {
    const { dev } = await device();
    const photo = new Uint8Array(randomBytes(2000));
    const [a, b] = [testId(), testId()];
    await post(dev.token, a, declare(photo));
    await patch(dev.token, a, 0, photo);
    const r = await post(dev.token, b, declare(photo));
    expect(await r.json()).toEqual({ offset: 2000, bytes: 2000, done: true });
    expect(storedFiles()).toEqual([sha(photo)]);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM photo_blobs').get()).toEqual({ n: 1 });
    // Re-declaring the same id is idempotent; other content under it is a conflict.
    expect((await post(dev.token, a, declare(photo))).status).toBe(200);
    expect((await post(dev.token, a, declare(new Uint8Array(randomBytes(2000))))).status).toBe(409);
  });

  it('refuses pieces beyond the declared size, no token, a revoked phone, and another team\'s upload', async () => {
    const { dev } = await device();
    const other = await device();
    const photo = new Uint8Array(randomBytes(1000));
    const id = testId();
    await post(dev.token, id, declare(photo));
    expect((await patch(dev.token, id, 0, new Uint8Array(1001))).status).toBe(413);
    expect((await fetch(url(id), { method: 'PATCH', headers: { 'Upload-Offset': '0' }, body: photo })).status).toBe(401);
    // The other team's phone sees no such upload: ids are per team.
    expect((await head(other.dev.token, id)).status).toBe(404);
    expect((await patch(other.dev.token, id, 0, photo)).status).toBe(404);
    revokeDevice(s.db, dev.deviceId, s.clock.now);
    expect((await patch(dev.token, id, 0, photo)).status).toBe(401);
    expect((await post(dev.token, testId(), { ...declare(photo), sha256: 'x' })).status).toBe(401);
    expect((await post(other.dev.token, testId(), { ...declare(photo), sha256: 'x' })).status).toBe(400);
  });
});
