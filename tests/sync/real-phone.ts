/**
 * A phone for tests against the real endpoint: its own Dexie database (fake-indexeddb) and
 * the real sync engine, talking to `baseUrl` (the server, or a FaultProxy in front of it).
 * Retries are driven by the test (no timers but the request deadline).
 */
import 'fake-indexeddb/auto';
import { useDbForTests } from '../../src/db/connection';
import { createDb, type AppDb } from '../../src/db/schema';
import { SyncEngine, type SyncOutcome } from '../../src/sync/engine';
import { dexieOutboxStore } from '../../src/sync/index';

const REQUEST_TIMEOUT = 10_000;

export interface RealPhone {
  name: string;
  db: AppDb;
  engine: SyncEngine;
  enrol(code: string): Promise<void>;
  sync(): Promise<SyncOutcome>;
  close(): void;
}

let n = 0;

export function realPhone(name: string, baseUrl: string, opts: { now?: () => number; random?: () => number } = {}): RealPhone {
  n++;
  const db = createDb(`real-phone-${n}-${Math.random().toString(36).slice(2)}`);
  const now = opts.now ?? Date.now;
  const engine = new SyncEngine({
    baseUrl,
    fetch: (url, init) => fetch(url, init),
    now, random: opts.random ?? Math.random,
    store: dexieOutboxStore(db, now),
    setTimer: (fn, ms) => (ms === REQUEST_TIMEOUT ? setTimeout(fn, ms) : null),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout> | undefined),
    newNonce: () => `nonce-${name}-${n}-0123456789abcdef`,
    requestTimeoutMs: REQUEST_TIMEOUT,
    deviceName: `${name}的手机`,
  });
  return {
    name, db, engine,
    enrol: async (code) => {
      const r = await engine.enrol(code);
      if (!r.ok) throw new Error(`${name} could not enrol: ${r.message}`);
    },
    sync: () => engine.syncNow(),
    close: () => {
      engine.stop();
      db.close();
    },
  };
}

/** Runs fn with the phone's database as the repositories' connection (phones take turns). */
export async function on<T>(phone: RealPhone, fn: () => Promise<T>): Promise<T> {
  useDbForTests(phone.db);
  try {
    return await fn();
  } finally {
    useDbForTests(null);
  }
}
