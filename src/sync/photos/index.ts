/**
 * The app's photo sender, loaded on first use (after a records run, or when a photo is taken):
 * the Dexie queue, the browser's fetch, and the 照片仅在信号好时发送 setting read against
 * navigator.connection (Chromium); where the browser cannot tell (Safari), photos are sent.
 */
import { fullPhoto, getGoodSignalOnly, getKeepDays, markSent, queuedPhotos, thinSentPhotos } from '../../db/photos';
import { setPhotoProgress } from './progress';
import { backoffDelay } from '../backoff';
import { PhotoSender, type SendOutcome } from './sender';

type Connection = { effectiveType?: string; saveData?: boolean };

/** 3G/4G count as good; 2g/slow-2g or data saver do not. Unknown: good. */
export function connectionIsGood(c: Connection | undefined): boolean {
  if (!c) return true;
  if (c.saveData) return false;
  return c.effectiveType === undefined || c.effectiveType === '3g' || c.effectiveType === '4g';
}

let sender: PhotoSender | null = null;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Sends the queued photos (records are all sent when this is called); after a cut, tries
 * again with the engine's backoff, on its own timer: the engine's may be minutes away after
 * a long time underground. A better connection (`again`: the engine's poke) asks at once.
 */
export async function sendPhotos(token: string, again: () => void, baseUrl = ''): Promise<SendOutcome> {
  const conn = (navigator as Navigator & { connection?: EventTarget }).connection;
  if (!sender && conn && typeof conn.addEventListener === 'function') conn.addEventListener('change', again);
  const out = await photoSender(baseUrl).send(token);
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  if (out === 'offline') retryTimer = setTimeout(() => void sendPhotos(token, again, baseUrl), backoffDelay(failures++, Math.random));
  else failures = 0;
  // Full photos the server has had for the set days: only the thumbnail stays.
  if (out === 'done') await thinSentPhotos(await getKeepDays());
  return out;
}

export function photoSender(baseUrl = ''): PhotoSender {
  if (!sender) {
    sender = new PhotoSender({
      baseUrl,
      fetch: (url, init) => fetch(url, init),
      queue: {
        queued: async () => (await queuedPhotos()).map((r) => ({
          id: r.id, sha256: r.sha256, bytes: r.bytes, mime: r.mime, ownerTable: r.ownerTable, ownerId: r.ownerId,
          role: r.role, takenAt: r.takenAt, width: r.width, height: r.height,
        })),
        blob: fullPhoto,
        markSent: (id) => markSent(id),
      },
      goodEnough: async () => !(await getGoodSignalOnly())
        || connectionIsGood((navigator as Navigator & { connection?: Connection }).connection),
      onProgress: setPhotoProgress,
    });
  }
  return sender;
}
