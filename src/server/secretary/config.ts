/**
 * 班组配置 pushed to phones through the existing config mechanism (store.setConfig: the
 * branch's `config` rows, pulled by every phone of the branch). Per-team keys are
 * `team:<teamId>:roster|shifts`; risk types and checklist items are branch-wide.
 * Removing a line retires the item (same id, retired: true) instead of deleting it, so
 * old records on the phones keep their labels.
 */
import { teamConfigKey, type NamedItem, type RosterItem, type ShiftItem } from '../../domain/branch-config';
import { isTimeOfDay } from '../../domain/calendar';
import { RISK_TYPE_NAME_MAX } from '../../domain/risk-types';
import type { Sqlite } from '../db';
import { newId } from '../crypto';


export type { NamedItem, RosterItem, ShiftItem };
export const teamKey = teamConfigKey;

export function getConfig<T>(db: Sqlite, branchId: string, key: string): T[] {
  const row = db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(branchId, key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T[]) : [];
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

/** Keeps ids of items whose name is unchanged, retires the ones no longer listed, revives re-listed ones. */
function merge<T extends { id: string; name: string; retired: boolean }>(old: T[], fresh: Omit<T, 'id' | 'retired'>[]): T[] {
  const out: T[] = [];
  const used = new Set<string>();
  for (const f of fresh) {
    const prev = old.find((o) => o.name === f.name && !used.has(o.id));
    const id = prev?.id ?? newId();
    used.add(id);
    out.push({ ...prev, ...f, id, retired: false } as T);
  }
  for (const o of old) if (!used.has(o.id)) out.push({ ...o, retired: true });
  return out;
}

export type Parsed<T> = { ok: true; items: T[] } | { ok: false; errors: string[] };

/** 花名册: one person a line, "姓名 工种 党员" (工种 and 党员 optional). */
export function parseRoster(text: string, old: RosterItem[]): Parsed<RosterItem> {
  const errors: string[] = [];
  const fresh: Omit<RosterItem, 'id' | 'retired'>[] = [];
  lines(text).forEach((l, i) => {
    const [name = '', post = '', mark = ''] = l.split(/\s+/);
    if (name.length > 20) errors.push(`第${i + 1}行：姓名过长（20字以内）`);
    else if (fresh.some((f) => f.name === name)) errors.push(`第${i + 1}行：姓名「${name}」重复`);
    else fresh.push({ name, post: post === '党员' ? '' : post, partyMember: mark === '党员' || post === '党员' });
  });
  if (fresh.length > 200) errors.push('花名册不超过200人');
  return errors.length ? { ok: false, errors } : { ok: true, items: merge(old, fresh) };
}

/** 班次: one shift a line, "名称 HH:mm-HH:mm". */
export function parseShifts(text: string, old: ShiftItem[]): Parsed<ShiftItem> {
  const errors: string[] = [];
  const fresh: Omit<ShiftItem, 'id' | 'retired'>[] = [];
  lines(text).forEach((l, i) => {
    const m = /^(\S{1,10})\s+(\d{2}:\d{2})\s*[-–~至]\s*(\d{2}:\d{2})$/.exec(l);
    if (!m || !isTimeOfDay(m[2]!) || !isTimeOfDay(m[3]!)) errors.push(`第${i + 1}行：格式应为「名称 08:00-16:00」`);
    else if (m[2] === m[3]) errors.push(`第${i + 1}行：开始和结束时间不能相同`);
    else if (fresh.some((f) => f.name === m[1])) errors.push(`第${i + 1}行：班次「${m[1]}」重复`);
    else fresh.push({ name: m[1]!, start: m[2]!, end: m[3]! });
  });
  if (fresh.length === 0) errors.push('至少填写一个班次');
  if (fresh.length > 6) errors.push('班次不超过6个');
  return errors.length ? { ok: false, errors } : { ok: true, items: merge(old, fresh) };
}

/** 隐患类型 / 日跟班检查项: one name a line, order as listed. */
export function parseNames(text: string, old: NamedItem[], what: string, max = RISK_TYPE_NAME_MAX): Parsed<NamedItem> {
  const errors: string[] = [];
  const fresh: Omit<NamedItem, 'id' | 'retired'>[] = [];
  lines(text).forEach((name, i) => {
    if (name.length > max) errors.push(`第${i + 1}行：${what}名称请控制在${max}字以内`);
    else if (fresh.some((f) => f.name === name)) errors.push(`第${i + 1}行：「${name}」重复`);
    else fresh.push({ name, order: fresh.length });
  });
  if (fresh.length === 0) errors.push(`至少保留一个${what}`);
  return errors.length ? { ok: false, errors } : { ok: true, items: merge(old, fresh) };
}

export const rosterText = (xs: RosterItem[]) => xs.filter((x) => !x.retired).map((x) => [x.name, x.post, x.partyMember ? '党员' : ''].join(' ').trim()).join('\n');
export const shiftsText = (xs: ShiftItem[]) => xs.filter((x) => !x.retired).map((x) => `${x.name} ${x.start}-${x.end}`).join('\n');
export const namesText = (xs: NamedItem[]) => xs.filter((x) => !x.retired).sort((a, b) => a.order - b.order).map((x) => x.name).join('\n');
