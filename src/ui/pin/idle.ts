/**
 * The idle lock, loaded only on a phone that has a PIN: locks after `idleMs` without a touch
 * or key, and on coming back to a page that was hidden that long (its timers were throttled
 * or frozen meanwhile). The state it reads and writes lives in ./index.tsx.
 */
import { idleElapsed, idleRemaining } from '../../domain/pin';

const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

/** Starts watching; returns the function that stops it. */
export function watchIdle(idleMs: number, activity: { at: number }, lock: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const now = Date.now();
    if (now < activity.at) activity.at = now; // the clock was set back: count from now
    clearTimeout(timer);
    if (idleElapsed(activity.at, now, idleMs)) lock();
    else timer = setTimeout(check, idleRemaining(activity.at, now, idleMs));
  };
  const touch = () => void (activity.at = Date.now());
  const shown = () => void (document.visibilityState === 'visible' && check());
  ACTIVITY.forEach((e) => window.addEventListener(e, touch, { capture: true, passive: true }));
  document.addEventListener('visibilitychange', shown);
  window.addEventListener('pageshow', shown);
  check();
  return () => {
    clearTimeout(timer);
    ACTIVITY.forEach((e) => window.removeEventListener(e, touch, { capture: true }));
    document.removeEventListener('visibilitychange', shown);
    window.removeEventListener('pageshow', shown);
  };
}
