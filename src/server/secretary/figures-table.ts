/**
 * The month's figures as labelled columns, in one place, so the dashboard, the xlsx
 * summary, the docx and the print page show the same numbers under the same names.
 * Every value comes from computeMonthFigures (via data.ts).
 */
import { HEADLINE_FIGURES } from '../../domain/report-diff';
import type { MonthFigures } from '../../domain/report-figures';

export interface FigureColumn { label: string; get: (f: MonthFigures) => number }

/** The domain's headline figures (shared with the phone's 数据已变化 and the review diff). */
export const FIGURE_COLUMNS: FigureColumn[] = HEADLINE_FIGURES.map((h) => ({ label: h.label, get: h.get }));
