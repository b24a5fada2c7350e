import { useRef } from 'preact/hooks';
import type { DailyDuty, ShiftDef } from '../../../domain/types';
import { ensureDuty, updateDuty } from '../../../db/duties';
import { showError } from '../../errors';
import { offerUndo } from '../../undo';

/**
 * Serialises the writes of one shift screen: each tap is its own transaction, applied in
 * tap order, and the record is created on the first tap only (looking creates nothing).
 */
export function useDutyEditor(day: string, shift: ShiftDef | undefined, expected: number) {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const key = useRef('');
  const dutyId = useRef<string | null>(null);
  if (key.current !== `${day}/${shift?.id}`) {
    key.current = `${day}/${shift?.id}`;
    dutyId.current = null;
  }

  const ensure = async (): Promise<DailyDuty> => {
    if (!shift) throw new Error('no shift selected');
    const d = await ensureDuty(day, shift, expected);
    dutyId.current = d.id;
    return d;
  };

  /**
   * `undo` (what the tap did, in zh-CN) marks a destructive tap: the toast offers 撤销, which
   * puts back only the parts this tap changed, so later taps on other sections stay.
   */
  const edit = (change: (d: DailyDuty) => DailyDuty, undo?: string): void => {
    const run = async () => {
      const id = dutyId.current ?? (await ensure()).id;
      let before: DailyDuty | null = null;
      let after: DailyDuty | null = null;
      await updateDuty(id, (d) => {
        before = d;
        after = change(d);
        return after;
      });
      if (undo && before && after) {
        const b: DailyDuty = before;
        const a: DailyDuty = after;
        const keys = (Object.keys(a) as (keyof DailyDuty)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
        if (keys.length) offerUndo(undo, () => edit((d) => ({ ...d, ...Object.fromEntries(keys.map((k) => [k, b[k]])) })));
      }
    };
    queue.current = queue.current.then(run).catch(showError);
  };

  return { edit, ensure };
}
