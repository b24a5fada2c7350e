/** Lighthouse (mobile, default simulated throttling) on the app's first page, in Debian's Chromium. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killChromium, spawnChromium } from '../tests/fixtures/chromium';
import { figure, unmeasured, type Figure } from './stats';


export async function lighthouseScores(url: string, runs: number): Promise<Figure[]> {
  const perf: number[] = [];
  const other: Record<string, number[]> = { accessibility: [], 'best-practices': [], seo: [] };
  const { default: lighthouse } = await import('lighthouse');
  for (let i = 0; i < runs; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'xzw-lh-'));
    const { proc, port } = await spawnChromium(profile);
    try {
      const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const cats = result?.lhr.categories;
      if (!cats?.performance?.score && cats?.performance?.score !== 0) throw new Error('no performance score');
      perf.push(Math.round((cats.performance.score ?? 0) * 100));
      for (const k of Object.keys(other)) other[k]!.push(Math.round((cats[k]?.score ?? 0) * 100));
    } finally {
      await killChromium(proc);
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    }
  }
  if (!perf.length) return [unmeasured('lighthouse_mobile_perf', 'score', 98, 'higher', 'lighthouse produced no run')];
  const rest = Object.entries(other).map(([k, v]) => `${k} ${v.join('/')}`).join(', ');
  return [figure('lighthouse_mobile_perf', perf, 'score', 98, 'higher', { note: rest })];
}
