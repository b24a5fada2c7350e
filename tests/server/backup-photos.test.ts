/** `npm run admin -- backup FILE` copies the verified photos to FILE-photos (by hash, once). */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runAdminAsync } from '../../src/server/admin';
import { appendPiece, dataDirOf, declarePhoto } from '../../src/server/photo-store';
import { enrol, makeTeam, startTestServer, testId, type TestServer } from './helpers';

let s: TestServer;
beforeEach(async () => { s = await startTestServer(); });
afterEach(async () => { await s.stop(); });

it('backs up every verified photo with its hash, leaves uploads in progress out, and copies only what is new or damaged', async () => {
  const t = makeTeam(s);
  const dev = await enrol(s, t.code);
  const dir = dataDirOf(s.db);
  const add = (bytes: Uint8Array, complete: boolean) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = testId();
    declarePhoto(s.db, dir, t.teamId, dev.deviceId, id, { sha256, bytes: bytes.length, mime: 'image/jpeg', ownerTable: 'hazards', ownerId: 'h', role: 'found', takenAt: 1, width: 4, height: 3 }, s.clock.now);
    appendPiece(s.db, dir, t.teamId, id, 0, complete ? bytes : bytes.subarray(0, 10), s.clock.now);
    return sha256;
  };
  const done = [add(new Uint8Array(randomBytes(3000)), true), add(new Uint8Array(randomBytes(5000)), true)];
  const pending = add(new Uint8Array(randomBytes(4000)), false);
  const lines: string[] = [];
  const env = { dataDir: dir, publicUrl: 'http://x', now: s.clock.now, out: (l: string) => void lines.push(l) };
  const file = join(s.root, 'bk.sqlite');
  expect(await runAdminAsync(['backup', file], env)).toBe(0);
  expect(lines.join('\n')).toContain('共 2 张，本次新复制 2 张');
  for (const sha of done) {
    const copy = join(`${file}-photos`, sha.slice(0, 2), sha);
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(sha);
  }
  expect(existsSync(join(`${file}-photos`, pending.slice(0, 2), pending))).toBe(false);
  // Again: nothing new; a damaged copy is replaced.
  writeFileSync(join(`${file}-photos`, done[0]!.slice(0, 2), done[0]!), 'damaged');
  expect(await runAdminAsync(['backup', file], env)).toBe(0);
  expect(lines.at(-1)).toContain('共 2 张，本次新复制 1 张');
  expect(createHash('sha256').update(readFileSync(join(`${file}-photos`, done[0]!.slice(0, 2), done[0]!))).digest('hex')).toBe(done[0]);
});
