/**
 * Push and pull on the server side (docs/sync.md).
 * Push upserts a batch in one transaction, idempotently: a version already held (or
 * beaten) is acknowledged and not stored again. Between devices of a team the higher
 * revision wins, ties by later updatedAt, then by device id; the loser goes to
 * record_history and the phone that sent it gets the winner back in its ack.
 * A record is identified by (team, table, id): teams never see or collide with each
 * other's records. A revision must be a safe integer at most MAX_REV_JUMP beyond the
 * stored one. A `review` inside a report body is dropped (reviews are the secretary's).
 * Pull returns, in change order, the branch-wide config and the team's own per-team config
 * (never another team's), the secretary's reviews and the team's records last written by
 * other devices, with the team's names as the server knows them.
 */
import {
  MAX_PULL_CHANGES, MAX_RECORD_BYTES, MAX_REV_JUMP, PROTOCOL_VERSION,
  type Ack, type ConfigEntry, type PullResponse, type PushResponse, type Rejection, type Review,
  type SyncRecord, type SyncTableName, type TeamInfo,
} from '../domain/sync-protocol';
import { mergeDuties } from '../domain/duty-merge';
import { validateRecordBody } from '../domain/record-schemas';
import type { DailyDuty } from '../domain/types';
import { stmt, type Sqlite } from './db';
import { openReminders } from './reminders';
import type { DeviceRow, TeamRow } from './store';

interface RecordRow {
  tbl: string; id: string; team_id: string; device_id: string; rev: number;
  updated_at: number; deleted: number; body: string; received_at: number; seq: number;
}

/** Bytes of a pull answer after which it stops and says `more`. */
const PULL_BYTES = 256 * 1024;

function toSyncRecord(r: RecordRow): SyncRecord {
  return {
    table: r.tbl as SyncTableName, id: r.id, rev: r.rev, updatedAt: r.updated_at,
    deleted: r.deleted === 1, body: JSON.parse(r.body) as Record<string, unknown>,
  };
}

/** Does version a (rev, updatedAt, device) beat version b? Deterministic on every server. */
export function wins(a: { rev: number; updatedAt: number; deviceId: string }, b: { rev: number; updatedAt: number; deviceId: string }): boolean {
  if (a.rev !== b.rev) return a.rev > b.rev;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.deviceId > b.deviceId;
}

const UPSERT = `INSERT INTO records (tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, seq)
    VALUES (@tbl, @id, @team_id, @device_id, @rev, @updated_at, @deleted, @body, @received_at, @seq)
    ON CONFLICT (team_id, tbl, id) DO UPDATE SET device_id = excluded.device_id, rev = excluded.rev,
      updated_at = excluded.updated_at, deleted = excluded.deleted, body = excluded.body,
      received_at = excluded.received_at, seq = excluded.seq`;
const TO_HISTORY = `INSERT INTO record_history (tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, lost_at)
    SELECT @tbl, @id, @team_id, @device_id, @rev, @updated_at, @deleted, @body, @received_at, @lost_at
    WHERE NOT EXISTS (SELECT 1 FROM record_history WHERE team_id = @team_id AND tbl = @tbl AND id = @id AND device_id = @device_id
      AND rev = @rev AND updated_at = @updated_at)`;

const INSERT_NEW = `INSERT INTO records (tbl, id, team_id, device_id, rev, updated_at, deleted, body, received_at, seq)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (team_id, tbl, id) DO NOTHING`;

/**
 * Change numbers for one transaction, taken from the counter as a block: one read and
 * one write of `seq_counter` per push instead of one UPDATE per record. Call inside the
 * writing transaction (which holds the write lock), and `commit()` before it ends.
 */
function seqBlock(db: Sqlite): { peek(): number; take(): number; commit(): void } {
  let next = 0;
  let taken = false;
  const peek = () => {
    if (next === 0) next = (stmt(db, 'SELECT value FROM seq_counter WHERE id = 1').get() as { value: number }).value + 1;
    return next;
  };
  return {
    peek,
    take: () => {
      const n = peek();
      next = n + 1;
      taken = true;
      return n;
    },
    commit: () => {
      if (taken) stmt(db, 'UPDATE seq_counter SET value = ? WHERE id = 1').run(next - 1);
    },
  };
}

/**
 * A revision the server accepts: a safe integer at most MAX_REV_JUMP beyond the stored one
 * (0 for a record it has never seen). Without the bound, one push of rev 9e15 would win
 * every later edit of the record for ever.
 */
