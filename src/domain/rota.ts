/**
 * 倒班: which of its shifts a team works on which production day. Most teams of a district
 * work one shift at a time and change every week; a team that covers every shift (the
 * default, what the app assumed before rotas existed) is `all`. Pure: days are keys, no clock.
 * Stored on the Team record (`rota`) and, when the branch pushes one, in the branch's config
 * under `team:<id>:rota` (branch-config.ts); the newer of the two applies (`at`).
 */
import { addDays, shiftsInDayOrder } from './calendar';
import type { DayKey, ShiftDef, Team } from './types';

export type Rota =
  | { kind: 'all' }
  /** The same shift every day. */
  | { kind: 'fixed'; shiftId: string }
  /**
   * The shifts in `order`, each worked for `days` days in turn; `order[0]` is worked in the
   * period starting on `anchor` (for a weekly rota a Monday).
   */
  | { kind: 'cycle'; order: string[]; days: number; anchor: DayKey };

/** A rota as stored: who set it and when (epoch ms), so the newer of phone and branch wins. */
export type StoredRota = Rota & { by: 'team' | 'branch'; at: number };

export const ALL_SHIFTS: Rota = { kind: 'all' };

const DAY_MS = 86_400_000;
const daysBetween = (a: DayKey, b: DayKey) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/**
 * The shifts worked on `day`, in the team's order. A rota naming a shift the team no longer
 * has falls back to every shift: counting a shift too many is visible, hiding one is not.
 */
export function workedShifts(team: Pick<Team, 'shifts' | 'overnightRule'>, rota: Rota | null | undefined, day: DayKey): ShiftDef[] {
  const shifts = shiftsInDayOrder(team);
  if (!rota || rota.kind === 'all') return shifts;
  const byId = (id: string) => shifts.find((s) => s.id === id);
  if (rota.kind === 'fixed') {
    const s = byId(rota.shiftId);
    return s ? [s] : shifts;
  }
  const n = rota.order.length;
  if (n === 0 || rota.days < 1) return shifts;
  const period = Math.floor(daysBetween(rota.anchor, day) / rota.days);
  const s = byId(rota.order[((period % n) + n) % n]!);
  return s ? [s] : shifts;
}

export function worksShift(team: Pick<Team, 'shifts' | 'overnightRule'>, rota: Rota | null | undefined, day: DayKey, shiftId: string): boolean {
  return workedShifts(team, rota, day).some((s) => s.id === shiftId);
}

/** Monday of the ISO week holding `day`. */
export function mondayOf(day: DayKey): DayKey {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

export type RotaPreset = 'all' | 'fixed' | 'weekly-back' | 'weekly-forward';

/**
 * The common patterns, built around the shift worked this week (`current`, from `today`):
 * 'weekly-back' goes to the shift that starts 8 h earlier each week (八点班→零点班→四点班),
 * 'weekly-forward' to the one that starts later (八点班→四点班→零点班).
 */
export function presetRota(preset: RotaPreset, team: Pick<Team, 'shifts' | 'overnightRule'>, current: string, today: DayKey): Rota {
  if (preset === 'all') return ALL_SHIFTS;
  if (preset === 'fixed') return { kind: 'fixed', shiftId: current };
  const ids = shiftsInDayOrder(team).map((s) => s.id);
  const at = Math.max(0, ids.indexOf(current));
  const rotated = [...ids.slice(at), ...ids.slice(0, at)];
  const order = preset === 'weekly-forward' ? rotated : [rotated[0]!, ...rotated.slice(1).reverse()];
  return { kind: 'cycle', order, days: 7, anchor: mondayOf(today) };
}

/** Which preset a rota is, for the settings screen (null: a pattern the presets do not make). */
export function presetOf(rota: Rota | null | undefined, team: Pick<Team, 'shifts' | 'overnightRule'>): RotaPreset | null {
  if (!rota || rota.kind === 'all') return 'all';
  if (rota.kind === 'fixed') return 'fixed';
  if (rota.days !== 7 || rota.order.length !== team.shifts.length) return null;
  const first = rota.order[0]!;
  for (const p of ['weekly-back', 'weekly-forward'] as const) {
    const r = presetRota(p, team, first, rota.anchor);
    if (r.kind === 'cycle' && r.order.join() === rota.order.join()) return p;
  }
  return null;
}

/** '八点班→零点班→四点班，每周一换' and the like, for both sides' pages. */
export function describeRota(rota: Rota | null | undefined, shifts: readonly ShiftDef[]): string {
  const name = (id: string) => shifts.find((s) => s.id === id)?.name ?? '（已删除班次）';
  if (!rota || rota.kind === 'all') return '每天所有班次';
  if (rota.kind === 'fixed') return `固定${name(rota.shiftId)}`;
  return `${rota.order.map(name).join('→')}，每${rota.days === 7 ? '周' : `${rota.days}天`}轮换`;
}

/** The rota that applies: the newer of the team's own and the branch's. */
export function effectiveRota(own: StoredRota | null | undefined, branch: StoredRota | null | undefined): StoredRota | null {
  if (!own) return branch ?? null;
  if (!branch) return own;
  return branch.at > own.at ? branch : own;
}
