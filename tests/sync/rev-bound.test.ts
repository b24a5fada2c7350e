/**
 * The phone never sends a revision the server refuses (`invalid_rev`): a record edited more
 * than MAX_REV_JUMP times between two syncs (a report typed offline, one change per
 * keystroke) holds its rev at the bound and moves updatedAt; its last edit still wins.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxSummary } from '../../src/db/outbox';
import { bump } from '../../src/db/records';
import { nextRevision } from '../../src/domain/revision';
import { MAX_REV_JUMP } from '../../src/domain/sync-protocol';
import { startServer, type RunningServer } from '../../src/server/app';
import { createBranch, createEnrolCode, createTeam } from '../../src/server/store';
import { makeDuty } from './fixtures';
import { realPhone, type RealPhone } from './real-phone';

describe('nextRevision', () => {
  it('counts from the revision the server vouched for, and holds at the bound with a strictly later updatedAt', () => {
    let r = { ...makeDuty('d', 7, 0), updatedAt: 100 };
    r = nextRevision(r, 50);
    expect([r.rev, r.updatedAt, r.dirty]).toEqual([8, 100, 1]);
    for (let i = 0; i < MAX_REV_JUMP + 50; i++) r = nextRevision(r, 100);
    expect(r.rev).toBe(7 + MAX_REV_JUMP);
    expect(r.updatedAt).toBe(100 + 51); // 1,051 edits: 1,000 counted, the last 51 held the rev and moved the clock by 1 each
  });
});

let root = '';
let server: RunningServer;
let phone: RealPhone;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'xzw-rev-'));
  server = await startServer({ port: 0, dataDir: join(root, 'data'), distDir: join(root, 'dist') });
  const branch = createBranch(server.db, '支部', Date.now());
  const team = createTeam(server.db, branch.id, '甲班', Date.now());
  phone = realPhone('甲班小政委', server.url);
  await phone.enrol(createEnrolCode(server.db, team.id, Date.now()).code);
});
afterAll(async () => {
  phone.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a record edited 1,500 times offline', () => {
  it('is accepted by the server with its last edit, then counts on from the stored revision', async () => {
    await phone.sync();
    let d = makeDuty('0190a1b2-c3d4-7000-8000-00000000beef', 1, 1);
    for (let i = 0; i < 1_500; i++) d = bump({ ...d, organisationNote: `第${i}次修改` });
    await phone.db.duties.put(d);
    expect(await phone.sync()).toBe('done');
    const summary = await outboxSummary(phone.db);
    expect([summary.pending, summary.rejected.length]).toEqual([0, 0]);
    const row = server.db.prepare('SELECT rev, body FROM records WHERE id = ?').get(d.id) as { rev: number; body: string };
    expect(row.rev).toBeLessThanOrEqual(MAX_REV_JUMP);
    expect(JSON.parse(row.body).organisationNote).toBe('第1499次修改');
    expect(JSON.parse(row.body)).not.toHaveProperty('syncedRev'); // phone-local, never sent
    // After the ack the next edit is an ordinary rev + 1 on the stored revision.
    const stored = (await phone.db.duties.get(d.id))!;
    await phone.db.duties.put(bump({ ...stored, organisationNote: '再改一次' }));
    expect(await phone.sync()).toBe('done');
    expect((server.db.prepare('SELECT rev FROM records WHERE id = ?').get(d.id) as { rev: number }).rev).toBe(row.rev + 1);
  });
});