export function checkRev(rev: number, stored: number): string | null {
  if (!Number.isSafeInteger(rev) || rev < 1) return `版本号无效（${rev}）`;
  if (rev > stored + MAX_REV_JUMP) return `版本号跳跃过大（服务器为 ${stored}，收到 ${rev}，最多相差 ${MAX_REV_JUMP}）`;
  return null;
}

export function push(db: Sqlite, device: DeviceRow, team: TeamRow, records: SyncRecord[], now: number): PushResponse {
  const acks: Ack[] = [];
  const rejected: Rejection[] = [];
  const get = stmt(db, 'SELECT * FROM records WHERE team_id = ? AND tbl = ? AND id = ?');
  const insertNew = stmt(db, INSERT_NEW);
  const upsert = stmt(db, UPSERT);
  const toHistory = stmt(db, TO_HISTORY);

  // IMMEDIATE: the write lock is taken before the counter is read (the admin CLI may write too).
  db.transaction(() => {
    const seq = seqBlock(db);
    for (const rec of records) {
      const ref = { table: rec.table, id: rec.id, rev: rec.rev };
      const { dirty: _dirty, ...sent } = rec.body;
      if (sent.id !== undefined && sent.id !== rec.id) {
        rejected.push({ ...ref, code: 'body_mismatch', message: '记录内容与编号不一致' });
        continue;
      }
      // The envelope is authoritative: the stored body always agrees with it.
      const body = { ...sent, id: rec.id, rev: rec.rev, updatedAt: rec.updatedAt, deleted: rec.deleted };
      // Only the secretary reviews (the `reviews` table): a review a phone put in its report is dropped.
      if (rec.table === 'reports' && 'review' in body) body.review = null;
      // Its table's schema: a body the pages cannot read is refused alone, before anything is stored.
      const check = validateRecordBody(rec.table, body);
      if (!check.ok) {
        rejected.push({ ...ref, code: 'invalid_record', message: `记录格式不正确: ${check.message}` });
        continue;
      }
      const json = stringifyOrNull(body);
      if (json === null) {
        rejected.push({ ...ref, code: 'invalid_record', message: '记录内容嵌套过深，无法保存' });
        continue;
      }
      if (json.length > MAX_RECORD_BYTES / 3 && Buffer.byteLength(json) > MAX_RECORD_BYTES) {
        rejected.push({ ...ref, code: 'too_large', message: '记录过大，无法发送' });
        continue;
      }
      const deleted = rec.deleted ? 1 : 0;
      // The common case, a record the server has never seen: one statement.
      if (checkRev(rec.rev, 0) === null
        && insertNew.run(rec.table, rec.id, team.id, device.id, rec.rev, rec.updatedAt, deleted, json, now, seq.peek()).changes === 1) {
        seq.take();
        acks.push(ref);
        continue;
      }
      const existing = get.get(team.id, rec.table, rec.id) as RecordRow | undefined;
      const revProblem = checkRev(rec.rev, existing?.rev ?? 0);
      if (revProblem || !existing) {
        rejected.push({ ...ref, code: 'invalid_rev', message: revProblem ?? '版本号无效' });
        continue;
      }
      const row = {
        tbl: rec.table, id: rec.id, team_id: team.id, device_id: device.id, rev: rec.rev,
        updated_at: rec.updatedAt, deleted, body: json, received_at: now,
      };
      const incoming = { rev: rec.rev, updatedAt: rec.updatedAt, deviceId: device.id };
      if (wins(incoming, { rev: existing.rev, updatedAt: existing.updated_at, deviceId: existing.device_id })) {
        if (existing.device_id !== device.id) toHistory.run({ ...existing, lost_at: now });
        // 日跟班 of another phone of the team: kept tick by tick, not replaced (duty-merge.ts).
        const merged = rec.table === 'duties' && existing.device_id !== device.id && !rec.deleted && existing.deleted === 0
          ? mergedDuty(body, existing.body) : null;
        upsert.run({ ...row, ...(merged ? { body: merged } : {}), seq: seq.take() });
        // The phone adopts the union (its pull skips what it wrote itself).
        acks.push(merged ? { ...ref, current: toSyncRecord({ ...existing, ...row, body: merged, deleted }) } : ref);
      } else if (existing.device_id === device.id) {
        // A replay, or an older revision of this phone's own record. If the server stores
        // something else at that revision (a duty merged with another phone's), it goes back.
        acks.push(existing.rev === rec.rev && existing.body !== json ? { ...ref, current: toSyncRecord(existing) } : ref);
      } else {
        toHistory.run({ ...row, lost_at: now });
        acks.push({ ...ref, current: toSyncRecord(existing) });
      }
    }
    seq.commit();
  }).immediate();
  return { v: PROTOCOL_VERSION, acks, rejected, serverTime: now };
}

