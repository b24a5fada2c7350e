/**
 * The month's figures as labelled columns, in one place, so the dashboard, the xlsx
 * summary, the docx and the print page show the same numbers under the same names.
 * Every value comes from computeMonthFigures (via data.ts).
 */
import type { MonthFigures } from '../../domain/report-figures';

export interface FigureColumn { label: string; get: (f: MonthFigures) => number }

export const FIGURE_COLUMNS: FigureColumn[] = [
  { label: '跟班记录', get: (f) => f.daily.total.value },
  { label: '跟班班次', get: (f) => f.daily.followed.value },
  { label: '休息', get: (f) => f.daily.dayOff.value },
  { label: '参加区队早会', get: (f) => f.daily.districtMeetingsAttended.value },
  { label: '班前会', get: (f) => f.daily.preShiftMeetings.value },
  { label: '文件传达', get: (f) => f.daily.documents.length },
  { label: '班前教育', get: (f) => f.daily.lessons.length },
  { label: '薄弱人员排查人次', get: (f) => f.daily.weak.entries.value },
  { label: '薄弱人员人数', get: (f) => f.daily.weak.people.value },
  { label: '谈心次数', get: (f) => f.daily.talks.count.value },
  { label: '谈心人数', get: (f) => f.daily.talks.people.value },
  { label: '周帮扶完成周数', get: (f) => f.weekly.weeksDone.value },
  { label: '应帮扶周数', get: (f) => f.weekly.weeksTotal },
  { label: '帮扶人数', get: (f) => f.weekly.peopleHelped.value },
  { label: '持续关注人数', get: (f) => f.weekly.stillWatching.people.value },
  { label: '1+X结对', get: (f) => f.weekly.pairs.active.value },
  { label: '困难职工帮扶次数', get: (f) => f.weekly.hardship.visits.value },
  { label: '帮扶金(元)', get: (f) => f.weekly.hardship.fundsYuan },
  { label: '发现隐患', get: (f) => f.hazards.found.value },
  { label: '隐患销号', get: (f) => f.hazards.closed.value },
  { label: '月末未销号', get: (f) => f.hazards.openAtEnd.value },
  { label: '超期未销号', get: (f) => f.hazards.overdueAtEnd.value },
];
