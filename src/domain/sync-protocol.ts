/**
 * The wire protocol between phone and endpoint (docs/sync.md), as valibot schemas
 * shared by both sides: the server validates every body with these, the phone
 * builds its requests from the same types. Pure: no DOM, no Node.
 */
import * as v from 'valibot';
import { ReminderAcksSchema, type ReminderNotice } from './reminders';

export const PROTOCOL_VERSION = 1;
/** The server refuses larger bodies (after gunzip too). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Without gzip the phone packs batches up to this many JSON bytes: ~2 s on 250 kbit/s. */
export const BATCH_BYTES = 64 * 1024;
/**
 * With gzip the JSON bound is larger (a month of a team, ~80 KB of JSON, is one batch);
 * what must stay small is the compressed body: WIRE_BATCH_BYTES, ~1.5 s on 250 kbit/s.
 * A gzipped batch above it is split in halves before it is sent.
 */
export const GZIP_BATCH_BYTES = 384 * 1024;
export const WIRE_BATCH_BYTES = 48 * 1024;
/** A single record larger than this is refused rather than sent forever. */
export const MAX_RECORD_BYTES = 256 * 1024;
export const MAX_BATCH_RECORDS = 500;
export const MAX_PULL_CHANGES = 500;
/** Enrolment codes: 8 characters without 0/O/1/I/L/U; valid 24 h, usable once. */
export const ENROL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROL_CODE_LENGTH = 8;
export const ENROL_TTL_MS = 24 * 3600 * 1000;
/** A device's name as the phone sends it at enrolment (trimmed). */
export const DEVICE_NAME_MAX = 40;
/** Defined in revision.ts, which the first load needs without valibot; part of the protocol. */
export { MAX_REV_JUMP } from './revision';

/**
 * Same list, same order as SYNCED_TABLES in src/db/schema.ts (which cannot be imported
 * here: it pulls in Dexie). tests/sync/protocol.test.ts keeps the two equal.
 */
export const SYNC_TABLE_NAMES = [
  'teams', 'workers', 'riskTypes', 'duties', 'hazards',
  'weeklyScreenings', 'helpRecords', 'pairs', 'hardships', 'reports',
] as const;
export type SyncTableName = (typeof SYNC_TABLE_NAMES)[number];

/** A device name as stored: no control characters, trimmed, at most DEVICE_NAME_MAX characters. */
export function cleanDeviceName(raw: string): string {
  return [...raw.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(0, DEVICE_NAME_MAX).join('').trim();
}

/** Accepts 'abcd-2345', ' abcd2345 ' …: the form a person types or a link carries. */
export function normaliseEnrolCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

const Version = v.literal(PROTOCOL_VERSION, '未知的协议版本');
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确'));
const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));

export const EnrolCodeSchema = v.pipe(
  v.string(),
  v.transform(normaliseEnrolCode),
  v.length(ENROL_CODE_LENGTH, '登记码应为 8 位'),
  v.regex(new RegExp(`^[${ENROL_ALPHABET}]+$`), '登记码含有无效字符'),
);

export const EnrolRequestSchema = v.strictObject({
  v: Version,
  code: EnrolCodeSchema,
  /** Random per phone, kept locally: lets a phone whose answer was lost redeem the code again. */
  nonce: v.pipe(v.string(), v.minLength(16), v.maxLength(64)),
  /**
   * Shown to the secretary on the device page (e.g. 刘建国的手机). Stored without control
   * characters, trimmed and cut to DEVICE_NAME_MAX: apps already installed send up to 64
   * characters of their user agent, and refusing those would stop them enrolling.
   */
  deviceName: v.optional(v.pipe(v.string(), v.maxLength(200, '设备名称过长'), v.transform(cleanDeviceName)), ''),
});
export type EnrolRequest = v.InferInput<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = v.object({
  v: Version,
  token: v.string(),
  deviceId: v.string(),
  teamId: v.string(),
  teamName: v.string(),
  branchName: v.string(),
  /** 区队 as the team's phones last named it ('' when none has yet); optional: older servers. */
  district: v.optional(v.string(), ''),
  /**
   * The team already holds records on the server (another phone founded it): the phone joins
   * and restores the team instead of founding it. Older servers do not say (treated as true:
   * restoring an empty team costs one pull, founding a full one duplicates its people).
   */
  hasData: v.optional(v.boolean(), true),
});
export type EnrolResponse = v.InferOutput<typeof EnrolResponseSchema>;

/**
 * One record as it travels: the envelope is authoritative, body is the record itself.
 * The body is free-form here; its table's schema (record-schemas.ts) is checked per record.
 */
export const SyncRecordSchema = v.strictObject({
  table: v.picklist(SYNC_TABLE_NAMES, '未知的数据表'),
  id: Id,
  rev: v.pipe(v.number(), v.integer(), v.minValue(1)),
  updatedAt: Epoch,
  deleted: v.boolean(),
  body: v.record(v.string(), v.unknown()),
});
export type SyncRecord = v.InferOutput<typeof SyncRecordSchema>;

const Cursor = v.pipe(v.number(), v.integer(), v.minValue(0));

