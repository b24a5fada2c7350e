/** Sync endpoint: push (revisions, gzip, conflicts, foreign records), push with since, and concurrent pushes. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PushResponse } from '../../src/domain/sync-protocol';
import { createEnrolCode, setConfig } from '../../src/server/store';
import { countRecords, duty, enrol, makeTeam, postJson, testId } from './helpers';
import { historyOf, pull, push, s, stored, useSyncServer } from './sync-harness';

useSyncServer();

describe('push', () => {
  it('stores a batch, acknowledges each revision, and treats a replay as already stored', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const [a, b] = [testId(), testId()];
    const first = await push(dev.token, dev.teamId, [duty(a, 1, '早会'), duty(b, 1)]);
    expect(first.status).toBe(200);
    expect(first.body.acks).toEqual([{ table: 'duties', id: a, rev: 1 }, { table: 'duties', id: b, rev: 1 }]);
    const before = countRecords(s);
    const replay = await push(dev.token, dev.teamId, [duty(a, 1, '早会'), duty(b, 1)]);
    expect(replay.body.acks.map((x) => x.rev)).toEqual([1, 1]);
    expect(countRecords(s)).toBe(before);
    expect(historyOf(a)).toBe(0);
  });

  it('keeps the highest revision: an update replaces, an older replay is acked and ignored', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const id = testId();
    await push(dev.token, dev.teamId, [duty(id, 1, 'v1')]);
    await push(dev.token, dev.teamId, [duty(id, 3, 'v3')]);
    const old = await push(dev.token, dev.teamId, [duty(id, 2, 'v2')]);
    expect(old.body.acks).toEqual([{ table: 'duties', id, rev: 2 }]);
    expect(stored(id)?.rev).toBe(3);
    expect(JSON.parse(stored(id)!.body).organisationNote).toBe('v3');
  });

  it('accepts a gzip body', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const id = testId();
    const body = gzipSync(JSON.stringify({ v: 1, teamId: dev.teamId, records: [duty(id, 1)] }));
    const res = await postJson(`${s.url}/api/v1/sync/push`, new Uint8Array(body), dev.token, { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(stored(id)?.rev).toBe(1);
  });

  it('resolves a conflict between two phones of a team and keeps the loser in history', async () => {
    const t = makeTeam(s);
    const a = await enrol(s, t.code, 'phone-a-0123456789');
    const b = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'phone-b-0123456789');
    const id = testId();
    await push(a.token, t.teamId, [duty(id, 2, 'A', 5_000)]);
    const fromB = await push(b.token, t.teamId, [duty(id, 2, 'B', 4_000)]); // same rev, earlier: loses
    expect(fromB.body.acks[0]?.current?.body.organisationNote).toBe('A');
    expect(JSON.parse(stored(id)!.body).organisationNote).toBe('A');
    expect(historyOf(id)).toBe(1);
    await push(b.token, t.teamId, [duty(id, 2, 'B', 4_000)]); // replay of the loser: no second history row
    expect(historyOf(id)).toBe(1);
    const win = await push(b.token, t.teamId, [duty(id, 3, 'B3', 4_500)]); // higher rev wins …
    // … and, a 日跟班, keeps what A had written (duty-merge.ts); B adopts the union from its ack.
    expect(win.body.acks[0]?.current?.body.organisationNote).toBe('B3；A');
    expect(win.body.acks[0]?.current?.rev).toBe(3);
    expect(JSON.parse(stored(id)!.body).organisationNote).toBe('B3；A');
    // A replay of B's rev 3 (its answer was cut) gets the stored union back too.
    const replay = await push(b.token, t.teamId, [duty(id, 3, 'B3', 4_500)]);
    expect(replay.body.acks[0]?.current?.body.organisationNote).toBe('B3；A');
    expect(historyOf(id)).toBe(2);
    const pulled = await pull(a.token, 0);
    expect(pulled.body.records.map((r) => [r.id, r.rev])).toEqual([[id, 3]]);
  });

  it('keeps records of the same id from two teams apart: neither refuses nor overwrites the other', async () => {
    const t1 = makeTeam(s);
    const t2 = makeTeam(s, '掘进二队');
    const d1 = await enrol(s, t1.code);
    const d2 = await enrol(s, t2.code);
    const mine = testId();
    await push(d1.token, d1.teamId, [duty(mine, 1, 'team1')]);
    const other = testId();
    // The same id (a config item id, or a hostile phone taking another team's id) under team 2.
    const r = await push(d2.token, d2.teamId, [duty(mine, 5, 'team2'), duty(other, 1)]);
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([]);
    expect(r.body.acks).toEqual([{ table: 'duties', id: mine, rev: 5 }, { table: 'duties', id: other, rev: 1 }]);
    const rows = s.db.prepare('SELECT team_id, body FROM records WHERE id = ? ORDER BY rev').all(mine) as { team_id: string; body: string }[];
    expect(rows.map((x) => [x.team_id, JSON.parse(x.body).organisationNote])).toEqual([[d1.teamId, 'team1'], [d2.teamId, 'team2']]);
    expect(historyOf(mine)).toBe(0);
    // Each team's other phone pulls its own team's version only.
    const d1b = await enrol(s, createEnrolCode(s.db, d1.teamId, Date.now()).code);
    const p1 = await pull(d1b.token, 0);
    expect(p1.body.records.map((x) => [x.id, x.body.organisationNote])).toEqual([[mine, 'team1']]);
  });
});

describe('push with since (the pull rides on the push)', () => {
  const pushSince = async (token: string, teamId: string, records: unknown[], since: number) => {
    const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records, since }, token);
    return { status: res.status, body: (await res.json()) as PushResponse };
  };

  it('answers the pull from the named cursor after storing the batch, without the batch itself', async () => {
    const t = makeTeam(s);
    const a = await enrol(s, t.code, 'phone-a-piggy-0123456789');
    const b = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'phone-b-piggy-0123456789');
    const fromB = testId();
    await push(b.token, t.teamId, [duty(fromB, 1, 'B')]);
    setConfig(s.db, t.branchId, 'shifts', [{ id: 's1' }], s.clock.now);
    const mine = testId();
    const r = await pushSince(a.token, t.teamId, [duty(mine, 1, 'A')], 0);
    expect(r.status).toBe(200);
    expect(r.body.acks).toEqual([{ table: 'duties', id: mine, rev: 1 }]);
    expect(r.body.pull?.records.map((x) => x.id)).toEqual([fromB]);
    expect(r.body.pull?.config.map((x) => x.key)).toEqual(['shifts']);
    expect(r.body.pull?.more).toBe(false);
    // The same as a separate pull from the same cursor, which the old protocol needed.
    expect((await pull(a.token, 0)).body).toEqual(r.body.pull);
    const next = await pushSince(a.token, t.teamId, [duty(testId(), 1)], r.body.pull!.cursor);
    expect(next.body.pull).toMatchObject({ records: [], config: [], reviews: [], more: false });
  });

  it('leaves the answer of a push without since as it was', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const r = await push(dev.token, dev.teamId, [duty(testId(), 1)]);
    expect(Object.keys(r.body).sort()).toEqual(['acks', 'rejected', 'serverTime', 'v']);
  });

  it('is idempotent: a replay (its answer was cut) stores nothing twice and pulls the same again', async () => {
    const t = makeTeam(s);
    const a = await enrol(s, t.code, 'phone-a-replay-0123456789');
    const b = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'phone-b-replay-0123456789');
    const other = testId();
    await push(b.token, t.teamId, [duty(other, 1)]);
    const batch = [duty(testId(), 1, 'x'), duty(testId(), 2, 'y')];
    const first = await pushSince(a.token, t.teamId, batch, 0);
    const rows = countRecords(s);
    const seq = (s.db.prepare('SELECT value FROM seq_counter').get() as { value: number }).value;
    const replay = await pushSince(a.token, t.teamId, batch, 0);
    expect(replay.body.acks).toEqual(first.body.acks);
    expect(replay.body.pull).toEqual(first.body.pull);
    expect(countRecords(s)).toBe(rows);
    expect((s.db.prepare('SELECT value FROM seq_counter').get() as { value: number }).value).toBe(seq);
    expect(historyOf(batch[0]!.id)).toBe(0);
  });

  it('stores nothing when since is malformed, and names it', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const before = countRecords(s);
    const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId: dev.teamId, records: [duty(testId(), 1)], since: -1 }, dev.token);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_body', issues: [expect.objectContaining({ path: 'since' })] });
    expect(countRecords(s)).toBe(before);
  });

  it('gzips a large answer itself (Content-Encoding set, so the app middleware leaves it alone)', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const records = Array.from({ length: 40 }, () => duty(testId(), 1));
    const res = await fetch(`${s.url}/api/v1/sync/push`, {
      method: 'POST', body: JSON.stringify({ v: 1, teamId: dev.teamId, records, since: 0 }),
      headers: { Authorization: `Bearer ${dev.token}`, 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as PushResponse).acks).toHaveLength(40);
    const plain = await fetch(`${s.url}/api/v1/sync/pull?v=1&since=0`, { headers: { Authorization: `Bearer ${dev.token}`, 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('answers built whole (json-answer.ts) carry every security header once, with a true Content-Length', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const page = await fetch(`${s.url}/robots.txt`);
    for (const encoding of ['gzip', 'identity']) {
      const res = await fetch(`${s.url}/api/v1/sync/push`, {
        method: 'POST', body: JSON.stringify({ v: 1, teamId: dev.teamId, records: Array.from({ length: 40 }, () => duty(testId(), 1)) }),
        headers: { Authorization: `Bearer ${dev.token}`, 'Content-Type': 'application/json', 'Accept-Encoding': encoding },
      });
      const bytes = new Uint8Array(await res.clone().arrayBuffer());
      for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-frame-options', 'cross-origin-opener-policy']) {
        // Equal to a page's: present, and set once (twice would read "a, a").
        expect(res.headers.get(name), name).toBe(page.headers.get(name));
        expect(res.headers.get(name), name).toBeTruthy();
      }
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-encoding')).toBe(encoding === 'gzip' ? 'gzip' : null);
      if (encoding === 'identity') expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
      expect(((await res.json()) as PushResponse).acks).toHaveLength(40);
    }
  });
});

describe('concurrent pushes (group commit)', () => {
  it('stores every batch of many phones sent at once, each acked, with distinct change numbers', async () => {
    const phones = await Promise.all(Array.from({ length: 8 }, async (_, i) => {
      const t = makeTeam(s, `并发${i}`);
      return enrol(s, t.code, `group-${i}-0123456789abcdef`);
    }));
    const batches = phones.map((p) => ({ p, records: Array.from({ length: 5 }, () => duty(testId(), 1)) }));
    const answers = await Promise.all(batches.map(({ p, records }) => push(p.token, p.teamId, records)));
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(a.body.acks.map((x) => x.id)).toEqual(batches[i]!.records.map((r) => r.id));
    });
    const ids = batches.flatMap((b) => b.records.map((r) => r.id));
    const seqs = s.db.prepare(`SELECT seq FROM records WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { seq: number }[];
    expect(new Set(seqs.map((r) => r.seq)).size).toBe(ids.length);
    const counter = (s.db.prepare('SELECT value FROM seq_counter').get() as { value: number }).value;
    expect(Math.max(...seqs.map((r) => r.seq))).toBeLessThanOrEqual(counter);
  });

  it('a failing job in a group rolls back alone', async () => {
    const { GroupCommit } = await import('../../src/server/group-commit');
    const g = new GroupCommit(s.db);
    const t = makeTeam(s, '回滚');
    const ok = g.run(() => s.db.prepare("INSERT INTO config (branch_id, key, value, updated_at, seq) VALUES (?, 'g1', '1', 0, 0)").run(t.branchId).changes);
    const bad = g.run(() => {
      s.db.prepare("INSERT INTO config (branch_id, key, value, updated_at, seq) VALUES (?, 'g2', '1', 0, 0)").run(t.branchId);
      throw new Error('boom');
    });
    await expect(ok).resolves.toBe(1);
    await expect(bad).rejects.toThrow('boom');
    const keys = (s.db.prepare('SELECT key FROM config WHERE branch_id = ? ORDER BY key').all(t.branchId) as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual(['g1']);
  });
});
