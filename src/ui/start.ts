/**
 * The first reads of a start, made before the first render (main.tsx): whether a team exists and
 * whether a PIN locks the app. Without them the first frame is empty, and the screens follow one
 * effect cycle later, after IndexedDB opened; at 4× CPU that cycle cost ~100 ms (issue 18).
 * A read that fails or hangs (another tab blocking an upgrade) does not hold the start: after
 * START_WAIT_MS the app renders anyway and its live queries take over, errors shown as usual.
 */
import { getBoot, type Boot } from '../db/join';
import { getPinConfig, type PinConfig } from '../db/pin-config';

const START_WAIT_MS = 1500;

let boot: Boot | undefined;
let pin: PinConfig | null | undefined;

export const firstBoot = (): Boot | undefined => boot;
export const firstPin = (): PinConfig | null | undefined => pin;

/** `more`: what the first screen reads once the team is known (app.tsx primeFirstScreen). */
export function readStart(more: () => Promise<void> = async () => undefined): Promise<void> {
  const reads = Promise.all([
    getBoot().then((b) => void (boot = b)),
    getPinConfig().then((p) => void (pin = p)),
  ]).then(more).then(() => undefined, () => undefined);
  return Promise.race([reads, new Promise<void>((ok) => setTimeout(ok, START_WAIT_MS))]);
}
