/**
 * Reminders on the server (protocol in src/domain/reminders.ts): the secretary's rows, the
 * open ones a pull carries, and the phones' acks. An ack only ever fills an empty
 * delivered_at / read_at of a reminder of the phone's own team, so repeats, replays and
 * acks for another team's ids change nothing.
 */
import {
  ackTime, MAX_OPEN_REMINDERS, REMINDER_OPEN_DAYS, type ReminderAck, type ReminderNotice,
} from '../domain/reminders';
import { newId } from './crypto';
import { stmt, type Sqlite } from './db';

export interface ReminderRow {
  id: string;
  team_id: string;
  secretary_id: string | null;
  text: string;
  about: string;
  sent_at: number;
  delivered_at: number | null;
  read_at: number | null;
}

/** One reminder per team, in one transaction; returns their ids in the order of `teamIds`. */
export function sendReminders(db: Sqlite, teamIds: readonly string[], secretaryId: string, text: string, now: number, about = ''): string[] {
  const insert = stmt(db, 'INSERT INTO reminders (id, team_id, secretary_id, text, about, sent_at) VALUES (?, ?, ?, ?, ?, ?)');
  return db.transaction(() => teamIds.map((teamId) => {
    const id = newId();
    insert.run(id, teamId, secretaryId, text, about, now);
    return id;
  }))();
}

/** A team's reminders, newest first (the secretary's list). */
export function teamReminders(db: Sqlite, teamId: string, limit = 20): ReminderRow[] {
  return stmt(db, 'SELECT * FROM reminders WHERE team_id = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?').all(teamId, limit) as ReminderRow[];
}

/** What a pull carries: the team's reminders not yet read, sent within REMINDER_OPEN_DAYS. */
export function openReminders(db: Sqlite, teamId: string, branchName: string, now: number): ReminderNotice[] {
  const rows = stmt(db, `SELECT id, text, about, sent_at FROM reminders WHERE team_id = ? AND read_at IS NULL AND sent_at >= ?
    ORDER BY sent_at DESC, rowid DESC LIMIT ?`).all(teamId, now - REMINDER_OPEN_DAYS * 86_400_000, MAX_OPEN_REMINDERS) as
    { id: string; text: string; about: string; sent_at: number }[];
  return rows.map((r) => ({ id: r.id, text: r.text, ...(r.about ? { about: r.about } : {}), from: branchName, sentAt: r.sent_at }));
}

/**
 * Stores a phone's acks. Call inside the request's write transaction. `read` also fills an
 * empty delivered_at (a phone may read a reminder before its delivery ack got through).
 */
export function applyReminderAcks(db: Sqlite, teamId: string, acks: readonly ReminderAck[] | undefined, now: number): void {
  if (!acks?.length) return;
  const get = stmt(db, 'SELECT sent_at, delivered_at, read_at FROM reminders WHERE id = ? AND team_id = ?');
  const delivered = stmt(db, 'UPDATE reminders SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL');
  const read = stmt(db, 'UPDATE reminders SET read_at = ? WHERE id = ? AND read_at IS NULL');
  for (const a of acks) {
    const row = get.get(a.id, teamId) as { sent_at: number } | undefined;
    if (!row) continue;
    const at = ackTime(a.at, row.sent_at, now);
    delivered.run(at, a.id);
    if (a.state === 'read') read.run(at, a.id);
  }
}
