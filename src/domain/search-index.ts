/**
 * The phone's one search box (我的 → 搜索): people, hazards, 周帮扶 help records and shift notes
 * as one flat list of entries, built once from the records the phone holds (IndexedDB) and
 * then filtered in memory on every keystroke. Pure: the caller loads the records.
 */
import { weekLabel } from './calendar';
import { WEAK_ACTIONS, WEAK_REASONS } from './checklist';
import { isOverdue } from './hazard';
import { riskTypeLabels, type RiskType } from './risk-types';
import { queryWords } from './search';
import type { DailyDuty, DayKey, Hazard, Worker } from './types';
import type { HelpRecord } from './weekly';

export type SearchKind = 'person' | 'hazard' | 'help' | 'shift';
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { person: '人员', hazard: '隐患', help: '帮扶', shift: '日跟班' };

export interface SearchEntry {
  kind: SearchKind;
  id: string;
  title: string;
  detail: string;
  /** For the newest-first order ('' for people, who come first). */
  sortKey: string;
  href: string;
  /** The people the record is about (a hazard: its responsible person, matched by name). */
  workerIds: string[];
  overdue: boolean;
  /** Everything searchable, lower-cased once. */
  text: string;
}

export interface SearchInput {
  workers: readonly Worker[];
  hazards: readonly Hazard[];
  helpRecords: readonly HelpRecord[];
  duties: readonly DailyDuty[];
  riskTypes: readonly RiskType[];
  today: DayKey;
}

export interface SearchFilter {
  kind: SearchKind | 'all';
  workerId: string | null;
  overdueOnly: boolean;
}

const join = (xs: readonly (string | null | undefined)[]) => xs.filter(Boolean).join('\n');

export function buildSearchIndex(input: SearchInput): SearchEntry[] {
  const names = new Map(input.workers.map((w) => [w.id, w.name]));
  const byName = new Map(input.workers.filter((w) => !w.deleted).map((w) => [w.name.trim(), w.id]));
  const nameOf = (id: string) => names.get(id) ?? '';
  const out: SearchEntry[] = [];
  for (const w of input.workers) {
    if (w.deleted) continue;
    out.push({
      kind: 'person', id: w.id, title: w.name, detail: join([w.post, w.partyMember ? '党员' : '']), sortKey: '',
      href: `/person/${w.id}`, workerIds: [w.id], overdue: false, text: join([w.name, w.post]).toLowerCase(),
    });
  }
  for (const h of input.hazards) {
    if (h.deleted) continue;
    const who = byName.get(h.responsible.trim());
    out.push({
      kind: 'hazard', id: h.id, title: h.description,
      detail: join([`${h.foundDay} 发现`, h.responsible && `责任人 ${h.responsible}`, h.status === 'open' ? '未销号' : '已销号']).replace(/\n/g, ' · '),
      sortKey: h.foundDay, href: `/hazards?q=${encodeURIComponent(h.description.slice(0, 20))}`,
      workerIds: who ? [who] : [], overdue: isOverdue(h, input.today),
      text: join([h.description, h.responsible, h.closeNote, h.shiftName, ...h.history.map((e) => e.note)]).toLowerCase(),
    });
  }
  for (const r of input.helpRecords) {
    if (r.deleted) continue;
    const types = riskTypeLabels(input.riskTypes, r.riskTypeIds);
    out.push({
      kind: 'help', id: r.id, title: `${nameOf(r.workerId)} · ${weekLabel(r.week)}`, detail: join([types.join('、'), r.situation]).replace(/\n/g, ' · '),
      sortKey: r.week, href: `/week/${r.week}`, workerIds: [r.workerId], overdue: false,
      text: join([nameOf(r.workerId), ...types, r.situation, r.measures, r.nextStep]).toLowerCase(),
    });
  }
  for (const d of input.duties) {
    if (d.deleted || d.dayOff) continue;
    const weakIds = d.weak.entries.map((e) => e.workerId);
    const people = [...new Set([...weakIds, ...d.talks.workerIds, ...d.rollCall.absentees])];
    const weakText = d.weak.entries.flatMap((e) => [nameOf(e.workerId), ...e.reasons.map((x) => WEAK_REASONS[x]), e.reasonOther, ...e.actions.map((x) => WEAK_ACTIONS[x]), e.actionOther]);
    const text = join([d.lessonTopic, d.organisationNote, d.districtMeeting.note, ...d.documents.items, ...weakText, ...d.talks.workerIds.map(nameOf)]);
    if (!text && people.length === 0) continue;
    out.push({
      kind: 'shift', id: d.id, title: `${d.day} ${d.shiftName}`, detail: join([d.lessonTopic, d.organisationNote]).replace(/\n/g, ' · '),
      sortKey: d.day, href: `/shift/${d.day}/${d.shiftId}`, workerIds: people, overdue: false, text: join([d.shiftName, text]).toLowerCase(),
    });
  }
  // People first, then newest first: the order a search is read in.
  return out.sort((a, b) => (a.sortKey === b.sortKey ? 0 : a.sortKey === '' ? -1 : b.sortKey === '' ? 1 : b.sortKey.localeCompare(a.sortKey)));
}

/** The entries matching every word of `query` and the filter; `limit` of them, and how many in all. */
export function searchEntries(index: readonly SearchEntry[], query: string, filter: SearchFilter, limit = 100): { total: number; items: SearchEntry[] } {
  const words = queryWords(query);
  const items: SearchEntry[] = [];
  let total = 0;
  for (const e of index) {
    if (filter.kind !== 'all' && e.kind !== filter.kind) continue;
    if (filter.overdueOnly && !e.overdue) continue;
    if (filter.workerId !== null && !e.workerIds.includes(filter.workerId)) continue;
    if (!words.every((w) => e.text.includes(w))) continue;
    total++;
    if (items.length < limit) items.push(e);
  }
  return { total, items };
}
