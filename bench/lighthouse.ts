/**
 * Lighthouse (mobile, default simulated throttling) on the app's first page, in Debian's Chromium.
 * A run can fail on a busy machine (no performance score: the trace or a metric timed out). A
 * failed run is retried, up to 3 retries in all, so the bench gives a figure on every run: the
 * median of the runs that produced a score, and the note says how many failed and why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killChromium, spawnChromium } from '../tests/fixtures/chromium';
import { figure, unmeasured, type Figure } from './stats';

const RETRIES = 3;
type Scores = Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number>;

async function once(url: string): Promise<Scores> {
  const { default: lighthouse } = await import('lighthouse');
  const profile = mkdtempSync(join(tmpdir(), 'xzw-lh-'));
  const { proc, port } = await spawnChromium(profile);
  try {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
    const lhr = result?.lhr;
    const perf = lhr?.categories.performance?.score;
    if (typeof perf !== 'number') {
      // Lighthouse says why when it knows: a runtime error, or the metrics it could not compute.
      const why = lhr?.runtimeError?.message
        ?? Object.values(lhr?.audits ?? {}).find((a) => a.scoreDisplayMode === 'error' && a.errorMessage)?.errorMessage
        ?? 'no performance score';
      throw new Error(why);
    }
    const score = (k: keyof Scores) => Math.round((lhr!.categories[k]?.score ?? 0) * 100);
    return { performance: Math.round(perf * 100), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') };
  } finally {
    await killChromium(proc);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

export async function lighthouseScores(url: string, runs: number): Promise<Figure[]> {
  const ok: Scores[] = [];
  const failed: string[] = [];
  while (ok.length < runs && failed.length <= RETRIES) {
    try {
      ok.push(await once(url));
    } catch (e) {
      failed.push((e as Error).message.split('\n')[0]!.slice(0, 120));
    }
  }
  const failures = failed.length ? `${failed.length} failed run(s) retried: ${[...new Set(failed)].join('; ')}` : 'no run failed';
  if (!ok.length) return [unmeasured('lighthouse_mobile_perf', 'score', 98, 'higher', `lighthouse produced no score in ${failed.length} runs: ${failures}`)];
  const rest = (['accessibility', 'best-practices', 'seo'] as const).map((k) => `${k} ${ok.map((s) => s[k]).join('/')}`).join(', ');
  return [figure('lighthouse_mobile_perf', ok.map((s) => s.performance), 'score', 98, 'higher', { note: `${ok.length} scored, ${failures}; ${rest}` })];
}
