/**
 * Wall clock of an instant in an IANA zone, and the instant of a wall-clock time in a zone,
 * from nothing newer than `Intl.DateTimeFormat#formatToParts` with `hourCycle: 'h23'`
 * (Chromium 57+, Safari 11+). Libraries that ask Intl for `timeZoneName: 'longOffset'`
 * (Chromium 95+, Safari 15.4+) yield NaN on the older phone engines the miners carry.
 */

export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which callers turn into a precise message.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock at `ms` in `timeZone`; throws for an unknown zone or a non-finite instant. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(ms);
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of parts) if (p.type in w) w[p.type as keyof WallClock] = Number(p.value);
  // Some engines of the floor print midnight as 24 even under h23.
  if (w.hour === 24) w.hour = 0;
  return w;
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at `ms`, in ms (east positive). Sub-second parts are ignored. */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return asUtc(wallClock(whole, timeZone)) - whole;
}

const DAY_MS = 86_400_000;

/**
 * The instant of a wall-clock time in `timeZone` (month 1..12). Ambiguous times resolve as
 * JavaScript's own Date (and Temporal's 'compatible') do: in an overlap (clocks set back) the
 * earlier instant; in a gap (clocks set forward) the time is read with the offset in force
 * before the gap, so 02:30 in a 02:00→03:00 gap is 03:30.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  // No zone changes its offset twice within two days, so the offsets a day either side
  // are the only candidates.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  let best = NaN;
  for (const off of before === after ? [before] : [before, after]) {
    const t = local - off;
    if (offsetAt(t, timeZone) === off && (Number.isNaN(best) || t < best)) best = t;
  }
  return Number.isNaN(best) ? local - before : best;
}
