/**
 * search_ms: 我的 → 搜索 over two years of a team's records in the phone's IndexedDB (the
 * installed context of bench/run.ts, seeded by bench/browser.ts). Each sample is the screen's
 * whole path for one query: read the index from IndexedDB, then filter it; the median against
 * the 100 ms target (p95 kept in the figure). Baseline: the in-memory filter alone (every further keystroke).
 */
import type { BrowserContext } from '@playwright/test';
import { build } from 'vite';
import type { TeamData } from '../tests/fixtures/generate';
import { figure, median, type Figure } from './stats';

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false, logLevel: 'silent', mode: 'production',
    build: { write: false, minify: true, lib: { entry: 'bench/search-entry.ts', formats: ['iife'], name: 'BenchSearch', fileName: () => 's.js' } },
  });
  const code = ((Array.isArray(out) ? out[0] : out) as { output: { code?: string }[] }).output[0]?.code;
  if (!code) throw new Error('search harness build produced no code');
  return code;
}

export async function searchFigure(ctx: BrowserContext, history: TeamData, quick: boolean): Promise<Figure> {
  const code = await bundle();
  const page = await ctx.newPage();
  await page.goto('/robots.txt');
  await page.evaluate(code);
  // A worker's name, a hazard word, a lesson topic word, two words at once.
  const queries = [history.workers[3]?.name ?? '王', '支架', '防治水', '疲劳 谈心'];
  const today = history.duties[history.duties.length - 1]?.day ?? '2026-12-01';
  const r = await page.evaluate(
    ([q, n, t]) => (globalThis as never as { __benchSearch: { run(q: string[], n: number, t: string): Promise<{ full: number[]; filter: number[]; entries: number; hits: number[] }> } }).__benchSearch.run(q, n, t),
    [queries, quick ? 2 : 10, today] as [string[], number, string],
  );
  await page.close();
  return figure('search_ms', r.full, 'ms', 100, 'lower', {
    baseline: median(r.filter),
    note: `read index from IndexedDB + filter, ${r.entries} entries (${history.duties.length} duties, ${history.hazards.length} hazards, ${history.helpRecords.length} help records), queries ${queries.map((q, i) => `"${q}"→${r.hits[i]}`).join(' ')}; baseline: filter alone`,
  });
}
