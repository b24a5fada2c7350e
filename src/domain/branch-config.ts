/**
 * Configuration the branch pushes to phones (roster, shifts, risk types), shared by the
 * secretary pages that write it and the phone that applies it. An item removed by the branch
 * is retired (same id, retired: true), never deleted, so old records keep their labels.
 * Keys: `team:<teamId>:roster`, `team:<teamId>:shifts` (per team), `riskTypes` (branch-wide).
 */
import * as v from 'valibot';
import { validateShifts } from './validation';
import type { ShiftDef, Worker } from './types';

export interface RosterItem { id: string; name: string; post: string; partyMember: boolean; retired: boolean }
export interface ShiftItem { id: string; name: string; start: string; end: string; retired: boolean }
export interface NamedItem { id: string; name: string; retired: boolean; order: number }

/**
 * `team:<id>:merges`: WorkerMerge[], the secretary's merges of duplicate workers (from → to).
 * Pulled only by that team's phones (like roster and shifts), applied by src/db/branch-config.ts.
 */
export const teamConfigKey = (teamId: string, what: 'roster' | 'shifts' | 'merges') => `team:${teamId}:${what}`;
/** Which team a per-team key belongs to (null for branch-wide keys). */
export function configKeyTeam(key: string): string | null {
  const m = /^team:([^:]+):/.exec(key);
  return m ? m[1]! : null;
}
/** One merge of a duplicate worker into the one kept: every record naming `from` now means `to`. */
export interface WorkerMerge { from: string; to: string; at: number }
export const RISK_TYPES_KEY = 'riskTypes';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Name = v.pipe(v.string(), v.maxLength(30));
const RosterSchema = v.array(v.object({ id: Id, name: Name, post: v.pipe(v.string(), v.maxLength(30)), partyMember: v.boolean(), retired: v.boolean() }));
const ShiftSchema = v.array(v.object({ id: Id, name: Name, start: v.string(), end: v.string(), retired: v.boolean() }));
const NamedSchema = v.array(v.object({ id: Id, name: Name, retired: v.boolean(), order: v.number() }));

/** A config value as pulled, or null when it is not of the expected shape (then it is not applied). */
export function parseRosterValue(x: unknown): RosterItem[] | null {
  const r = v.safeParse(RosterSchema, x);
  return r.success ? r.output : null;
}
export function parseShiftsValue(x: unknown): ShiftDef[] | null {
  const r = v.safeParse(ShiftSchema, x);
  if (!r.success) return null;
  const shifts = r.output.filter((s) => !s.retired).map(({ id, name, start, end }) => ({ id, name, start, end }));
  return validateShifts(shifts).ok ? shifts : null;
}
export function parseNamedValue(x: unknown): NamedItem[] | null {
  const r = v.safeParse(NamedSchema, x);
  return r.success ? r.output : null;
}

/** What a roster item means for the phone's worker record: retired → tombstone (kept for names). */
export function workerFields(item: RosterItem): Pick<Worker, 'name' | 'post' | 'partyMember' | 'deleted'> {
  return { name: item.name.trim(), post: item.post.trim(), partyMember: item.partyMember, deleted: item.retired };
}

export function sameFields<T extends object>(a: T, b: Partial<T>): boolean {
  return (Object.keys(b) as (keyof T)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
