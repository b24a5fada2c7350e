/**
 * Figures whose code lands with other features: each is measured when its module exists,
 * otherwise reported as not measured, with the reason.
 */
import type { BrowserContext } from '@playwright/test';
import type { TeamData } from '../tests/fixtures/generate';
import { unmeasured, type Figure } from './stats';

interface Ctx { ctx: BrowserContext; harness: string; quick: boolean; history: TeamData }

export async function optionalFigures(c: Ctx): Promise<Figure[]> {
  const out: Figure[] = [];
  out.push(unmeasured('month_report_ms', 'ms', 50, 'lower', 'monthly report repository not built yet'));
  out.push(unmeasured('branch_export_xlsx_ms', 'ms', 1000, 'lower', 'branch export not built yet'));
  out.push(unmeasured('branch_export_peak_mb', 'MB', 256, 'lower', 'branch export not built yet'));
  void c;
  return out;
}
