/**
 * The branch's lists for the 隐患/问题 ledger: categories (专业), severities (等级) and whether
 * 销号 waits for a 复查. They travel like the risk types (branch config, key `hazardLists`,
 * pulled by every phone of the branch); a phone that has pulled nothing uses the defaults.
 * Items removed by the branch are retired (kept for old records' labels, not offered).
 */
import * as v from 'valibot';
import { parseNamedValue, type NamedItem } from './branch-config';

export const HAZARD_LISTS_KEY = 'hazardLists';

export interface HazardLists {
  categories: NamedItem[];
  severities: NamedItem[];
  /** 复查 before 销号: the branch wants a second look by someone before an item is closed. */
  reviewBeforeClose: boolean;
}

const named = (prefix: string, names: string[]): NamedItem[] =>
  names.map((name, i) => ({ id: `${prefix}${i + 1}`, name, retired: false, order: i }));

export const DEFAULT_HAZARD_LISTS: HazardLists = {
  categories: named('hc-', ['顶板', '机电', '运输', '通风瓦斯', '防治水', '其他']),
  severities: named('hs-', ['一般', '较大', '重大']),
  reviewBeforeClose: false,
};

/**
 * The pulled value, or the defaults for what it lacks. Bad items are left out and named in
 * `bad` (zh-CN) like the other lists; a value that is not an object gives the defaults.
 */
export function parseHazardLists(x: unknown): { lists: HazardLists; bad: string[] } {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return { lists: DEFAULT_HAZARD_LISTS, bad: x === undefined ? [] : ['格式不正确，未使用'] };
  const o = x as Record<string, unknown>;
  const bad: string[] = [];
  const list = (key: 'categories' | 'severities', label: string) => {
    if (o[key] === undefined) return DEFAULT_HAZARD_LISTS[key];
    const r = parseNamedValue(o[key]);
    if (!r) {
      bad.push(`${label}：格式不正确，未使用`);
      return DEFAULT_HAZARD_LISTS[key];
    }
    bad.push(...r.bad.map((b) => `${label}${b}`));
    return r.items.sort((a, b) => a.order - b.order);
  };
  const review = v.safeParse(v.boolean(), o.reviewBeforeClose);
  if (o.reviewBeforeClose !== undefined && !review.success) bad.push('复查设置应为是或否');
  return {
    lists: { categories: list('categories', '隐患类别'), severities: list('severities', '隐患等级'), reviewBeforeClose: review.success ? review.output : false },
    bad,
  };
}

/** The items a form offers: not retired, plus the record's own value even if retired since. */
export function offered(items: readonly NamedItem[], current: string | null | undefined): NamedItem[] {
  return items.filter((i) => !i.retired || i.id === current);
}

/** The label of an id ('' for none; an id no list knows shows as 未知 rather than vanishing). */
export function labelOf(items: readonly NamedItem[], id: string | null | undefined): string {
  if (!id) return '';
  return items.find((i) => i.id === id)?.name ?? '未知';
}
