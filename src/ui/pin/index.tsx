/**
 * 应用锁 (app PIN): whether the screens are shown, and the idle lock. This module is in the
 * first load, so it holds only the cheap part (one `settings` read, a few listeners); the lock
 * screen is its own chunk, fetched early only on a phone that has a PIN (PIN_HINT).
 *
 * What it is for: a casual look at an unlocked phone, a borrowed phone. A locked cold start
 * renders no screen at all; an idle lock hides them, kept mounted (LockState below). It does NOT encrypt IndexedDB:
 * someone with the browser's developer tools or a rooted phone reads the records, and the
 * 4–6 digit PIN's hash is quickly guessed offline. Sync goes on while locked.
 *
 * 忘记PIN — decided: there is no recovery and no backdoor (no master code, no server reset,
 * no "clear the PIN if the outbox is empty": anyone holding the phone could use it too).
 * The lock screen says so, shows whether everything has been sent (sync keeps running), and
 * explains the only way out: clearing this site's data in the browser, which deletes every
 * record on the phone, unsent ones for good. Wrong tries never delete anything; after 5 they
 * only make the user wait (30 s, doubling, at most 30 min; src/domain/pin.ts).
 *
 * Each tab keeps its own locked/unlocked state. A tab that sees a PIN appear (set in another
 * tab) locks at once; the tab that set it stays open (markUnlocked).
 */
import { useEffect, useLayoutEffect } from 'preact/hooks';
import { getPinConfig } from '../../db/pin-config';
import { showError } from '../errors';
import { useLiveFrom } from '../hooks';
import { firstPin } from '../start';
import { lazyScreen } from '../lazy';
import { signal, useSignal } from '../signal';

/** A UI hint only (the PIN itself is in IndexedDB): start fetching the lock screen at once. */
const PIN_HINT = 'xzw.hasPin';
const loadLock = () => import('./LockScreen').then((m) => m.LockScreen);
let idle: typeof import('./idle') | null = null;
const loadIdle = () => import('./idle').then((m) => (idle = m));
if (localStorage.getItem(PIN_HINT)) {
  void loadLock();
  void loadIdle();
}

/** The same colour as the lock screen, so nothing flashes while its chunk loads. */
export const LockScreen = lazyScreen(loadLock, () => <div style={{ position: 'fixed', top: 0, right: 0, bottom: 0, left: 0, background: '#7a0f0f' }} />);

/** False until the PIN is typed in this page: a cold start with a PIN opens locked. */
const unlocked = signal(false);
/** The last touch or key; written by ./idle.ts. */
const activity = { at: Date.now() };

/** The screens were shown in this page: an idle lock then hides them (kept, not unmounted). */
let shownBefore = false;

/** The PIN was typed (or just set): show the screens, idle time counted from now. */
export function markUnlocked(): void {
  activity.at = Date.now();
  shownBefore = true;
  unlocked.value = true;
}

/**
 * How the screens are shown: undefined during the first read (render nothing); 'open';
 * 'locked' at a cold start (the lock screen only: nothing typed yet, nothing rendered);
 * 'hidden' after an idle lock: the lock screen over screens kept mounted but hidden and
 * inert, so a half-typed form (a 登记隐患 sheet not yet saved) is still there after the PIN.
 * Hidden screens are as readable with developer tools as IndexedDB is: the PIN never
 * protected against that.
 */
export type LockState = 'open' | 'locked' | 'hidden';

export function usePinLock(): LockState | undefined {
  const config = useLiveFrom(getPinConfig, firstPin());
  const isUnlocked = useSignal(unlocked);
  useEffect(() => {
    if (config) {
      localStorage.setItem(PIN_HINT, '1');
      void loadIdle();
    } else if (config === null) localStorage.removeItem(PIN_HINT);
  }, [config]);
  const idleMs = config && isUnlocked ? config.idleMinutes * 60_000 : null;
  // A layout effect, started in the same commit as the unlock when ./idle is loaded (it is,
  // once a PIN exists): no moment in which the screens are shown unwatched.
  useLayoutEffect(() => {
    if (idleMs === null) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    const start = (m: typeof import('./idle')) => {
      if (!cancelled) stop = m.watchIdle(idleMs, activity, () => (unlocked.value = false));
    };
    if (idle) start(idle);
    else loadIdle().then(start).catch(showError);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [idleMs]);
  if (config === undefined) return undefined;
  if (config === null || isUnlocked) {
    if (config === null) shownBefore = true;
    return 'open';
  }
  return shownBefore ? 'hidden' : 'locked';
}
