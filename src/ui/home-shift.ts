/**
 * The shift the home screen (/) shows. The rota decides it (openingShift) when she comes to
 * the home screen: at a start, on a tap of 日跟班, when she takes the phone out again after a
 * while. Then it stays while she is on it: at the hand-over the clock moves on, but the shift
 * she is filling in does not change under her fingers (before, any re-render after the
 * hand-over swapped the screen, a hazard form half typed included). Once the next shift has
 * begun, `current` differs from `shown` and the home route offers it (banner 已到X班, app.tsx).
 */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { openingShift } from '../domain/due';
import type { Team } from '../domain/types';

type Opening = ReturnType<typeof openingShift>;

/** How often the clock is compared with the rota while on the home screen. */
const CHECK_MS = 30_000;
/** Hidden this long (the phone back in the pocket), the home screen takes the shift of the time again; not after a photo. */
const AWAY_MS = 5 * 60_000;

export const sameShift = (a: Opening, b: Opening) => a?.day === b?.day && a?.shift.id === b?.shift.id;

/** What decides the opening shift besides the clock: a rota edited in 设置 is followed at once. */
const rotaKey = (t: Team) => JSON.stringify([t.shifts, t.rota ?? null, t.leadMinutes ?? null, t.timeZone, t.overnightRule]);

export function useHomeShift(team: Team, path: string): { shown: Opening; current: Opening; follow: () => void } {
  const held = useRef<{ key: string; value: Opening } | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const current = openingShift(Date.now(), team, team.leadMinutes);
  const key = rotaKey(team);
  if (path !== '/') held.current = null; // the next visit takes the shift of its time
  else if (held.current?.key !== key) held.current = { key, value: current };
  const shown = held.current?.value ?? current;

  useEffect(() => {
    if (path !== '/') return;
    let hiddenAt = document.visibilityState === 'hidden' ? Date.now() : 0;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hiddenAt = Date.now();
      else if (hiddenAt && Date.now() - hiddenAt >= AWAY_MS) {
        held.current = null;
        rerender(0);
      }
    };
    // Re-rendered only when the rota's answer changes, to offer the next shift.
    let last = openingShift(Date.now(), team, team.leadMinutes);
    const timer = setInterval(() => {
      const now = openingShift(Date.now(), team, team.leadMinutes);
      if (!sameShift(now, last)) rerender(0);
      last = now;
    }, CHECK_MS);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [path, team]);

  return {
    shown,
    current,
    follow: () => {
      held.current = null;
      rerender(0);
    },
  };
}
