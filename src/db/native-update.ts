/**
 * One record's read-modify-write in a plain IndexedDB transaction, for the tap that must feel
 * instant on a slow phone: a 日跟班 tick. Through Dexie the same get + put cost 1.5–2× as much
 * at 4× CPU (its zones, promise wrappers and middleware stack; bench tick_commit_p95_4x_ms),
 * which pushed the tick past one frame (16 ms) on the phones that need it most.
 *
 * What Dexie would have done around the write is done here too:
 * - durability 'strict', as createDb asks of every transaction (a tick shown as saved is on disk);
 * - the documented `Dexie.on('storagemutated')` event with the same parts Dexie's
 *   observability middleware builds, so every liveQuery that read the record re-runs, in this tab
 *   and (through Dexie's BroadcastChannel) in others. This is why createDb turns Dexie's query
 *   cache off: a cached result would not see a write Dexie did not make.
 *
 * Anything this path cannot do (the database not open yet, the connection closed under us,
 * the transaction aborted by the browser) answers `retry`: the caller runs the Dexie path, which
 * reopens. Nothing was written then, so running it again is safe.
 */
import { cmp, Dexie, RangeSet, type ObservabilitySet } from 'dexie';
import type { AppDb } from './schema';

export type NativeUpdate<T> = { ok: true; row: T } | { ok: false; error: unknown } | { ok: false; retry: true };

export function updateNative<T extends object>(db: AppDb, table: string, key: string, change: (row: T) => T): Promise<NativeUpdate<T>> {
  return new Promise((resolve) => {
    let tx: IDBTransaction;
    try {
      if (!db.isOpen()) return resolve({ ok: false, retry: true });
      // The options argument is ignored where unknown (Safari, Chromium < 83): strict is their default.
      tx = db.backendDB().transaction([table], 'readwrite', { durability: 'strict' } as IDBTransactionOptions);
    } catch {
      return resolve({ ok: false, retry: true }); // closed or closing under Dexie (iOS, versionchange)
    }
    let failed: { ok: false; error: unknown } | null = null;
    let oldKeys: unknown[] = [];
    let after: T | undefined;
    const fail = (error: unknown) => {
      failed = { ok: false, error };
      try { tx.abort(); } catch { /* already finishing */ }
    };
    const store = tx.objectStore(table);
    const read = store.get(key);
    read.onsuccess = () => {
      const before = read.result as T | undefined;
      if (before === undefined) return fail(new Error(`${table} ${key} not found`));
      try {
        // Index keys first: a change may edit the record in place. IndexedDB handed us a fresh
        // copy, so it cannot touch anything shown.
        oldKeys = indexKeys(db, table, before);
        after = change(before);
        store.put(after);
      } catch (e) {
        fail(e);
      }
    };
    tx.oncomplete = () => {
      Dexie.on('storagemutated').fire(mutatedParts(db, table, key, oldKeys, indexKeys(db, table, after!)));
      resolve({ ok: true, row: after! });
    };
    tx.onabort = () => resolve(failed ?? { ok: false, retry: true });
  });
}

/** The record's key in each index of the table, in schema order. */
export function indexKeys(db: AppDb, table: string, row: object): unknown[] {
  return db.table(table).schema.indexes.map((ix) => (ix.keyPath === undefined ? null : Dexie.getByKeyPath(row, ix.keyPath)));
}

/**
 * The parts Dexie's observability middleware reports for the put of a record it did not read
 * through its cache (dexie.mjs, observability middleware: primary key, the key as a possible
 * deletion, each index's new key), plus each index's old key where it moved: a superset, so
 * every live query Dexie's own write would re-run re-runs. tests/db/native-update.test.ts checks
 * it against Dexie's parts for the same change, so a Dexie upgrade that changes them fails there.
 */
export function mutatedParts(db: AppDb, table: string, key: string, oldKeys: unknown[], newKeys: unknown[]): ObservabilitySet {
  const part = (index: string) => `idb://${db.name}/${table}/${index}`;
  const parts: ObservabilitySet = { [part('')]: new RangeSet().addKey(key), [part(':dels')]: new RangeSet().addKey(key) };
  db.table(table).schema.indexes.forEach((ix, i) => {
    const set = new RangeSet();
    const keys = cmp(oldKeys[i], newKeys[i]) === 0 ? [newKeys[i]] : [newKeys[i], oldKeys[i]];
    for (const k of keys) {
      if (k == null) continue;
      if (ix.multi && Array.isArray(k)) set.addKeys(k as never[]);
      else set.addKey(k as never);
    }
    parts[part(ix.name)] = set;
  });
  return parts;
}
