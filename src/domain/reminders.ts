/**
 * 提醒: a reminder the branch secretary sends to a team's phones, and the phone's answers
 * (已送达, 已读) carried back in its next push or pull. Shared by the endpoint, the secretary
 * pages and the phone. Pure.
 *
 * The protocol (docs: issue 16.3): every pull answer carries the team's open reminders as a
 * snapshot (`PullResponse.reminders`, newest first, at most MAX_OPEN_REMINDERS); the phone
 * stores them and answers with `reminderAcks` in the body of its next push or POST pull.
 * An ack names a state the phone reached and when; the server keeps the first time of each
 * state and ignores repeats, so an ack re-sent after a cut link changes nothing.
 * A reminder read on one phone of the team is no longer open: the other phones see it gone
 * from the snapshot and close their notice too.
 */
import * as v from 'valibot';

/** The optional line of text the secretary adds (characters). */
export const REMINDER_TEXT_MAX = 200;
/** Open reminders a pull carries at most (newest first): older ones are stale anyway. */
export const MAX_OPEN_REMINDERS = 20;
/** A reminder not read within this time is no longer sent (the month has moved on). */
export const REMINDER_OPEN_DAYS = 35;
/** Acks one request may carry. */
export const MAX_REMINDER_ACKS = 100;

/**
 * What a reminder is about, when the secretary sent it from an item of her 未完成 list:
 * `day:2026-12-02` (日跟班 of that day), `week:2026-W49` (周帮扶), `report:2026-11` (月汇报).
 * The phone closes the notice once that item is done. '' (or absent): a general reminder.
 */
export type ReminderAbout = string;
const ABOUT_RE = /^(day:\d{4}-\d{2}-\d{2}|week:\d{4}-W\d{2}|report:\d{4}-\d{2})$/;
export const isReminderAbout = (x: string): boolean => ABOUT_RE.test(x);

export type AboutItem = { kind: 'day' | 'week' | 'report'; key: string };
/** The item a reminder is about, or null for a general one (or one this phone cannot read). */
export function aboutItem(about: ReminderAbout | undefined): AboutItem | null {
  if (!about || !isReminderAbout(about)) return null;
  const [kind, key] = about.split(':') as [AboutItem['kind'], string];
  return { kind, key };
}

/** '12月2日的日跟班', '第49周的周帮扶', '2026年11月的月汇报'; '' for a general reminder or an unknown item. */
export function aboutLabel(about: ReminderAbout | undefined): string {
  if (!about || !isReminderAbout(about)) return '';
  const [kind, key] = about.split(':') as [string, string];
  if (kind === 'day') return `${Number(key.slice(5, 7))}月${Number(key.slice(8))}日的日跟班`;
  if (kind === 'week') return `第${Number(key.slice(-2))}周的周帮扶`;
  return `${key.slice(0, 4)}年${Number(key.slice(5))}月的月汇报`;
}

/** A reminder as the phone receives it. */
export interface ReminderNotice {
  id: string;
  /** The secretary's line of text ('' when she added none). */
  text: string;
  /** What it is about (ReminderAbout); absent for a general reminder. */
  about?: ReminderAbout;
  /** Who sent it, as the phone shows it (the branch's name). */
  from: string;
  sentAt: number;
}

export type ReminderState = 'delivered' | 'read';

/** The phone's answer about one reminder: `read` implies delivered. */
export interface ReminderAck {
  id: string;
  state: ReminderState;
  at: number;
}

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确'));
const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));

export const ReminderAckSchema = v.strictObject({
  id: Id,
  state: v.picklist(['delivered', 'read'], '未知的提醒状态'),
  at: Epoch,
});
export const ReminderAcksSchema = v.pipe(v.array(ReminderAckSchema), v.maxLength(MAX_REMINDER_ACKS, `提醒回执最多 ${MAX_REMINDER_ACKS} 条`));

/** The secretary's text as stored: one line, no control characters, trimmed. */
export function cleanReminderText(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** null when the text can be sent, else a zh-CN reason. */
export function reminderTextError(text: string): string | null {
  const n = [...text].length;
  return n > REMINDER_TEXT_MAX ? `提醒内容最多 ${REMINDER_TEXT_MAX} 个字（现在 ${n} 个字）` : null;
}

/**
 * The time the server records for a state the phone reports: the phone's clock, but never
 * before the reminder was sent nor after the server received the ack (a phone's clock may be
 * off by days; the secretary must not read 已读 before 已发送).
 */
export function ackTime(at: number, sentAt: number, receivedAt: number): number {
  return Math.min(Math.max(at, sentAt), receivedAt);
}

/* ---- Report due day: a branch setting (config key REPORT_DUE_DAY_KEY), pulled by the phones. */

/** Branch config key of the day of the next month by which the 月汇报 is due. */
export const REPORT_DUE_DAY_KEY = 'reportDueDay';
export const DEFAULT_REPORT_DUE_DAY = 5;
/** Up to the 28th: every month has it. */
export const REPORT_DUE_DAY_MAX = 28;

/** A pulled or stored value as a due day: anything but a whole number 1–28 is the default. */
export function reportDueDayOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= REPORT_DUE_DAY_MAX ? value : DEFAULT_REPORT_DUE_DAY;
}

/** The secretary's input: a whole number 1–28, or a zh-CN reason. */
export function parseReportDueDay(raw: string): { ok: true; day: number } | { ok: false; error: string } {
  const t = raw.trim();
  const n = /^\d{1,2}$/.test(t) ? Number(t) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > REPORT_DUE_DAY_MAX) return { ok: false, error: `月汇报截止日应为 1 到 ${REPORT_DUE_DAY_MAX} 之间的整数` };
  return { ok: true, day: n };
}
