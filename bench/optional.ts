/**
 * Figures whose code lands with other features: each is measured when its module exists,
 * otherwise reported as not measured, with the reason.
 */
import type { BrowserContext } from '@playwright/test';
import type { TeamData } from '../tests/fixtures/generate';
import { monthKey } from '../src/domain/calendar';
import { figure, unmeasured, type Figure } from './stats';

/** The last full month of the generated history, read from IndexedDB and computed in the page. */
async function monthReport(c: Ctx): Promise<Figure> {
  const page = await c.ctx.newPage();
  await page.goto('/robots.txt');
  await page.evaluate(c.harness);
  const last = c.history.duties.at(-1)!.day;
  const month = monthKey(last);
  const times = await page.evaluate(
    ([m, n]) => (globalThis as never as { __bench: { monthReport(m: string, n: number): Promise<number[]> } }).__bench.monthReport(m, n),
    [month, c.quick ? 3 : 15] as [string, number],
  );
  await page.close();
  return figure('month_report_ms', times, 'ms', 50, 'lower', { note: `loadMonthInput + computeMonthFigures for ${month}, ${c.history.duties.length} duties in IndexedDB` });
}

interface Ctx { ctx: BrowserContext; harness: string; quick: boolean; history: TeamData }

export async function optionalFigures(c: Ctx): Promise<Figure[]> {
  const out: Figure[] = [];
  out.push(await monthReport(c));
  out.push(unmeasured('branch_export_xlsx_ms', 'ms', 1000, 'lower', 'branch export not built yet'));
  out.push(unmeasured('branch_export_peak_mb', 'MB', 256, 'lower', 'branch export not built yet'));
  void c;
  return out;
}
