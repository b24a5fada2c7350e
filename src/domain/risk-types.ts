/**
 * 不稳定不安全隐患类型: the categories the branch committee defines for the weekly screening.
 * Types are retired, never removed: help records keep their ids for years, and an old
 * record must still read as it was written.
 */
import * as v from 'valibot';
import type { RecordMeta } from './types';
import { CONFIG_LIMITS } from './config-limits';
import { freshMeta, type NewId } from './weekly-meta';

export interface RiskType extends RecordMeta {
  name: string;
  /** Retired: not offered for new records, still shown on old ones. */
  retired: boolean;
  /** Position in pickers and report columns (ascending). */
  order: number;
}

export const DEFAULT_RISK_TYPE_NAMES = [
  '思想波动', '家庭困难', '身体健康', '违章倾向', '人际矛盾', '新入职适应', '其他',
] as const;

/** Shown for an id no type on this phone carries (e.g. not synced yet). */
export const RETIRED_RISK_TYPE_LABEL = '已停用类型';

export const RISK_TYPE_NAME_MAX = CONFIG_LIMITS.riskTypeName;

/** The starting set for a new team, in the order above; the branch may edit it later. */
export function defaultRiskTypes(now: number, newId: NewId): RiskType[] {
  return DEFAULT_RISK_TYPE_NAMES.map((name, order) => ({
    ...freshMeta(now, newId),
    name,
    retired: false,
    order,
  }));
}

function byOrder(a: RiskType, b: RiskType): number {
  return a.order - b.order || a.name.localeCompare(b.name, 'zh-CN');
}

/** Types offered for a new record: live, not retired, in display order. */
export function activeRiskTypes(types: readonly RiskType[]): RiskType[] {
  return types.filter((t) => !t.deleted && !t.retired).sort(byOrder);
}

/**
 * Types to offer when editing a record: the active ones plus any retired or tombstoned
 * type the record already uses, so saving an old record never silently drops a type.
 */
export function riskTypesForPicker(types: readonly RiskType[], selectedIds: readonly string[]): RiskType[] {
  const selected = new Set(selectedIds);
  return types.filter((t) => (!t.deleted && !t.retired) || selected.has(t.id)).sort(byOrder);
}

/**
 * Label of a type id. A retired (or tombstoned) type keeps its own name, because the
 * record was written with it; only an id unknown here falls back to RETIRED_RISK_TYPE_LABEL.
 */
export function riskTypeLabel(types: readonly RiskType[], id: string): string {
  return types.find((t) => t.id === id)?.name ?? RETIRED_RISK_TYPE_LABEL;
}

/** Labels of several ids, in the order of the type list rather than the click order. */
export function riskTypeLabels(types: readonly RiskType[], ids: readonly string[]): string[] {
  const known = types.filter((t) => ids.includes(t.id)).sort(byOrder);
  const unknown = ids.filter((id) => !types.some((t) => t.id === id));
  return [...known.map((t) => t.name), ...unknown.map(() => RETIRED_RISK_TYPE_LABEL)];
}

const NameSchema = v.pipe(
  v.string('请填写类型名称'),
  v.trim(),
  v.nonEmpty('请填写类型名称'),
  v.maxLength(RISK_TYPE_NAME_MAX, `类型名称请控制在${RISK_TYPE_NAME_MAX}字以内`),
);

/**
 * Checks a name for a new or renamed type; returns a zh-CN message or null.
 * Duplicates among live types are refused because two equal labels in a picker are
 * indistinguishable (a retired type's name may be reused).
 */
export function riskTypeNameError(name: string, types: readonly RiskType[], selfId: string | null = null): string | null {
  const r = v.safeParse(NameSchema, name);
  if (!r.success) return r.issues[0].message;
  const clash = types.some((t) => !t.deleted && !t.retired && t.id !== selfId && t.name.trim() === r.output);
  return clash ? '已有同名类型' : null;
}
