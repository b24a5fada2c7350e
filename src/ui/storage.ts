/** Persistent storage (so the browser does not evict unsent entries) and how much is used. */
import { signal } from './signal';

export interface StorageState {
  persisted: boolean | null; // null: the browser has no StorageManager
  usage: number | null;
  quota: number | null;
}

export const storageState = signal<StorageState>({ persisted: null, usage: null, quota: null });

export async function refreshStorage(): Promise<StorageState> {
  // eslint-disable-next-line compat/compat -- absent on Safari 14: read as undefined and checked
  const sm = navigator.storage;
  if (!sm?.persisted) return storageState.value;
  const [persisted, est] = await Promise.all([sm.persisted(), sm.estimate?.() ?? Promise.resolve({} as StorageEstimate)]);
  storageState.value = { persisted, usage: est.usage ?? null, quota: est.quota ?? null };
  return storageState.value;
}

/** Asks once at start; browsers grant it silently to installed or often-used apps. */
export async function askPersistence(): Promise<boolean | null> {
  // eslint-disable-next-line compat/compat -- absent on Safari 14: read as undefined and checked
  const sm = navigator.storage;
  if (!sm?.persist) return null;
  const already = await sm.persisted();
  const granted = already || (await sm.persist());
  await refreshStorage();
  return granted;
}

export function formatBytes(n: number | null): string {
  if (n === null) return '未知';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
