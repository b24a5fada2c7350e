/// <reference lib="webworker" />
/** The photo worker: one message in (the file), progress and one result out. */
import { processPhoto } from './process-core';
import { offscreenPlatform } from './platform';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<{ file: Blob }>) => {
  processPhoto(offscreenPlatform, e.data.file, (f) => self.postMessage({ progress: f }))
    .then((result) => self.postMessage({ result }))
    .catch((err: unknown) => self.postMessage({ error: err instanceof Error ? err.message : String(err) }));
};
