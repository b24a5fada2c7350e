/**
 * The branch's reminders on this phone (table `reminders`, Dexie v4) and the answers owed
 * to the server about them (protocol: src/domain/reminders.ts).
 *
 * A reminder arrives in a pull (storeReminders, inside the pull's transaction), shows on
 * the home screen until dismissed (已读) or closed because another phone of the team read
 * it (gone from the server's open list). The acks still owed are derived from the rows
 * (ackedDelivered / ackedRead), so a cut link only means they are sent again: the server
 * keeps the first time of each state.
 */
import type { ReminderAck, ReminderNotice } from '../domain/reminders';
import { withDb } from './connection';
import type { AppDb } from './schema';

export interface StoredReminder extends ReminderNotice {
  /** When this phone stored it: the time of 已送达. */
  receivedAt: number;
  /** Dismissed on this phone (已读). */
  readAt: number | null;
  /** No longer open on the server (read on another phone, or expired): hidden, nothing owed. */
  closedAt: number | null;
  ackedDelivered: 0 | 1;
  ackedRead: 0 | 1;
}

/**
 * Stores a pull's snapshot of open reminders. Call inside a rw transaction over `reminders`.
 * A reminder missing from the snapshot is closed here unless this phone read it already.
 */
export async function storeReminders(db: AppDb, open: readonly ReminderNotice[], now: number): Promise<void> {
  const ids = new Set(open.map((r) => r.id));
  for (const r of open) {
    if (await db.reminders.get(r.id)) continue;
    await db.reminders.add({
      id: r.id, text: r.text, ...(r.about ? { about: r.about } : {}), from: r.from, sentAt: r.sentAt, receivedAt: now, readAt: null, closedAt: null, ackedDelivered: 0, ackedRead: 0,
    });
  }
  const gone = (await db.reminders.toArray()).filter((r) => !ids.has(r.id) && r.readAt === null && r.closedAt === null);
  for (const r of gone) await db.reminders.update(r.id, { closedAt: now });
}

/** What the phone still owes the server: a `read` for each reminder read here, else a `delivered`. */
export async function pendingReminderAcks(db: AppDb): Promise<ReminderAck[]> {
  const acks: ReminderAck[] = [];
  for (const r of await db.reminders.toArray()) {
    if (r.readAt !== null && r.ackedRead === 0) acks.push({ id: r.id, state: 'read', at: r.readAt });
    else if (r.ackedDelivered === 0 && r.closedAt === null) acks.push({ id: r.id, state: 'delivered', at: r.receivedAt });
  }
  return acks;
}

/** The server answered a request that carried these acks: they are no longer owed. */
export async function reminderAcksSent(db: AppDb, acks: readonly ReminderAck[]): Promise<void> {
  await db.transaction('rw', db.reminders, async () => {
    for (const a of acks) {
      await db.reminders.update(a.id, a.state === 'read' ? { ackedRead: 1, ackedDelivered: 1 } : { ackedDelivered: 1 });
    }
  });
}

/** The notices of the home screen, newest first. */
export function openReminders(): Promise<StoredReminder[]> {
  return withDb(async (db) => (await db.reminders.orderBy('sentAt').reverse().toArray()).filter((r) => r.readAt === null && r.closedAt === null));
}

/** 知道了: the reminder is read; the ack goes with the next sync. */
export function dismissReminder(id: string, now: number): Promise<void> {
  return withDb(async (db) => {
    await db.reminders.where('id').equals(id).and((r) => r.readAt === null).modify({ readAt: now });
  });
}
