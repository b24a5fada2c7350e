/**
 * Configuration the branch pushes to phones (roster, shifts, risk types), shared by the
 * secretary pages that write it and the phone that applies it. An item removed by the branch
 * is retired (same id, retired: true), never deleted, so old records keep their labels.
 * Keys: `team:<teamId>:roster`, `team:<teamId>:shifts` (per team), `riskTypes` (branch-wide).
 */
import * as v from 'valibot';
import { CONFIG_LIMITS, tooLong } from './config-limits';
import { validateShifts } from './validation';
import type { ShiftDef, Worker } from './types';

export interface RosterItem { id: string; name: string; post: string; partyMember: boolean; retired: boolean }
export interface ShiftItem { id: string; name: string; start: string; end: string; retired: boolean }
export interface NamedItem { id: string; name: string; retired: boolean; order: number }

/**
 * `team:<id>:merges`: WorkerMerge[], the secretary's merges of duplicate workers (from → to).
 * Pulled only by that team's phones (like roster and shifts), applied by src/db/branch-config.ts.
 */
export const teamConfigKey = (teamId: string, what: 'roster' | 'shifts' | 'merges' | 'rota') => `team:${teamId}:${what}`;
/** Which team a per-team key belongs to (null for branch-wide keys). */
export function configKeyTeam(key: string): string | null {
  const m = /^team:([^:]+):/.exec(key);
  return m ? m[1]! : null;
}
/** One merge of a duplicate worker into the one kept: every record naming `from` now means `to`. */
export interface WorkerMerge { from: string; to: string; at: number }
export const RISK_TYPES_KEY = 'riskTypes';

const Id = v.pipe(v.string('缺少编号'), v.minLength(1, '缺少编号'), v.maxLength(64, '编号过长'));
const name = (what: string, max: number) =>
  v.pipe(v.string(`${what}应为文字`), v.check((x) => x.trim() !== '', `${what}为空`), v.maxLength(max, tooLong(what, max)));
const RosterItemSchema = v.object({
  id: Id, name: name('姓名', CONFIG_LIMITS.workerName),
  post: v.pipe(v.string('工种应为文字'), v.maxLength(CONFIG_LIMITS.workerPost, tooLong('工种', CONFIG_LIMITS.workerPost))),
  partyMember: v.boolean(), retired: v.boolean(),
});
const ShiftItemSchema = v.object({ id: Id, name: name('班次名称', CONFIG_LIMITS.shiftName), start: v.string(), end: v.string(), retired: v.boolean() });
const NamedItemSchema = v.object({ id: Id, name: name('名称', CONFIG_LIMITS.riskTypeName), retired: v.boolean(), order: v.pipe(v.number(), v.finite()) });

/**
 * A pulled list, item by item: the items of the right shape, and a zh-CN line for each one
 * that is not (shown to the instructor, and in the console for whoever fixes the config).
 * null when the value is not a list at all.
 */
export interface ParsedList<T> { items: T[]; bad: string[] }

function parseList<T>(x: unknown, item: v.GenericSchema<unknown, T>, label: (raw: unknown, i: number) => string): ParsedList<T> | null {
  if (!Array.isArray(x)) return null;
  const out: ParsedList<T> = { items: [], bad: [] };
  x.forEach((raw, i) => {
    const r = v.safeParse(item, raw);
    if (r.success) out.items.push(r.output);
    else out.bad.push(`${label(raw, i)}：${r.issues[0].message}`);
  });
  return out;
}

const itemName = (raw: unknown, i: number): string => {
  const n = (raw as { name?: unknown } | null)?.name;
  return typeof n === 'string' ? `「${n.length > 12 ? `${n.slice(0, 12)}…` : n}」` : `第${i + 1}项`;
};

/** A config value as pulled: the good items, and the bad ones named (null when it is no list at all). */
export function parseRosterValue(x: unknown): ParsedList<RosterItem> | null {
  return parseList(x, RosterItemSchema, itemName);
}
/**
 * Shifts are one timetable: a bad item cannot be skipped without leaving a gap or an
 * overlap the instructor did not choose, so the list is applied whole or not at all.
 */
export function parseShiftsValue(x: unknown): ParsedList<ShiftDef> | null {
  const r = parseList(x, ShiftItemSchema, itemName);
  if (!r) return null;
  if (r.bad.length) return { items: [], bad: r.bad };
  const shifts = r.items.filter((s) => !s.retired).map(({ id, name, start, end }) => ({ id, name, start, end }));
  const check = validateShifts(shifts);
  return check.ok ? { items: shifts, bad: [] } : { items: [], bad: check.errors.map((e) => e.message) };
}
export function parseNamedValue(x: unknown, max: number = CONFIG_LIMITS.riskTypeName): ParsedList<NamedItem> | null {
  const schema = max === CONFIG_LIMITS.riskTypeName ? NamedItemSchema
    : v.object({ ...NamedItemSchema.entries, name: name('名称', max) });
  return parseList(x, schema, itemName);
}

/** What a roster item means for the phone's worker record: retired → tombstone (kept for names). */
export function workerFields(item: RosterItem): Pick<Worker, 'name' | 'post' | 'partyMember' | 'deleted'> {
  return { name: item.name.trim(), post: item.post.trim(), partyMember: item.partyMember, deleted: item.retired };
}

export function sameFields<T extends object>(a: T, b: Partial<T>): boolean {
  return (Object.keys(b) as (keyof T)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
