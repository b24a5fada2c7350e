/**
 * Fresh RecordMeta for records the 周帮扶 rules create. Pure: the clock value and the id
 * generator are passed in (ids.ts uuidv7 bound to a clock and a random source).
 */
import type { RecordMeta } from './types';

/** Generates a new record id, e.g. `() => uuidv7(now(), randomBytes)`. */
export type NewId = () => string;

/** rev 1, dirty: a record born on the phone is unsent until the server acknowledges it. */
export function recordMeta(id: string, at: number): RecordMeta {
  return { id, createdAt: at, updatedAt: at, rev: 1, deleted: false, dirty: 1 };
}

export function freshMeta(now: number, newId: NewId): RecordMeta {
  return recordMeta(newId(), now);
}
