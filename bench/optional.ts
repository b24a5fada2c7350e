/**
 * Figures whose code lands with other features: each is measured when its module exists,
 * otherwise reported as not measured, with the reason.
 */
import { execFileSync } from 'node:child_process';
import type { BrowserContext } from '@playwright/test';
import type { TeamData } from '../tests/fixtures/generate';
import { monthKey } from '../src/domain/calendar';
import { figure, median, type Figure } from './stats';

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
  return out;
}

/** The branch month xlsx export (40 teams, a year of data each), in a process of its own. */
export function branchExport(quick: boolean): Figure[] {
  const runs = quick ? 1 : 3;
  const ms: number[] = [];
  const mb: number[] = [];
  const base: number[] = [];
  let teams = 0;
  let cells = 0;
  for (let i = 0; i < runs; i++) {
    const out = execFileSync('npx', ['tsx', 'bench/export.ts', '--json', ...(quick ? ['--teams', '8'] : [])], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; peakMb: number; teams: number; exceljsMs: number; cells: number };
    ms.push(r.ms);
    mb.push(r.peakMb);
    base.push(r.exceljsMs);
    teams = r.teams;
    cells = r.cells;
  }
  const note = `${teams} teams, first export after start (figures not cached), whole-process RSS`;
  return [
    figure('branch_export_xlsx_ms', ms, 'ms', 1000, 'lower', { note, baseline: median(base) }),
    figure('export_exceljs_only_ms', base, 'ms', null, 'lower', { note: `baseline: the export's ${cells} cells written again by exceljs' streaming writer alone (same process, after the export)` }),
    figure('export_vs_exceljs', ms.map((m, i) => m / base[i]!), '×', null, 'lower', { note: 'export ÷ exceljs alone, per process' }),
    figure('branch_export_peak_mb', mb, 'MB', 256, 'lower', { note }),
  ];
}

/** 500 phones syncing at shift change against a server process, loopback only, bounded in time. */
export async function shiftChangeLoad(quick: boolean): Promise<Figure[]> {
  const { loadTest } = await import('./load');
  const r = await loadTest({ phones: quick ? 50 : 500, seconds: quick ? 3 : 20 });
  const note = `${r.phones} phones, ${r.seconds} s, ${r.requests} requests, ${r.syncs} syncs, RSS ${r.rssStartMb}→${r.rssEndMb} MB (peak ${r.rssPeakMb})`;
  return [
    figure('load_sync_p99_ms', [r.p99Ms], 'ms', 1000, 'lower', { note: `p50 ${r.p50Ms} ms; ${note}` }),
    figure('load_errors', [r.errors], 'requests', 0, 'lower', { note: r.errorSamples.slice(0, 2).join('; ') || note }),
    figure('load_rss_growth_mb', [r.rssEndMb - r.rssStartMb], 'MB', 100, 'lower', { note: 'server memory after the load minus before' }),
  ];
}
