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

/** Runs a write and shows a zh-CN error if it fails; nothing typed is cleared on failure. */
export async function save<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    showError(e);
    return undefined;
  }
}
