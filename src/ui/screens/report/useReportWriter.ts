import { useRef } from 'preact/hooks';
import type { ReportText } from '../../../domain/report';
import type { MonthKey } from '../../../domain/types';
import { changeReport, submitMonthReport, type SubmitResult } from '../../../db/reports';
import { showError } from '../../errors';

/**
 * Serialises the writes of one report screen: each keystroke is its own transaction,
 * applied in order, and submit waits behind them so the snapshot holds the last letter typed.
 */
export function useReportWriter(month: MonthKey) {
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const edit = (change: (r: ReportText) => Partial<ReportText>): void => {
    queue.current = queue.current.then(() => changeReport(month, change)).catch(showError);
  };

  /** Resolves to undefined when storage failed (the error toast is already shown). */
  const submit = (): Promise<SubmitResult | undefined> => {
    const run = queue.current.then(() => submitMonthReport(month));
    queue.current = run.catch(() => undefined);
    return run.catch((e: unknown) => {
      showError(e);
      return undefined;
    });
  };

  return { edit, submit };
}

export type ReportWriter = ReturnType<typeof useReportWriter>;
