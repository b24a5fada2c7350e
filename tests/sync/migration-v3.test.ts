/**
 * Upgrade of a server with data from schema v2 (records keyed by table and id) to v3 (keyed
 * by team): every row kept, none doubled, and a record the v2 server refused as another
 * team's (`foreign_record`: a risk type named by the branch's config item id) is sent again
 * by the phone that still holds it, and stored under its own team.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getSyncState, markRejected, outboxSummary, setSyncState } from '../../src/db/outbox';
import type { RiskType } from '../../src/domain/risk-types';
import { startServer, type RunningServer } from '../../src/server/app';
import { hashToken } from '../../src/server/crypto';
import { openDatabase, type Sqlite } from '../../src/server/db';
import { MIGRATIONS } from '../../src/server/migrations';
import { realPhone, type RealPhone } from './real-phone';

const T = Date.UTC(2026, 10, 2, 8);
const TOKEN_A = 'token-of-phone-a-0123456789abcdef';
const TOKEN_B = 'token-of-phone-b-0123456789abcdef';

function riskType(id: string, name: string, rev = 1): RiskType {
  return { id, createdAt: T, updatedAt: T + rev, rev, deleted: false, dirty: 1, name, retired: false, order: 0 } as RiskType;
}

/** A v2 database as the released server leaves it: two teams, records, history, a review with item scores. */
function writeV2(dataDir: string): void {
  const db = openDatabase(dataDir, MIGRATIONS.filter((m) => m.version <= 2));
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  run('INSERT INTO branches (id, name, created_at) VALUES (?, ?, ?)', 'br', '综采一队党支部', T);
  run('INSERT INTO secretaries (id, branch_id, username, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', 'sec', 'br', 'shuji', 'x', T);
  for (const [team, name] of [['ta', '甲班'], ['tb', '乙班']] as const) run('INSERT INTO teams (id, branch_id, name, created_at) VALUES (?, ?, ?, ?)', team, 'br', name, T);
  run('INSERT INTO devices (id, team_id, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?)', 'da', 'ta', hashToken(TOKEN_A), 'A', T);
  run('INSERT INTO devices (id, team_id, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?)', 'db', 'tb', hashToken(TOKEN_B), 'B', T);
  const rec = (team: string, dev: string, tbl: string, body: { id: string; rev: number; updatedAt: number; deleted: boolean }, seq: number) =>
    run(`INSERT INTO records (tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      tbl, body.id, team, dev, body.rev, body.updatedAt, body.deleted ? 1 : 0, JSON.stringify(body), T, seq);
  const { dirty: _d, ...rtA } = riskType('rt-family', '家庭困难');
  rec('ta', 'da', 'riskTypes', rtA, 1);
  const { dirty: _d2, ...rtB } = riskType('rt-b-own', '情绪异常');
  rec('tb', 'db', 'riskTypes', rtB, 2);
  rec('ta', 'da', 'reports', { id: 'rep-a', rev: 3, updatedAt: T + 3, deleted: false }, 3);
  run(`INSERT INTO record_history (tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, lost_at)
    VALUES ('riskTypes', 'rt-family', 'ta', 'da', 1, ?, 0, '{}', ?, ?)`, T, T, T + 1);
  run(`INSERT INTO reviews (report_id, team_id, secretary_id, score, feedback, adopted_idea_ids, reviewed_at, seq)
    VALUES ('rep-a', 'ta', 'sec', 88, '好', '[]', ?, 4)`, T);
  run("INSERT INTO review_items (report_id, month, items) VALUES ('rep-a', '2026-10', '[]')");
  run('UPDATE seq_counter SET value = 4');
  db.close();
}

const rows = (db: Sqlite, table: string, cols: string) =>
  (db.prepare(`SELECT ${cols} FROM ${table} ORDER BY ${cols}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));

let root = '';
let server: RunningServer | null = null;
const phones: RealPhone[] = [];
afterEach(async () => {
  for (const p of phones.splice(0)) p.close();
  await server?.close();
  server = null;
  rmSync(root, { recursive: true, force: true });
});

describe('server schema v2 → v3', () => {
  it('keeps every row once, keys them by team, and accepts the record v2 refused as foreign', async () => {
    root = mkdtempSync(join(tmpdir(), 'xzw-v3-'));
    const dataDir = join(root, 'data');
    writeV2(dataDir);
    const before = openDatabase(dataDir, MIGRATIONS.filter((m) => m.version <= 2));
    const cols = 'tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, seq';
    const v2 = {
      records: rows(before, 'records', cols),
      history: rows(before, 'record_history', 'hid, tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, lost_at'),
      reviews: rows(before, 'reviews', 'report_id, team_id, secretary_id, score, feedback, adopted_idea_ids, reviewed_at, seq'),
    };
    before.close();

    server = await startServer({ port: 0, dataDir, distDir: join(root, 'dist') });
    const db = server.db;
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBeGreaterThanOrEqual(3);
    expect(rows(db, 'records', cols)).toEqual(v2.records);
    expect(rows(db, 'record_history', 'hid, tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, lost_at')).toEqual(v2.history);
    expect(rows(db, 'reviews', 'report_id, team_id, secretary_id, score, feedback, adopted_idea_ids, reviewed_at, seq')).toEqual(v2.reviews);
    expect(db.prepare('SELECT team_id, report_id, month FROM review_items').all()).toEqual([{ team_id: 'ta', report_id: 'rep-a', month: '2026-10' }]);
    expect(db.prepare("SELECT name FROM pragma_index_list('records') WHERE origin = 'pk'").all()).toHaveLength(1);
    const pk = db.prepare("SELECT name FROM pragma_table_info('records') WHERE pk > 0 ORDER BY pk").all() as { name: string }[];
    expect(pk.map((c) => c.name)).toEqual(['team_id', 'tbl', 'id']);
    expect(db.prepare('SELECT district FROM teams ORDER BY id').all()).toEqual([{ district: '' }, { district: '' }]);

    // Phone B holds the branch's risk type under the config item id, refused by v2 as team A's.
    const phone = realPhone('乙班小政委', server.url);
    phones.push(phone);
    await setSyncState(phone.db, { token: TOKEN_B, deviceId: 'db', teamId: 'tb', teamName: '乙班', branchName: '综采一队党支部', auth: 'enrolled', cursor: 2 });
    const mine = riskType('rt-family', '家庭困难');
    await phone.db.riskTypes.put(mine as never);
    await markRejected(phone.db, [{ table: 'riskTypes', id: 'rt-family', rev: 1, code: 'foreign_record', message: '该记录属于其他班组', at: T }]);
    expect((await outboxSummary(phone.db)).rejected).toHaveLength(1);

    expect(await phone.sync()).toBe('done'); // the pull names the team: the refusal is forgotten
    expect(await phone.sync()).toBe('done'); // and the record goes
    const summary = await outboxSummary(phone.db);
    expect([summary.pending, summary.rejected.length]).toEqual([0, 0]);
    const stored = db.prepare("SELECT team_id, device_id FROM records WHERE tbl = 'riskTypes' AND id = 'rt-family' ORDER BY team_id").all();
    expect(stored).toEqual([{ team_id: 'ta', device_id: 'da' }, { team_id: 'tb', device_id: 'db' }]);
    expect((await getSyncState(phone.db)).teamName).toBe('乙班');
  });
});