export const PushRequestSchema = v.strictObject({
  v: Version,
  teamId: Id,
  records: v.pipe(v.array(SyncRecordSchema), v.minLength(1), v.maxLength(MAX_BATCH_RECORDS)),
  /**
   * The phone's pull cursor (optional, added within v1): the answer then carries `pull`,
   * the changes since it, so the last push of a run needs no separate pull.
   */
  since: v.optional(Cursor),
  /** The phone's 已送达/已读 answers about reminders (reminders.ts; optional, added within v1). */
  reminderAcks: v.optional(ReminderAcksSchema),
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

export interface Ack {
  table: SyncTableName;
  id: string;
  rev: number;
  /** Present when the server keeps another version (the phone's lost): the phone adopts it. */
  current?: SyncRecord;
}
/** invalid_record: a body its table's schema refuses (record-schemas.ts), on the phone or the server, or a 400 for that record alone. */
/** invalid_rev: rev not a safe integer, or more than MAX_REV_JUMP beyond the server's. */
export type RejectCode = 'foreign_record' | 'too_large' | 'body_mismatch' | 'invalid_record' | 'invalid_rev';
export interface Rejection {
  table: SyncTableName;
  id: string;
  rev: number;
  code: RejectCode;
  message: string;
}
export interface PushResponse {
  v: typeof PROTOCOL_VERSION;
  acks: Ack[];
  rejected: Rejection[];
  serverTime: number;
  /** Only when the request named `since`: what a pull from it would answer, after this push. */
  pull?: PullResponse;
}

export const PullRequestSchema = v.strictObject({
  v: Version,
  since: Cursor,
  /** As on a push: a phone with nothing to send answers about reminders in its POST pull. */
  reminderAcks: v.optional(ReminderAcksSchema),
});
/** GET form: ?v=1&since=123 */
export const PullQuerySchema = v.strictObject({
  v: v.pipe(v.string(), v.transform(Number), Version),
  since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'since 应为非负整数'), v.transform(Number)), '0'),
});

/** Secretary-owned: never part of a phone's record, never written by a phone. */
export interface Review {
  reportId: string;
  score: number | null;
  feedback: string;
  adoptedIdeaIds: string[];
  reviewedAt: number;
}
export interface ConfigEntry {
  key: string;
  value: unknown;
  updatedAt: number;
}
/** The team as the server knows it: the names the phone shows (the server's are authoritative). */
export interface TeamInfo {
  name: string;
  /** 区队 / 工区; absent when the server has none for the team. */
  district?: string;
  branchName: string;
}
export interface PullResponse {
  v: typeof PROTOCOL_VERSION;
  /** Sent by every pull of this server (older servers: absent). */
  team?: TeamInfo;
  cursor: number;
  more: boolean;
  config: ConfigEntry[];
  reviews: Review[];
  /** The team's records written by its other devices (a new phone restores from these). */
  records: SyncRecord[];
  /**
   * The team's open reminders, all of them, newest first (a snapshot, not changes since the
   * cursor: what is missing was read on another phone or expired). Older servers: absent.
   */
  reminders?: ReminderNotice[];
}

export type ErrorCode =
  | 'invalid_body' | 'invalid_json' | 'too_large' | 'unsupported_version' | 'unauthorized'
  | 'revoked' | 'wrong_team' | 'code_unknown' | 'code_used' | 'code_expired' | 'not_found'
  | 'unsupported_encoding' | 'rate_limited' | 'server_error';
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  issues?: { path: string; message: string }[];
}

/** Flattens valibot issues into path + message pairs for an ErrorBody. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): { path: string; message: string }[] {
  return issues.slice(0, 20).map((i) => ({
    path: (i.path ?? []).map((p) => String(p.key)).join('.'),
    message: zhMessage(i),
  }));
}

/** valibot's default messages are English; the common ones get a zh-CN text. */
function zhMessage(i: v.BaseIssue<unknown>): string {
  if (/[\u4e00-\u9fff]/.test(i.message)) return i.message; // ours, already zh-CN
  if (i.type === 'strict_object' && i.input !== undefined) return `不允许的字段（${i.message}）`;
  if (i.input === undefined) return `缺少字段（${i.message}）`;
  return `格式不正确（${i.message}）`;
}

/* ---- The phone's side: state kept by src/db/outbox.ts, read by src/sync and src/ui/sync ---- */

/** unenrolled: never enrolled; revoked: 401 revoked; invalid: the server no longer knows the token. */
export type AuthState = 'unenrolled' | 'enrolled' | 'revoked' | 'invalid';

export interface SyncState {
  token: string | null;
  deviceId: string | null;
  teamId: string | null;
  teamName: string | null;
  branchName: string | null;
  /** 区队 as the server names it (PullResponse.team), once a pull brought it. */
  teamDistrict?: string | null;
  auth: AuthState;
  /** Pull cursor: the server's change counter already applied. */
  cursor: number;
  lastSuccessAt: number | null;
  /** zh-CN, shown as 发送失败 + reason; null after a success. */
  lastError: string | null;
  /** Kept across retries of one enrolment, so a lost answer can be redeemed again. */
  enrolNonce: string | null;
}

export interface RejectedEntry {
  table: SyncTableName;
  id: string;
  rev: number;
  code: RejectCode;
  message: string;
  at: number;
}
export interface WaitingEntry {
  table: SyncTableName;
  id: string;
  rev: number;
  updatedAt: number;
}
export interface OutboxSummary {
  /** Dirty records still to send (rejected ones not counted). */
  pending: number;
  waiting: WaitingEntry[];
  rejected: RejectedEntry[];
  /** updatedAt of the oldest unsent change, for the 3-day warning. */
  oldestPendingAt: number | null;
}
