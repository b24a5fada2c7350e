/**
 * Processing a photo on the phone: in a worker where the engine allows, else on the main
 * thread. The worker is made per photo and ended after it, so no memory stays held.
 */
import { domPlatform, canUseWorker } from './platform';
import { processPhoto, type Processed } from './process-core';

export type { Processed } from './process-core';

function inWorker(file: Blob, progress: (f: number) => void): Promise<Processed> {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Processed>((ok, fail) => {
    w.onmessage = (e: MessageEvent<{ progress?: number; result?: Processed; error?: string }>) => {
      if (e.data.progress !== undefined) return progress(e.data.progress);
      w.terminate();
      if (e.data.result) ok(e.data.result);
      else fail(new Error(e.data.error ?? '照片处理失败'));
    };
    w.onerror = (e) => { w.terminate(); fail(new Error(e.message || '照片处理失败')); };
    w.postMessage({ file });
  });
}

/** `force`: tests pin one path. */
export async function makePhoto(file: Blob, progress: (f: number) => void = () => {}, force?: 'worker' | 'main'): Promise<Processed> {
  const worker = force ? force === 'worker' : canUseWorker(self as unknown as Record<string, unknown>);
  if (worker) {
    try {
      return await inWorker(file, progress);
    } catch (e) {
      if (force) throw e;
      // A worker that could not start (module workers are missing on some engines): main thread.
    }
  }
  return processPhoto(domPlatform, file, progress);
}
