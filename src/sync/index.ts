/**
 * Wiring of the sync engine for the app: the Dexie outbox, the browser's fetch, clock,
 * randomness, timers and gzip. The lead creates one engine at start:
 *   const sync = createSyncEngine(db); sync.start({ window, document });
 * and passes it to <SyncBadge engine={sync}/> and <OutboxScreen engine={sync}/>.
 */
import {
  acknowledge, applyPull, getSyncState, listDirty, markRejected, outboxSummary, setSyncState, watchOutbox,
} from '../db/outbox';
import type { AppDb } from '../db/schema';
import { applyBranchConfig } from '../db/branch-config';
import { pendingReminderAcks, reminderAcksSent } from '../db/reminders';
import { SyncEngine, type OutboxStore } from './engine';
import { gzipAvailable, gzipBytes } from './compress';

export { SyncEngine, type SyncOutcome, type SyncStatus } from './engine';

export function dexieOutboxStore(db: AppDb, now: () => number = Date.now): OutboxStore {
  return {
    listDirty: (maxBytes) => listDirty(db, maxBytes, now()),
    // After a pull is stored, the branch's configuration in it is applied to the phone's records.
    acknowledge: async (acks, rejected, pull, sent) => {
      await acknowledge(db, acks, rejected, now(), pull, sent);
      if (pull) await applyBranchConfig(db);
    },
    markRejected: (entries) => markRejected(db, entries),
    applyPull: async (pull) => {
      await applyPull(db, pull, now());
      await applyBranchConfig(db);
    },
    getState: () => getSyncState(db),
    setState: (patch) => setSyncState(db, patch),
    summary: () => outboxSummary(db),
    reminderAcks: () => pendingReminderAcks(db),
    reminderAcksSent: (acks) => reminderAcksSent(db, acks),
  };
}

function randomNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * One engine for the page. It also watches the outbox: a record saved while the page
 * is open is sent a moment later, and the badge hears of every change.
 */
export function createSyncEngine(db: AppDb, baseUrl = ''): SyncEngine {
  const engine = new SyncEngine({
    baseUrl,
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    random: Math.random,
    store: dexieOutboxStore(db),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    ...(gzipAvailable() ? { gzip: gzipBytes } : {}),
    newNonce: randomNonce,
    // Photos are sent after the records, by a sender loaded only then (src/sync/photos).
    afterRecords: (token) => void import('./photos').then((m) => m.sendPhotos(token, () => engine.poke(), baseUrl)).catch(() => undefined),
  });
  watchOutbox(db, (s) => {
    if (s.pending > 0) engine.poke();
    void engine.notify();
  });
  return engine;
}

/** The code from an enrolment link (/enrol?code=XXXX), or null. */
export function enrolCodeFromUrl(href: string): string | null {
  try {
    const u = new URL(href);
    return u.pathname.replace(/\/+$/, '') === '/enrol' ? u.searchParams.get('code') : null;
  } catch {
    return null;
  }
}
