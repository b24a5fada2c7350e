/** Lighthouse (mobile, default simulated throttling) on the app's first page, in Debian's Chromium. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './browser';
import { figure, unmeasured, type Figure } from './stats';

async function debuggingPort(proc: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${err.slice(-300)}`)), 20_000);
    proc.stderr?.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
}

export async function lighthouseScores(url: string, runs: number): Promise<Figure[]> {
  const perf: number[] = [];
  const other: Record<string, number[]> = { accessibility: [], 'best-practices': [], seo: [] };
  const { default: lighthouse } = await import('lighthouse');
  for (let i = 0; i < runs; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'xzw-lh-'));
    const proc = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank']);
    try {
      const port = await debuggingPort(proc);
      const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const cats = result?.lhr.categories;
      if (!cats?.performance?.score && cats?.performance?.score !== 0) throw new Error('no performance score');
      perf.push(Math.round((cats.performance.score ?? 0) * 100));
      for (const k of Object.keys(other)) other[k]!.push(Math.round((cats[k]?.score ?? 0) * 100));
    } finally {
      proc.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    }
  }
  if (!perf.length) return [unmeasured('lighthouse_mobile_perf', 'score', 98, 'higher', 'lighthouse produced no run')];
  const rest = Object.entries(other).map(([k, v]) => `${k} ${v.join('/')}`).join(', ');
  return [figure('lighthouse_mobile_perf', perf, 'score', 98, 'higher', { note: rest })];
}
