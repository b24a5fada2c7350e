/**
 * What changed in a monthly report: figure by figure and part by part of the text, between
 * two submissions, or between the last submission and the figures the records give now.
 * One list of headline figures, so the phone's 数据已变化, the secretary's review diff and
 * the exports name the same numbers the same way. Pure.
 */
import type { MonthFigures } from './report-figures-types';
import type { ReportText } from './report';

export interface HeadlineFigure { key: string; label: string; unit: string; get: (f: MonthFigures) => number }

export const HEADLINE_FIGURES: readonly HeadlineFigure[] = [
  { key: 'total', label: '跟班记录', unit: '条', get: (f) => f.daily.total.value },
  { key: 'followed', label: '跟班班次', unit: '班', get: (f) => f.daily.followed.value },
  { key: 'dayOff', label: '休息', unit: '班', get: (f) => f.daily.dayOff.value },
  { key: 'district', label: '参加区队早会', unit: '次', get: (f) => f.daily.districtMeetingsAttended.value },
  { key: 'preShift', label: '班前会', unit: '次', get: (f) => f.daily.preShiftMeetings.value },
  { key: 'documents', label: '文件传达', unit: '次', get: (f) => f.daily.documents.length },
  { key: 'lessons', label: '班前教育', unit: '次', get: (f) => f.daily.lessons.length },
  { key: 'weakEntries', label: '薄弱人员排查人次', unit: '人次', get: (f) => f.daily.weak.entries.value },
  { key: 'weakPeople', label: '薄弱人员人数', unit: '人', get: (f) => f.daily.weak.people.value },
  { key: 'talks', label: '谈心次数', unit: '人次', get: (f) => f.daily.talks.count.value },
  { key: 'talkPeople', label: '谈心人数', unit: '人', get: (f) => f.daily.talks.people.value },
  { key: 'weeks', label: '周帮扶完成周数', unit: '周', get: (f) => f.weekly.weeksDone.value },
  { key: 'weeksTotal', label: '应帮扶周数', unit: '周', get: (f) => f.weekly.weeksTotal },
  { key: 'helped', label: '帮扶人数', unit: '人', get: (f) => f.weekly.peopleHelped.value },
  { key: 'stillWatching', label: '持续关注人数', unit: '人', get: (f) => f.weekly.stillWatching.people.value },
  { key: 'pairs', label: '1+X结对', unit: '对', get: (f) => f.weekly.pairs.active.value },
  { key: 'visits', label: '困难职工帮扶次数', unit: '次', get: (f) => f.weekly.hardship.visits.value },
  { key: 'fundsYuan', label: '帮扶金(元)', unit: '元', get: (f) => f.weekly.hardship.fundsYuan },
  { key: 'found', label: '发现隐患', unit: '项', get: (f) => f.hazards.found.value },
  { key: 'closed', label: '隐患销号', unit: '项', get: (f) => f.hazards.closed.value },
  { key: 'open', label: '月末未销号', unit: '项', get: (f) => f.hazards.openAtEnd.value },
  { key: 'overdue', label: '超期未销号', unit: '项', get: (f) => f.hazards.overdueAtEnd.value },
];

export interface FigureChange { key: string; label: string; unit: string; from: number; to: number }

/** The headline figures that differ, in list order; empty when none does. */
export function figureChanges(before: MonthFigures, after: MonthFigures): FigureChange[] {
  const out: FigureChange[] = [];
  for (const h of HEADLINE_FIGURES) {
    const from = h.get(before);
    const to = h.get(after);
    if (from !== to) out.push({ key: h.key, label: h.label, unit: h.unit, from, to });
  }
  return out;
}

export interface TextChange { part: string; from: string; to: string }

/** The written parts, each as one comparable string (priorities and ideas one per line). */
function textParts(t: ReportText): { part: string; value: string }[] {
  return [
    { part: '回头看', value: t.lookBack.trim() },
    { part: '班组管理进展', value: t.progress.trim() },
    { part: '次月工作重点', value: t.nextPriorities.map((p) => p.trim()).filter((p) => p !== '').map((p, i) => `${i + 1}. ${p}`).join('\n') },
    { part: '思想教育方式方法', value: t.methods.trim() },
    { part: '金点子', value: t.ideas.map((i) => `${i.title.trim()}：${i.content.trim()}${i.expectedEffect.trim() ? `（预期效果：${i.expectedEffect.trim()}）` : ''}`).join('\n') },
  ];
}

/** The written parts that differ, with the whole old and new wording of each. */
export function textChanges(before: ReportText, after: ReportText): TextChange[] {
  const b = textParts(before);
  const a = textParts(after);
  return b.flatMap((x, i) => (x.value === a[i]!.value ? [] : [{ part: x.part, from: x.value, to: a[i]!.value }]));
}
