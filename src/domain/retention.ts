/**
 * Retention on the phone: the notes about people (health, family, state of mind) are kept
 * on the phone only as long as the instructor needs them at hand. Once the server has
 * acknowledged a record more than N days ago, its sensitive free text is removed from the
 * phone; the figures (who, which reasons/types, result, dates, amounts) stay, so reports and
 * the people ledger still count right. The server keeps the full record for the branch.
 * Nothing unsent (dirty) is ever touched. Pure rules; src/db/retention.ts applies them.
 */
import type { SyncTableName } from './sync-protocol';
import type { RecordMeta } from './types';

const MS_PER_DAY = 86_400_000;
export const DEFAULT_RETENTION_DAYS = 62;
export const MIN_RETENTION_DAYS = 14;
export const MAX_RETENTION_DAYS = 3650;

/** What a record carries for retention. */
export type RetentionMeta = Pick<RecordMeta, 'dirty' | 'updatedAt' | 'ackedAt' | 'scrubbedAt'>;

/** Tables holding notes about people, and the free-text fields of each that are removed. */
export const SENSITIVE_TEXT: Partial<Record<SyncTableName, readonly string[]>> = {
  weeklyScreenings: ['note'],
  helpRecords: ['situation', 'measures', 'nextStep'],
  hardships: ['kind', 'note', 'followUp'],
};

/**
 * Acknowledged more than `days` ago (ack time, or the last change for records acknowledged
 * before ack times were kept: such a record is clean, so the server has that revision).
 */
export function isPastRetention(r: RetentionMeta, now: number, days: number): boolean {
  if (r.dirty !== 0) return false;
  return (r.ackedAt ?? r.updatedAt) <= now - days * MS_PER_DAY;
}

type Body = Record<string, unknown>;

const blankFields = (o: Body, fields: readonly string[]): boolean => {
  let changed = false;
  for (const f of fields) {
    if (typeof o[f] === 'string' && o[f] !== '') {
      o[f] = '';
      changed = true;
    }
  }
  return changed;
};

/** 薄弱人员排查 entries keep their workers, reason and action codes; the "其他" texts go. */
function scrubDuty(row: Body): boolean {
  const weak = row.weak as { entries?: Body[] } | undefined;
  if (!weak || !Array.isArray(weak.entries)) return false;
  let changed = false;
  weak.entries = weak.entries.map((e) => {
    const copy = { ...e };
    if (blankFields(copy, ['reasonOther', 'actionOther'])) changed = true;
    return copy;
  });
  return changed;
}

/**
 * The record without its sensitive free text, marked scrubbed at `now`; or null when it
 * holds none (it is then left as it is, and stays editable).
 */
export function scrubSensitive<T extends object>(table: SyncTableName, row: T, now: number): T | null {
  const copy = { ...row } as Body;
  if (copy.scrubbedAt !== undefined) return null;
  let changed = false;
  if (table === 'duties') {
    copy.weak = { ...(copy.weak as Body | undefined) };
    changed = scrubDuty(copy);
  } else {
    const fields = SENSITIVE_TEXT[table];
    changed = fields ? blankFields(copy, fields) : false;
  }
  if (!changed) return null;
  copy.scrubbedAt = now;
  return copy as T;
}

export type RetentionCheck = { ok: true; days: number } | { ok: false; message: string };

/** The setting as typed by the instructor (whole days). */
export function parseRetentionDays(input: string): RetentionCheck {
  const s = input.trim();
  if (!/^\d+$/.test(s)) return { ok: false, message: '保留天数必须是整数' };
  const days = Number(s);
  if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    return { ok: false, message: `保留天数须在 ${MIN_RETENTION_DAYS} 到 ${MAX_RETENTION_DAYS} 天之间` };
  }
  return { ok: true, days };
}

/** Raised when a change is attempted on a record whose text was removed from this phone. */
export class ScrubbedRecordError extends Error {
  override name = 'ScrubbedRecordError';
  constructor() {
    super('这条记录的详细内容已按保留期限从本机清除，不能再修改；完整记录保存在支部服务器上。');
  }
}
