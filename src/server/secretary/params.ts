/** Query parameters of the secretary's pages, checked: an absent value has a default, a bad one gives a zh-CN 400 page. */
import { isDayKey, localDay, monthKey } from '../../domain/calendar';
import type { DayKey, MonthKey, WeekKey } from '../../domain/types';
import { xmlSafe } from '../../domain/xml-text';

export const TZ = 'Asia/Shanghai';

export function today(now: number): DayKey {
  return localDay(now, TZ);
}

/** A query parameter out of range: index.ts answers it with a zh-CN 400 page. */
export class BadQuery extends Error {}

/** ?month=yyyy-MM within 2000–2100; absent or empty: the current month; anything else: 400. */
export function monthParam(raw: string | undefined, now: number): MonthKey {
  if (raw === undefined || raw === '') return monthKey(today(now));
  if (!/^(20\d\d|2100)-(0[1-9]|1[0-2])$/.test(raw)) throw new BadQuery(`月份「${raw.slice(0, 40)}」无效，请使用“2026-11”这样的年-月（2000–2100 年，1–12 月）。`);
  return raw;
}

export function dayParam(raw: string | undefined): DayKey | null {
  return raw && isDayKey(raw) ? raw : null;
}

/** ?day= of a page: absent or empty: none; not a real date: 400 (not silently ignored). */
export function dayQuery(raw: string | undefined): DayKey | null {
  if (raw === undefined || raw === '') return null;
  if (!isDayKey(raw)) throw new BadQuery(`日期「${raw.slice(0, 40)}」无效，请使用“2026-11-02”这样的年-月-日。`);
  return raw;
}

/** Content-Disposition with a Chinese file name (RFC 6266/5987) and an ASCII fallback. */
export function attachment(name: string, ascii: string): string {
  // xmlSafe: a lone surrogate in a team name would make encodeURIComponent throw.
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(xmlSafe(name))}`;
}

/** ?week= of a page (ISO week 'yyyy-Www'): absent or empty: none; malformed: 400. */
export function weekQuery(raw: string | undefined): WeekKey | null {
  if (raw === undefined || raw === '') return null;
  const m = /^(\d{4})-W(\d{2})$/.exec(raw);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 53) throw new BadQuery(`周「${raw.slice(0, 40)}」无效，请使用“2026-W49”这样的年-周。`);
  return raw;
}
