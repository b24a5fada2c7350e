import { useRef } from 'preact/hooks';
import type { DailyDuty, ShiftDef } from '../../../domain/types';
import { ensureDuty, updateDuty } from '../../../db/duties';
import { showError } from '../../errors';

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

  const edit = (change: (d: DailyDuty) => DailyDuty): void => {
    const run = async () => {
      const id = dutyId.current ?? (await ensure()).id;
      await updateDuty(id, change);
    };
    queue.current = queue.current.then(run).catch(showError);
  };

  return { edit, ensure };
}
