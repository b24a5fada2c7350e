/** Is the phone short of storage for photos? Checked before the camera opens. */

/** Below this much free space a photo (and its processing) may fail: warn first. */
export const SHORT_BYTES = 50 * 1024 * 1024;

export async function freeBytes(): Promise<number | null> {
  const s = (navigator as Navigator & { storage?: StorageManager }).storage;
  if (!s || typeof s.estimate !== 'function') return null;
  try {
    const e = await s.estimate();
    if (typeof e.quota !== 'number' || typeof e.usage !== 'number') return null;
    return Math.max(0, e.quota - e.usage);
  } catch {
    return null;
  }
}

export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
