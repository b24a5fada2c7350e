/**
 * What the badge shows of photos (照片 3 张待发送 · 已发 40%). Tiny and in the first load:
 * the sender (lazy) writes it, the badge reads it.
 */
export interface PhotoProgress {
  /** Photos the server has not verified yet. */
  queued: number;
  /** Of the photo being sent, the share the server holds (0–1); null when none is moving. */
  fraction: number | null;
  /** Waiting for a better connection (照片仅在信号好时发送). */
  held: boolean;
}

let current: PhotoProgress = { queued: 0, fraction: null, held: false };
const listeners = new Set<(p: PhotoProgress) => void>();

export function photoProgress(): PhotoProgress {
  return current;
}

export function setPhotoProgress(patch: Partial<PhotoProgress>): void {
  current = { ...current, ...patch };
  for (const l of listeners) l(current);
}

export function subscribePhotoProgress(fn: (p: PhotoProgress) => void): () => void {
  listeners.add(fn);
  fn(current);
  return () => void listeners.delete(fn);
}

/** The badge's photo part, '' when no photo waits. */
export function photoBadgeText(p: PhotoProgress): string {
  if (p.queued === 0) return '';
  const moving = p.fraction !== null ? ` · 已发 ${Math.floor(p.fraction * 100)}%` : '';
  return `照片 ${p.queued} 张待发送${p.held ? '（等信号好时发送）' : moving}`;
}