type Change =
  | { seq: number; kind: 'config'; entry: ConfigEntry; bytes: number }
  | { seq: number; kind: 'review'; review: Review; bytes: number }
  | { seq: number; kind: 'record'; record: SyncRecord; bytes: number };

/** `now`: the server's clock, for which reminders are still open (reminders.ts). */
export function pull(db: Sqlite, device: DeviceRow, team: TeamRow, since: number, now: number = Date.now()): PullResponse {
  // One read transaction: the counter and the rows come from the same snapshot.
  return db.transaction((): PullResponse => {
    const limit = MAX_PULL_CHANGES + 1;
    // Branch-wide keys, and per-team keys (`team:<id>:…`) of this team only: another team's
    // roster (names, posts, party membership) never leaves the server.
    const own = `team:${team.id}:`;
    const config = stmt(db, `SELECT key, value, updated_at, seq FROM config WHERE branch_id = ? AND seq > ?
      AND (substr(key, 1, 5) <> 'team:' OR substr(key, 1, length(?)) = ?) ORDER BY seq LIMIT ?`)
      .all(team.branch_id, since, own, own, limit) as { key: string; value: string; updated_at: number; seq: number }[];
    const reviews = stmt(db, 'SELECT * FROM reviews WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(team.id, since, limit) as { report_id: string; score: number | null; feedback: string; adopted_idea_ids: string; reviewed_at: number; seq: number }[];
    const records = stmt(db, 'SELECT * FROM records WHERE team_id = ? AND seq > ? AND device_id <> ? ORDER BY seq LIMIT ?')
      .all(team.id, since, device.id, limit) as RecordRow[];
    const changes: Change[] = [
      ...config.map((r): Change => ({
        seq: r.seq, kind: 'config', bytes: r.value.length,
        entry: { key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at },
      })),
      ...reviews.map((r): Change => ({
        seq: r.seq, kind: 'review', bytes: r.feedback.length + r.adopted_idea_ids.length,
        review: {
          reportId: r.report_id, score: r.score, feedback: r.feedback,
          adoptedIdeaIds: JSON.parse(r.adopted_idea_ids) as string[], reviewedAt: r.reviewed_at,
        },
      })),
      ...records.map((r): Change => ({ seq: r.seq, kind: 'record', bytes: r.body.length, record: toSyncRecord(r) })),
    ].sort((a, b) => a.seq - b.seq);

    const info = teamInfo(db, team);
    const out: PullResponse = {
      v: PROTOCOL_VERSION, team: info, cursor: since, more: false, config: [], reviews: [], records: [],
      reminders: openReminders(db, team.id, info.branchName, now),
    };
    let bytes = 0;
    for (const ch of changes) {
      if (out.cursor > since && (bytes > PULL_BYTES || ch === changes[MAX_PULL_CHANGES])) {
        out.more = true;
        return out;
      }
      bytes += ch.bytes;
      out.cursor = ch.seq;
      if (ch.kind === 'config') out.config.push(ch.entry);
      else if (ch.kind === 'review') out.reviews.push(ch.review);
      else out.records.push(ch.record);
    }
    // Nothing left past these: jump to the counter so the next pull skips other teams' changes.
    out.cursor = Math.max(out.cursor, (stmt(db, 'SELECT value FROM seq_counter WHERE id = 1').get() as { value: number }).value);
    return out;
  })();
}

/** The union of two versions of a duty as JSON, or null when the incoming one already holds every tick. */
function mergedDuty(incoming: Record<string, unknown>, storedJson: string): string | null {
  const merged = mergeDuties(incoming as unknown as DailyDuty, JSON.parse(storedJson) as DailyDuty);
  const json = JSON.stringify(merged);
  return json === JSON.stringify(incoming) ? null : json;
}

/** The names the phones show: the server's (the secretary can correct them), not the ones typed at setup. */
function teamInfo(db: Sqlite, team: TeamRow): TeamInfo {
  const branch = stmt(db, 'SELECT name FROM branches WHERE id = ?').get(team.branch_id) as { name: string } | undefined;
  return { name: team.name, ...(team.district ? { district: team.district } : {}), branchName: branch?.name ?? '' };
}

/** A body nested thousands deep (in a key its schema does not know) passes it but overflows the stack here. */
function stringifyOrNull(body: unknown): string | null {
  try {
    return JSON.stringify(body);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}
