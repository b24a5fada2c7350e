/**
 * Sends queued photos, after the records (the engine calls it when a records run ended well),
 * piece by piece with the protocol of src/domain/photo-protocol.ts. Resumable at any cut: the
 * server's offset is the truth (asked with HEAD after a failure), so a cut loses at most the
 * piece in flight; the photo is marked sent only on the server's `done`, given after it checked
 * the SHA-256. Storage and network come in as deps, so tests and the bench drive it exactly.
 */
import { PHOTO_PIECE_BYTES, type PhotoDeclare, type PhotoUploadState } from '../../domain/photo-protocol';

export interface QueuedPhoto extends PhotoDeclare { id: string }

export interface PhotoQueue {
  queued(): Promise<QueuedPhoto[]>;
  blob(id: string): Promise<Blob | null>;
  markSent(id: string): Promise<void>;
}

export interface SenderDeps {
  baseUrl: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  queue: PhotoQueue;
  /** False while 照片仅在信号好时发送 is on and the connection is weak. */
  goodEnough: () => Promise<boolean>;
  onProgress?: (p: { queued: number; fraction: number | null; held: boolean }) => void;
  pieceBytes?: number;
  /** Per request; a stalled piece is abandoned and resumed from the server's offset. */
  timeoutMs?: number;
}

export type SendOutcome = 'done' | 'offline' | 'held' | 'refused';

class Offline extends Error {}

export class PhotoSender {
  private inflight: Promise<SendOutcome> | null = null;
  private again = false;

  constructor(private readonly d: SenderDeps) {}

  /** Single-flight: a call during a run asks for one more run after it. */
  send(token: string): Promise<SendOutcome> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      let out: SendOutcome;
      do {
        this.again = false;
        out = await this.runOnce(token);
      } while (this.again && out === 'done');
      return out;
    })().finally(() => { this.inflight = null; });
    return this.inflight;
  }

  /**
   * The queue's size for the badge, with whether it is held back. It may land after a run
   * that found the connection weak (a photo stored → count and a sync run at once), so it
   * must say `held` as that run would, never just reset it.
   */
  async count(): Promise<number> {
    const n = (await this.d.queue.queued()).length;
    const held = n > 0 && !(await this.d.goodEnough());
    if (this.inflight && !held) return n; // a run in progress reports its own progress
    this.d.onProgress?.({ queued: n, fraction: null, held });
    return n;
  }

  private async runOnce(token: string): Promise<SendOutcome> {
    const list = await this.d.queue.queued();
    let left = list.length;
    this.d.onProgress?.({ queued: left, fraction: null, held: false });
    if (left === 0) return 'done';
    if (!(await this.d.goodEnough())) {
      this.d.onProgress?.({ queued: left, fraction: null, held: true });
      return 'held';
    }
    try {
      for (const p of list) {
        const blob = await this.d.queue.blob(p.id);
        if (!blob) continue; // thinned before it was sent cannot happen; a missing blob is skipped, not looped on
        const ok = await this.sendOne(token, p, blob, (f) => this.d.onProgress?.({ queued: left, fraction: f, held: false }));
        if (!ok) return 'refused';
        await this.d.queue.markSent(p.id);
        left--;
        this.d.onProgress?.({ queued: left, fraction: null, held: false });
      }
      return 'done';
    } catch (e) {
      if (e instanceof Offline) {
        this.d.onProgress?.({ queued: left, fraction: null, held: false });
        return 'offline';
      }
      throw e;
    }
  }

  private async call(path: string, init: RequestInit): Promise<{ status: number; body: Partial<PhotoUploadState> & { error?: string } }> {
    const ctrl = new AbortController();
    const t = setTimeout(() => ctrl.abort(), this.d.timeoutMs ?? 30_000);
    try {
      const res = await this.d.fetch(this.d.baseUrl + path, { ...init, signal: ctrl.signal, cache: 'no-store' });
      const text = await res.text();
      let body = {};
      try { body = JSON.parse(text) as object; } catch { if (res.ok) throw new Offline('cut answer'); }
      if (res.status >= 500 || res.status === 0) throw new Offline(`server ${res.status}`);
      return { status: res.status, body };
    } catch (e) {
      if (e instanceof Offline) throw e;
      throw new Offline(String(e));
    } finally {
      clearTimeout(t);
    }
  }

  /** True when the server verified it; false when it refused the photo for good. */
  private async sendOne(token: string, p: QueuedPhoto, blob: Blob, progress: (f: number) => void): Promise<boolean> {
    const auth = { Authorization: `Bearer ${token}` };
    const path = `/api/v1/photos/${encodeURIComponent(p.id)}`;
    const { id: _id, ...declared } = p;
    const first = await this.call(path, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(declared) });
    if (first.status !== 200) return false;
    let offset = first.body.offset ?? 0;
    let mismatches = 0;
    // The first piece of a run is small (a window of coverage may be short); once pieces
    // get through, they double, up to 2× (still ~2 s at 250 kbit/s): fewer round trips.
    const base = this.d.pieceBytes ?? PHOTO_PIECE_BYTES;
    let piece = base;
    while (!first.body.done && offset < p.bytes) {
      progress(offset / p.bytes);
      const chunk = new Uint8Array(await blob.slice(offset, Math.min(p.bytes, offset + piece)).arrayBuffer());
      // A cut here throws Offline: the piece may or may not have arrived; the next run's POST
      // answers the server's offset, and sending resumes there.
      const r = await this.call(path, {
        method: 'PATCH',
        headers: { ...auth, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        body: chunk,
      });
      if (r.status === 200) {
        if (r.body.done) break;
        offset = r.body.offset ?? offset + chunk.length;
        piece = Math.min(piece * 2, base * 2);
      } else if (r.status === 409 && typeof r.body.offset === 'number') {
        offset = r.body.offset; // a piece whose answer was lost already arrived
      } else if (r.status === 422 && ++mismatches < 3) {
        offset = 0; // corrupted on the way: the whole photo again
      } else {
        return false;
      }
    }
    progress(1);
    return true;
  }
}
