/**
 * Reminders on the phone (src/db/reminders.ts) and in the sync engine: a pull's open list is
 * stored, 已送达 is answered in the same run on a POST pull, 知道了 in the next one; a cut link
 * leaves the answer owed (sent again, the server keeps the first time); a reminder read on
 * another phone closes; an endpoint from before reminders is pulled from without acks.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSyncState } from '../../src/db/outbox';
import { dismissReminder, openReminders, pendingReminderAcks } from '../../src/db/reminders';
import { useDbForTests } from '../../src/db/connection';
import type { AppDb } from '../../src/db/schema';
import type { ReminderAck, ReminderNotice } from '../../src/domain/reminders';
import { SyncEngine } from '../../src/sync/engine';
import { dexieOutboxStore } from '../../src/sync/index';
import { freshDb } from './fixtures';

let db: AppDb;
let calls: { url: string; method: string; body: { reminderAcks?: ReminderAck[] } | undefined }[];
/** The server's open list, and what it does with a POST pull. */
let open: ReminderNotice[];
let cutPostPulls = 0;
let oldServer = false;
let clock = 1_000_000;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const notice = (id: string, text = '请补记周帮扶'): ReminderNotice => ({ id, text, from: '甲矿党支部', sentAt: 900_000 });

function engine(): SyncEngine {
  return new SyncEngine({
    baseUrl: 'http://endpoint',
    fetch: async (url, init) => {
      const raw = init.body ? new TextDecoder().decode(init.body as Uint8Array) : undefined;
      const body = raw ? JSON.parse(raw) as { reminderAcks?: ReminderAck[] } : undefined;
      calls.push({ url, method: init.method ?? 'GET', body });
      if (body?.reminderAcks && oldServer) return json({ error: 'invalid_body', message: '请求内容格式不正确', issues: [{ path: 'reminderAcks', message: '不允许的字段' }] }, 400);
      if (body?.reminderAcks && cutPostPulls > 0) {
        cutPostPulls--;
        throw new TypeError('Failed to fetch'); // the link cut before the answer came
      }
      const read = new Set((body?.reminderAcks ?? []).filter((a) => a.state === 'read').map((a) => a.id));
      open = open.filter((r) => !read.has(r.id));
      return json({ v: 1, cursor: 7, more: false, config: [], reviews: [], records: [], ...(oldServer ? {} : { reminders: open }) });
    },
    now: () => clock,
    random: () => 0.5,
    store: dexieOutboxStore(db, () => clock),
    setTimer: () => 0,
    clearTimer: () => undefined,
    newNonce: () => 'nonce-0123456789abcdef',
  });
}

beforeEach(async () => {
  db = freshDb();
  await db.open();
  useDbForTests(db);
  calls = [];
  open = [];
  cutPostPulls = 0;
  oldServer = false;
  clock = 1_000_000;
  await setSyncState(db, { token: 'tok-0123456789abcdefghij', teamId: 'team1', auth: 'enrolled' });
});
afterEach(async () => {
  useDbForTests(null);
  db.close();
  await db.delete();
});

const postPulls = () => calls.filter((c) => c.method === 'POST' && c.url.endsWith('/api/v1/sync/pull'));

describe('reminders on the phone', () => {
  it('stores what a pull brings and answers 已送达 in the same run; 知道了 goes as 已读 in the next', async () => {
    open = [notice('r1')];
    const e = engine();
    expect(await e.syncNow()).toBe('done');
    expect((await openReminders()).map((r) => [r.id, r.text, r.receivedAt])).toEqual([['r1', '请补记周帮扶', 1_000_000]]);
    expect(postPulls().map((c) => c.body?.reminderAcks)).toEqual([[{ id: 'r1', state: 'delivered', at: 1_000_000 }]]);
    expect(await pendingReminderAcks(db)).toEqual([]);

    clock = 2_000_000;
    await dismissReminder('r1', clock);
    expect(await openReminders()).toEqual([]);
    calls = [];
    expect(await e.syncNow()).toBe('done');
    expect(postPulls().map((c) => c.body?.reminderAcks)).toEqual([[{ id: 'r1', state: 'read', at: 2_000_000 }]]);
    expect(await pendingReminderAcks(db)).toEqual([]);
    // Nothing owed any more: the next run is one plain GET pull.
    calls = [];
    await e.syncNow();
    expect(calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('keeps an answer owed when the link is cut, and sends the same again', async () => {
    open = [notice('r1')];
    cutPostPulls = 1;
    const e = engine();
    expect(await e.syncNow()).toBe('offline');
    expect(await pendingReminderAcks(db)).toEqual([{ id: 'r1', state: 'delivered', at: 1_000_000 }]);
    clock = 3_000_000;
    expect(await e.syncNow()).toBe('done');
    expect(postPulls().map((c) => c.body?.reminderAcks)).toEqual([
      [{ id: 'r1', state: 'delivered', at: 1_000_000 }], [{ id: 'r1', state: 'delivered', at: 1_000_000 }],
    ]);
    expect(await pendingReminderAcks(db)).toEqual([]);
  });

  it('closes a reminder read on another phone (gone from the open list) and owes nothing for it', async () => {
    open = [notice('r1'), notice('r2', '')];
    const e = engine();
    await e.syncNow();
    expect((await openReminders()).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    open = [notice('r2', '')];
    await e.syncNow();
    expect((await openReminders()).map((r) => r.id)).toEqual(['r2']);
    expect(await pendingReminderAcks(db)).toEqual([]);
    expect((await db.reminders.get('r1'))?.closedAt).toBe(1_000_000);
  });

  it('pulls from an endpoint older than reminders without acks, and closes nothing', async () => {
    await db.reminders.add({ ...notice('r1'), receivedAt: 1, readAt: null, closedAt: null, ackedDelivered: 0, ackedRead: 0 });
    oldServer = true;
    expect(await engine().syncNow()).toBe('done');
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect((await openReminders()).map((r) => r.id)).toEqual(['r1']);
  });
});
