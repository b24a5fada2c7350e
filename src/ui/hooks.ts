/** Live data from IndexedDB: re-renders whenever a table the query read changes (any tab). */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { showError } from './errors';

export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (e: unknown) => showError(e) });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

/**
 * useLive that starts from a value read before the first render (start.ts), so there is no
 * empty frame. The live query re-reads at once: a result equal to what is shown (compared as
 * JSON: only small records use this) is not a re-render of the whole app.
 */
export function useLiveFrom<T>(query: () => Promise<T>, first: T | undefined, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(first);
  useEffect(() => {
    let shown = value === undefined ? undefined : JSON.stringify(value);
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        const json = JSON.stringify(v);
        if (json === shown) return;
        shown = json;
        setValue(v);
      },
      error: (e: unknown) => showError(e),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

/** Runs a write and shows a zh-CN error if it fails; nothing typed is cleared on failure. */
export async function save<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    showError(e);
    return undefined;
  }
}
