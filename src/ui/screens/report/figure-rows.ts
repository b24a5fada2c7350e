/**
 * The report's figures as labelled rows, shared by the screen and the print view so both
 * always show the same numbers. Every row keeps its Count, whose sources open the records.
 */
import { WEAK_ACTIONS, WEAK_REASONS } from '../../../domain/checklist';
import { count, type Count, type MonthFigures, type PeopleCount } from '../../../domain/report-figures';
import type { WeakAction, WeakReason } from '../../../domain/types';
import { HELP_RESULT_LABELS } from '../../../domain/weekly';

export interface FigureRow {
  key: string;
  label: string;
  count: Count;
  unit: string;
  /** Shown after the number, e.g. '/ 4 周' or '共 1200 元'. */
  extra?: string;
  /** Worker ids for a people count, to name them in the drill-down. */
  workerIds?: string[];
  /** Indented under the row before it. */
  sub?: boolean;
}

export interface FigureGroup {
  title: string;
  rows: FigureRow[];
}

const peopleRow = (key: string, label: string, p: PeopleCount, sub = false): FigureRow =>
  ({ key, label, count: p, unit: '人', workerIds: p.workerIds, sub });

/** Reason/action breakdowns list only what occurred: eight zero rows would hide the rest. */
function nonZero(rows: FigureRow[]): FigureRow[] {
  return rows.filter((r) => r.count.value > 0);
}

export function figureGroups(f: MonthFigures): FigureGroup[] {
  const d = f.daily;
  const w = f.weekly;
  const h = f.hazards;
  const dutyItems = (key: string, label: string, items: { dutyId: string }[]): FigureRow =>
    ({ key, label, count: count('duties', items.map((i) => i.dutyId), items.length), unit: '次' });
  return [
    {
      title: '日跟班',
      rows: [
        { key: 'followed', label: '跟班班次', count: d.followed, unit: '班', extra: d.dayOff.value ? `（另休息 ${d.dayOff.value} 班）` : '' },
        ...d.byShift.map((s) => ({ key: `shift-${s.shiftId}`, label: s.shiftName, count: s.followed, unit: '班', sub: true })),
        { key: 'district', label: '参加区队早会', count: d.districtMeetingsAttended, unit: '次' },
        { key: 'preShift', label: '召开班前会', count: d.preShiftMeetings, unit: '次' },
        dutyItems('documents', '传达上级文件', d.documents),
        dutyItems('lessons', '班前教育60秒', d.lessons),
        { key: 'weakEntries', label: '排查薄弱人员', count: d.weak.entries, unit: '人次' },
        peopleRow('weakPeople', '涉及人员', d.weak.people, true),
        ...nonZero((Object.keys(WEAK_REASONS) as WeakReason[]).map((r) =>
          ({ key: `reason-${r}`, label: `原因：${WEAK_REASONS[r]}`, count: d.weak.byReason[r], unit: '人次', sub: true }))),
        ...nonZero((Object.keys(WEAK_ACTIONS) as WeakAction[]).map((a) =>
          ({ key: `action-${a}`, label: `措施：${WEAK_ACTIONS[a]}`, count: d.weak.byAction[a], unit: '人次', sub: true }))),
        { key: 'talks', label: '面对面谈心', count: d.talks.count, unit: '人次' },
        peopleRow('talkPeople', '谈心人员', d.talks.people, true),
      ],
    },
    {
      title: '周帮扶',
      rows: [
        { key: 'weeks', label: '周帮扶完成', count: w.weeksDone, unit: '周', extra: `/ 共 ${w.weeksTotal} 周` },
        peopleRow('helped', '帮扶人员', w.peopleHelped),
        ...w.byType.map((t) => peopleRow(`type-${t.riskTypeId}`, `类型：${t.name}${t.retired ? '（已停用）' : ''}`, t.people, true)),
        ...(['resolved', 'watching', 'reported', 'pending'] as const).map((o) =>
          peopleRow(`result-${o}`, `结果：${o === 'pending' ? '未填结果' : HELP_RESULT_LABELS[o]}`, w.byResult[o], true)),
        peopleRow('stillWatching', '月末仍需关注', w.stillWatching.people),
        { key: 'pairs', label: '1+X 结对', count: w.pairs.active, unit: '对', extra: `（帮带 ${w.pairs.people.value} 人）`, workerIds: w.pairs.people.workerIds },
        { key: 'visits', label: '走访困难职工', count: w.hardship.visits, unit: '次' },
        { key: 'funds', label: '发放帮扶金', count: w.hardship.funds, unit: '笔', extra: `共 ${w.hardship.fundsYuan} 元` },
        peopleRow('hardshipPeople', '帮扶困难职工', w.hardship.people, true),
      ],
    },
    {
      title: '隐患/问题',
      rows: [
        { key: 'found', label: '本月发现', count: h.found, unit: '项' },
        { key: 'closed', label: '本月销号', count: h.closed, unit: '项' },
        { key: 'open', label: '月末未销号', count: h.openAtEnd, unit: '项' },
        { key: 'overdue', label: '其中超期', count: h.overdueAtEnd, unit: '项', sub: true },
      ],
    },
  ];
}

/** The number and unit as one string ('12 班'), for tests and the print table. */
export function rowValue(r: FigureRow): string {
  return `${r.count.value} ${r.unit}`;
}
