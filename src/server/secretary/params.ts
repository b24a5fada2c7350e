/** Query parameters of the secretary's pages, checked: a bad value falls back or gives a zh-CN error. */
import { isDayKey, localDay, monthKey } from '../../domain/calendar';
import type { DayKey, MonthKey } from '../../domain/types';
import { xmlSafe } from '../../domain/xml-text';

export const TZ = 'Asia/Shanghai';

export function today(now: number): DayKey {
  return localDay(now, TZ);
}

/** ?month=yyyy-MM within 2000–2100, else the current month. */
export function monthParam(raw: string | undefined, now: number): MonthKey {
  return raw && /^(20\d\d|2100)-(0[1-9]|1[0-2])$/.test(raw) ? raw : monthKey(today(now));
}

export function dayParam(raw: string | undefined): DayKey | null {
  return raw && isDayKey(raw) ? raw : null;
}

/** Content-Disposition with a Chinese file name (RFC 6266/5987) and an ASCII fallback. */
export function attachment(name: string, ascii: string): string {
  // xmlSafe: a lone surrogate in a team name would make encodeURIComponent throw.
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(xmlSafe(name))}`;
}
