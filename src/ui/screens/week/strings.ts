/** zh-CN text and small helpers shared by the 周帮扶 and people screens. */
import type { Worker } from '../../../domain/types';

/** The one-line reminder every form with free text about a person carries. */
export const PRIVACY_NOTE = '敏感信息少写：不写病名、家庭隐私细节。';

export const REMOVED_WORKER = '已移除人员';

export function workerName(workers: readonly Worker[], id: string): string {
  return workers.find((w) => w.id === id)?.name ?? REMOVED_WORKER;
}

const WEEKDAY_SHORT = ['一', '二', '三', '四', '五', '六', '日'];

/** '周一\n23日' for the i-th day (0 = Monday) of a week: two short lines fit a 4-column grid. */
export function shortDay(day: string, i: number): string {
  return `周${WEEKDAY_SHORT[i] ?? ''}\n${Number(day.slice(8))}日`;
}

/** '11月23日' from a day key, without the weekday. */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;
}
