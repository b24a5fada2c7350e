import type { DailyDuty, Worker } from '../../../domain/types';

/** What every section of the shift screen gets: the duty (undefined until first touched) and a way to change it. */
export interface SectionProps {
  duty: DailyDuty | undefined;
  /** `undo`: a destructive tap, offered 撤销 with this label. */
  edit: (change: (d: DailyDuty) => DailyDuty, undo?: string) => void;
  workers: Worker[];
}
