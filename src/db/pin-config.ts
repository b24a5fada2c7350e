/**
 * The cheap half of the app PIN's storage (src/db/pin.ts has the rest): is a PIN set, and
 * after how long it locks. In the phone's first load, so it holds one `settings` read only.
 */
import { withDb } from './connection';

/** The `settings` keys of the PIN (see src/db/pin.ts for what each holds). */
export const PIN_KEYS = { lock: 'pin.lock', attempts: 'pin.attempts' } as const;

/** What the screens may know of the lock: that it is on, and after how long it locks. */
export interface PinConfig {
  idleMinutes: number;
}

/** One read of `settings`: cheap enough for app start, and live-queryable. */
export async function getPinConfig(): Promise<PinConfig | null> {
  const row = await withDb((db) => db.settings.get(PIN_KEYS.lock));
  const rec = row?.value as { idleMinutes?: unknown } | undefined;
  if (!rec) return null;
  // A damaged record still locks, at the shortest idle time offered.
  return { idleMinutes: typeof rec.idleMinutes === 'number' && rec.idleMinutes > 0 ? rec.idleMinutes : 1 };
}
