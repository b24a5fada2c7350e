/** Common shift systems of the mines, offered on first run (any of them can be edited). */
import type { OvernightRule, ShiftDef } from './types';

export interface ShiftPreset {
  key: string;
  label: string;
  shifts: Omit<ShiftDef, 'id'>[];
  overnightRule: OvernightRule;
}

export const SHIFT_PRESETS: ShiftPreset[] = [
  {
    key: 'three-by-eight',
    label: '三八制（零点/八点/四点班）',
    overnightRule: 'next',
    shifts: [
      { name: '零点班', start: '00:00', end: '08:00' },
      { name: '八点班', start: '08:00', end: '16:00' },
      { name: '四点班', start: '16:00', end: '00:00' },
    ],
  },
  {
    key: 'night-early-middle',
    label: '三八制（夜班/早班/中班）',
    overnightRule: 'next',
    shifts: [
      { name: '夜班', start: '23:00', end: '07:00' },
      { name: '早班', start: '07:00', end: '15:00' },
      { name: '中班', start: '15:00', end: '23:00' },
    ],
  },
  {
    key: 'four-by-six',
    label: '四六制（四个班）',
    overnightRule: 'next',
    shifts: [
      { name: '一班', start: '00:00', end: '06:00' },
      { name: '二班', start: '06:00', end: '12:00' },
      { name: '三班', start: '12:00', end: '18:00' },
      { name: '四班', start: '18:00', end: '00:00' },
    ],
  },
];

/** Stable shift ids ('s1', 's2' …) so records keep pointing at the same shift after renames. */
export function withShiftIds(shifts: Omit<ShiftDef, 'id'>[]): ShiftDef[] {
  return shifts.map((s, i) => ({ ...s, id: `s${i + 1}` }));
}
