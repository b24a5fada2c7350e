/** Words of the hazard ledger shared by the card, its history and the search results. */
import { labelOf, type HazardLists } from '../../../domain/hazard-lists';
import type { HazardChange, HazardEvent } from '../../../domain/types';

export const ACTION_LABEL: Record<HazardEvent['action'], string> = {
  close: '销号', reopen: '重新打开', edit: '修改', delete: '删除（误登记）', review: '复查',
};

const FIELD_LABEL: Record<HazardChange['field'], string> = {
  description: '内容', responsible: '责任人', deadline: '期限', category: '类别', severity: '等级',
};

/** '期限 无 → 2026-12-05' (category and severity by their names). */
export function changeText(c: HazardChange, lists: HazardLists | undefined): string {
  const show = (x: string) => {
    if (!x) return '无';
    if (c.field === 'category' && lists) return labelOf(lists.categories, x);
    if (c.field === 'severity' && lists) return labelOf(lists.severities, x);
    return `“${x}”`;
  };
  return `${FIELD_LABEL[c.field]} ${show(c.from)} → ${show(c.to)}`;
}
