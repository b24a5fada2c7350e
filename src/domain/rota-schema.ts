/** The wire/storage shape of a rota (rota.ts), apart so the phone's first load needs no valibot for it. */
import * as v from 'valibot';
import type { StoredRota } from './rota';

const Day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const Ref = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const stamp = { by: v.picklist(['team', 'branch'] as const), at: v.pipe(v.number(), v.finite()) };
export const RotaSchema = v.variant('kind', [
  v.object({ kind: v.literal('all'), ...stamp }),
  v.object({ kind: v.literal('fixed'), shiftId: Ref, ...stamp }),
  v.object({
    kind: v.literal('cycle'), order: v.pipe(v.array(Ref), v.minLength(1), v.maxLength(12)),
    days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366)), anchor: Day, ...stamp,
  }),
]);

/** A stored rota from a pulled config value or a record, or null when it is not one. */
export function parseRota(x: unknown): StoredRota | null {
  const r = v.safeParse(RotaSchema, x);
  return r.success ? (r.output as StoredRota) : null;
}

