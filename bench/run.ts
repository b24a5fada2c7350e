/**
 * `npm run bench [-- --quick]`: builds the app, starts the real server, drives Debian's Chromium
 * with phone emulation, prints one table (value, median/p95, target) and writes bench/results.json.
 * --quick: a small subset with few runs, to prove in CI that every figure is still produced.
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTeamData } from '../tests/fixtures/generate';
import { buildHarness, coldStart, firstLoad, installedWithData, launch, tickCommit } from './browser';
import { coldStartChromium83 } from './chromium83';
import { lighthouseScores } from './lighthouse';
import { machine, printTable, unmeasured, type Figure } from './stats';
import { endpointThroughput, monthPush, syncFaults } from './sync';
import { branchExport, optionalFigures, shiftChangeLoad } from './optional';
import { searchFigure } from './search';
import { photoFigures } from './photos';

const quick = process.argv.includes('--quick');
const figures: Figure[] = [];

async function measure(names: [string, string, number | null, 'lower' | 'higher'][], fn: () => Promise<Figure | Figure[]>): Promise<void> {
  try {
    const r = await fn();
    figures.push(...(Array.isArray(r) ? r : [r]));
  } catch (e) {
    for (const [name, unit, target, better] of names) figures.push(unmeasured(name, unit, target, better, `failed: ${(e as Error).message.split('\n')[0]}`));
  }
}

async function startServer(dataDir: string, script = 'src/server/main.ts'): Promise<{ url: string; port: number; stop: () => void }> {
  const child = spawn('npx', ['tsx', script], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { url, port: Number(new URL(url).port), stop: () => process.kill(-child.pid!, 'SIGTERM') };
}

async function main(): Promise<void> {
  // Taken before the build: the load the bench found, not the load it makes.
  const host = machine();
  if (!process.argv.includes('--no-build')) execSync('npx vite build', { stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'xzw-bench-'));
  const server = await startServer(dataDir);
  const browser = await launch();
  try {
    const harness = await buildHarness();
    const history = generateTeamData({ seed: 42, months: quick ? 3 : 24 });
    await measure([['first_load_gzip_kb', 'KB', 60, 'lower']], () => firstLoad(browser, server.url, quick ? 1 : 5));
    // In --quick too: CI proves that a Lighthouse figure comes out of every run.
    await measure([['lighthouse_mobile_perf', 'score', 98, 'higher']], () => lighthouseScores(`${server.url}/`, quick ? 1 : 3));
    const { ctx, records } = await installedWithData(browser, server.url, harness, history);
    // A phone just set up: the same team and workers, none of the history.
    const fresh = { ...history, duties: [], hazards: [], weeklyScreenings: [], helpRecords: [], pairs: [], hardships: [] };
    const { ctx: empty } = await installedWithData(browser, server.url, harness, fresh);
    const cold = quick ? 1 : 7;
    await measure([['cold_start_ms', 'ms', 1000, 'lower'], ['cold_start_empty_ms', 'ms', null, 'lower'], ['cold_start_vs_empty', '×', null, 'lower']], () => coldStart(ctx, empty, cold, records, 1));
    await measure([['cold_start_4x_ms', 'ms', 600, 'lower'], ['cold_start_empty_4x_ms', 'ms', null, 'lower']], () => coldStart(ctx, empty, cold, records, 4));
    await empty.close();
    await measure([['tick_commit_p95_ms', 'ms', 16, 'lower']], () => tickCommit(ctx, harness, quick ? 10 : 200));
    await measure([['tick_commit_p95_4x_ms', 'ms', 16, 'lower']], () => tickCommit(ctx, harness, quick ? 10 : 200, 4));
    figures.push(...(await optionalFigures({ ctx, harness, quick, history })));
    await measure([['search_ms', 'ms', 100, 'lower']], () => searchFigure(ctx, history, quick));
    await ctx.close();
    await measure([['cold_start_chromium83_ms', 'ms', 1000, 'lower']], async () => coldStartChromium83(server.url, await buildHarness('chrome83'), history, quick ? 1 : 7));
    await measure(
      [['month_push_2g_ms', 'ms', 2000, 'lower'], ['month_push_round_trips', 'requests', 1, 'lower'], ['month_push_bytes', 'B', 65536, 'lower']],
      () => monthPush(browser, server.port, dataDir, harness, quick ? 1 : 5),
    );
    await measure(
      [['endpoint_batches_per_s', 'batches/s', 2000, 'higher'], ['endpoint_echo_per_s', 'requests/s', null, 'higher'], ['endpoint_sync_vs_echo', '×', null, 'higher']],
      async () => {
        const echoDir = mkdtempSync(join(tmpdir(), 'xzw-bench-echo-'));
        const echo = await startServer(echoDir, 'bench/echo-server.ts');
        try {
          return await endpointThroughput(server.url, dataDir, quick ? 1 : 4, quick ? 1 : 5, echo.url);
        } finally {
          echo.stop();
          rmSync(echoDir, { recursive: true, force: true });
        }
      },
    );
    await measure([['branch_export_xlsx_ms', 'ms', 1000, 'lower'], ['export_exceljs_only_ms', 'ms', null, 'lower'], ['export_vs_exceljs', '×', null, 'lower'], ['branch_export_peak_mb', 'MB', 256, 'lower']], async () => branchExport(quick));
    await measure([['load_sync_p99_ms', 'ms', 1000, 'lower'], ['load_errors', 'requests', 0, 'lower'], ['load_rss_growth_mb', 'MB', 100, 'lower']], () => shiftChangeLoad(quick));
    figures.push(...(await photoFigures(browser, server.url, dataDir, quick)));
    await measure([['sync_faults_lost', 'scenarios', 0, 'lower'], ['sync_faults_duplicated', 'scenarios', 0, 'lower']], () => syncFaults(quick ? 5 : 1000));
  } finally {
    await browser.close();
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const commit = execSync('git rev-parse HEAD 2>/dev/null || echo unknown').toString().trim();
  writeFileSync('bench/results.json', JSON.stringify({ commit, quick, at: new Date().toISOString(), machine: host, figures }, null, 2));
  console.log(`machine: ${host.cpus} × ${host.cpuModel}, load ${host.loadAvg.join(' ')} at start, node ${host.node}`);
  printTable(figures);
  // A figure whose feature has not landed says so; every other one must have a value.
  const missing = figures.filter((f) => f.value === null && !f.note?.includes('not built yet'));
  if (quick && missing.length) {
    console.error(`bench --quick: not produced: ${missing.map((f) => f.name).join(', ')}`);
    process.exit(1);
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
