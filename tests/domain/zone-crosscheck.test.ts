import { TZDate } from '@date-fns/tz';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDay, shiftWindow } from '../../src/domain/calendar';
import { offsetAt, wallClock, zonedInstant } from '../../src/domain/zone';

// zone.ts reads zones through formatToParts only (what Chromium 83 and Safari 14 have);
// @date-fns/tz (which needs Intl's 'longOffset', present in this Node) is the reference.
const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
const HOUR = 3_600_000;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2031, 0, 1);
const probeMinutes = [0, 30, 60, 90, 120, 135, 150, 165, 180, 210, 720, 1410];

describe('zone.ts agrees with @date-fns/tz over ten years', () => {
  it.each(ZONES)('wall clock of every hour and half hour, %s', (zone) => {
    let mismatches = 0;
    for (let ms = FROM; ms < TO; ms += HOUR / 2) {
      const ref = new TZDate(ms, zone);
      const w = wallClock(ms, zone);
      if (w.year !== ref.getFullYear() || w.month !== ref.getMonth() + 1 || w.day !== ref.getDate()
        || w.hour !== ref.getHours() || w.minute !== ref.getMinutes()) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
  // In an overlap @date-fns/tz picks the first occurrence west of Greenwich and the second east
  // of it; zone.ts always picks the first, as Date and Temporal ('compatible') do. There both
  // must be the same wall clock, zone.ts's the earlier.
  it.each(ZONES)('instant of wall-clock times around every night, gaps and overlaps included, %s', (zone) => {
    let mismatches = 0;
    let checked = 0;
    let overlaps = 0;
    for (let d = FROM; d < TO; d += 24 * HOUR) {
      const day = new Date(d);
      for (const min of probeMinutes) {
        const y = day.getUTCFullYear(), m = day.getUTCMonth(), dd = day.getUTCDate();
        const want = new TZDate(y, m, dd, Math.floor(min / 60), min % 60, zone).getTime();
        const got = zonedInstant(y, m + 1, dd, Math.floor(min / 60), min % 60, zone);
        checked++;
        if (got === want) continue;
        const same = (t: number) => {
          const w = wallClock(t, zone);
          return w.year === y && w.month === m + 1 && w.day === dd && w.hour * 60 + w.minute === min;
        };
        if (same(got) && same(want) && got < want) overlaps++;
        else mismatches++;
      }
    }
    expect(checked).toBeGreaterThan(40_000);
    expect(mismatches).toBe(0);
    // Only zones east of Greenwich with DST disagree, and only in overlaps.
    expect(overlaps > 0).toBe(zone === 'Europe/Berlin' || zone === 'Australia/Lord_Howe');
  });
});

describe('daylight saving, stated by hand', () => {
  const at = (iso: string) => Date.parse(iso);
  afterEach(() => {
    vi.restoreAllMocks();
  });
  it('a time in the spring gap moves forward by the gap', () => {
    // New York 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist, read as 03:30 EDT.
    expect(zonedInstant(2026, 3, 8, 2, 30, 'America/New_York')).toBe(at('2026-03-08T03:30:00-04:00'));
    // Berlin 2026-03-29 02:00 → 03:00.
    expect(zonedInstant(2026, 3, 29, 2, 15, 'Europe/Berlin')).toBe(at('2026-03-29T03:15:00+02:00'));
    // Lord Howe moves by half an hour: 2026-10-04 02:00 +10:30 → 02:30 +11:00.
    expect(zonedInstant(2026, 10, 4, 2, 15, 'Australia/Lord_Howe')).toBe(at('2026-10-04T02:45:00+11:00'));
  });
  it('a time in the autumn overlap is its first occurrence', () => {
    expect(zonedInstant(2026, 11, 1, 1, 30, 'America/New_York')).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(zonedInstant(2026, 10, 25, 2, 30, 'Europe/Berlin')).toBe(at('2026-10-25T02:30:00+02:00'));
    expect(zonedInstant(2026, 4, 5, 1, 45, 'Australia/Lord_Howe')).toBe(at('2026-04-05T01:45:00+11:00'));
  });
  it('offsets on either side of a change', () => {
    expect(offsetAt(at('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetAt(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(offsetAt(at('2026-10-03T15:29:59Z'), 'Australia/Lord_Howe')).toBe(10.5 * HOUR);
    expect(offsetAt(at('2026-10-03T15:30:00Z'), 'Australia/Lord_Howe')).toBe(11 * HOUR);
  });
  it('midnight reads as hour 0, and the production day follows the zone', () => {
    expect(wallClock(at('2026-11-23T00:00:00+08:00'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 23, hour: 0, minute: 0, second: 0 });
    expect(localDay(at('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDay(at('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
  });
  it('a shift spanning the change is an hour shorter or longer', () => {
    const team = { timeZone: 'Europe/Berlin', overnightRule: 'next' as const };
    const night = { id: 'n', name: '夜班', start: '22:00', end: '06:00' };
    const spring = shiftWindow('2026-03-29', night, team);
    const autumn = shiftWindow('2026-10-25', night, team);
    expect(spring.endMs - spring.startMs).toBe(7 * HOUR);
    expect(autumn.endMs - autumn.startMs).toBe(9 * HOUR);
  });
  it('an engine that prints midnight as 24 under h23 still reads hour 0 (and the right day)', () => {
    const real = Intl.DateTimeFormat.prototype.formatToParts;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts').mockImplementation(function (this: Intl.DateTimeFormat, d) {
      return real.call(this, d).map((p) => (p.type === 'hour' && p.value === '00' ? { ...p, value: '24' } : p));
    });
    expect(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: 'UTC' }).formatToParts(0)[0]!.value).toBe('24');
    expect(wallClock(at('2026-11-23T00:30:00+08:00'), 'Asia/Shanghai')).toMatchObject({ day: 23, hour: 0, minute: 30 });
    expect(zonedInstant(2026, 11, 23, 0, 0, 'Asia/Shanghai')).toBe(at('2026-11-23T00:00:00+08:00'));
  });
  it('an unknown zone fails loudly', () => {
    expect(() => localDay(0, 'Mars/Olympus')).toThrow('calendar: unknown time zone "Mars/Olympus"');
    expect(() => shiftWindow('2026-11-22', { id: 'a', name: 'a', start: '08:00', end: '16:00' }, { timeZone: 'Mars/Olympus', overnightRule: 'next' })).toThrow('unknown time zone');
  });
});
