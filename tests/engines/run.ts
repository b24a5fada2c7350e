/**
 * The engine floor, for real (part of `npm test`): the whole flow (flow.ts) on Chromium 83 and 92
 * (puppeteer-core) and on WebKitGTK (WebDriver), each against a fresh real endpoint serving the
 * built app (dist/, built by the e2e step before). Zero page errors and zero console errors.
 * Writes .tmp/reports/engines.json, which .ci/run checks. `tsx tests/engines/run.ts chromium-83`
 * runs one engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../../src/server/db';
import { photoPath } from '../../src/server/photo-store';
import { createEnrolCode, listTeams } from '../../src/server/store';
import { Ui, type Driver } from './driver';
import { runFlow } from './flow';
import { launchOldChromium } from './puppeteer-driver';
import { launchWebKitGtk } from './webkitgtk-driver';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');
// Beside the Playwright suite's server (E2E_PORT), never on it: both may run on one machine.
const PORT = Number(process.env.ENGINES_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 10);
const DIST_DIR = process.env.E2E_DIST ?? 'dist';
const ENDPOINT = `http://127.0.0.1:${PORT}`;
const ENGINES = {
  'chromium-83': () => launchOldChromium('chromium-83'),
  'chromium-92': () => launchOldChromium('chromium-92'),
  webkitgtk: () => launchWebKitGtk(ENDPOINT),
};
type Engine = keyof typeof ENGINES;

const IDB_PROBE = `return new Promise(function (done) {
  var t0 = Date.now(), r = indexedDB.open('xiaozhengwei'), t = setTimeout(function () { done('open: no answer in 5 s'); }, 5000);
  r.onblocked = function () { done('open: blocked'); };
  r.onerror = function () { clearTimeout(t); done('open: ' + r.error); };
  r.onsuccess = function () {
    var db = r.result, q = db.transaction('teams').objectStore('teams').count();
    q.onsuccess = function () { clearTimeout(t); db.close(); done('v' + db.version + ', ' + q.result + ' team(s), ' + (Date.now() - t0) + ' ms'); };
  };
});`;

interface Result { engine: Engine; version: string; status: 'passed' | 'failed'; ms: number; steps: { step: string; ms: number }[]; errors: string[]; failure?: string }

async function startServer(dataDir: string): Promise<ChildProcess> {
  rmSync(dataDir, { recursive: true, force: true });
  const proc = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR },
  });
  const end = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the endpoint exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${ENDPOINT}/`)).ok) return proc;
    } catch { /* not listening yet */ }
    if (Date.now() > end) throw new Error('the endpoint did not start within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopServer(proc: ChildProcess) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once('exit', r));
  process.kill(-proc.pid!, 'SIGTERM');
  await gone;
}

async function runEngine(engine: Engine): Promise<Result> {
  const started = Date.now();
  const dataDir = join(ROOT, `.tmp/engines-data-${PORT}`);
  const server = await startServer(dataDir);
  const steps: Result['steps'] = [];
  let driver: Driver | undefined;
  let last = Date.now();
  try {
    driver = await ENGINES[engine]();
    console.log(`engines: ${engine} is ${driver.version}`);
    const withDb = <T>(fn: (db: ReturnType<typeof openDatabase>, teamId: string) => T): T => {
      const db = openDatabase(dataDir);
      try {
        return fn(db, listTeams(db)[0]!.id);
      } finally {
        db.close();
      }
    };
    await runFlow({
      ui: new Ui(driver, driver.origin ?? ENDPOINT),
      enrolCode: () => withDb((db, teamId) => createEnrolCode(db, teamId, Date.now()).code),
      serverTables: () => withDb((db, teamId) => Object.fromEntries(
        (db.prepare('SELECT tbl, count(*) AS n FROM records WHERE team_id = ? GROUP BY tbl').all(teamId) as { tbl: string; n: number }[])
          .map((r) => [r.tbl, r.n]))),
      serverPhotos: () => withDb((db, teamId) =>
        (db.prepare('SELECT id, sha256, received_at AS receivedAt FROM photos WHERE team_id = ?').all(teamId) as { id: string; sha256: string; receivedAt: number | null }[])
          .map((r) => {
            const file = photoPath(dataDir, r.sha256);
            const fileSha256 = r.receivedAt !== null && existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
            return { ...r, fileSha256 };
          })),
      step: (name) => {
        steps.push({ step: name, ms: Date.now() - last });
        last = Date.now();
      },
    });
    const errors = await driver.errors();
    // The flow passed on screen; it still fails if the page threw or logged an error on the way.
    const status = errors.length === 0 ? 'passed' : 'failed';
    return { engine, version: driver.version, status, ms: Date.now() - started, steps, errors,
      ...(status === 'failed' ? { failure: `${errors.length} page/console error(s)` } : {}) };
  } catch (e) {
    const shot = join(ROOT, `.tmp/shots/engines-${engine}-failed.png`);
    mkdirSync(dirname(shot), { recursive: true });
    await driver?.screenshot(shot).catch(() => undefined);
    const html = await driver?.run<string>('return location.href + "\\n" + document.body.outerHTML.slice(0, 2000);').catch((x) => String(x));
    // Is the phone's data still readable, apart from the app? (A blank screen: the app's reads hang.)
    const idb = await driver?.run<string>(IDB_PROBE).catch((x) => String(x));
    return { engine, version: driver?.version ?? '?', status: 'failed', ms: Date.now() - started, steps,
      errors: (await driver?.errors().catch(() => [])) ?? [], failure: `${e instanceof Error ? e.stack ?? e.message : String(e)}\n(screenshot: ${shot})\nIndexedDB: ${idb}\npage: ${html}` };
  } finally {
    await driver?.close().catch(() => undefined);
    await stopServer(server);
  }
}

const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ENGINES)) as Engine[];
for (const e of wanted) if (!(e in ENGINES)) throw new Error(`unknown engine ${e}; known: ${Object.keys(ENGINES).join(', ')}`);
if (!existsSync(join(ROOT, DIST_DIR, 'index.html'))) throw new Error(`no build in ${DIST_DIR}/: run \`npx vite build\` first`);

const results: Result[] = [];
for (const engine of wanted) {
  const r = await runEngine(engine);
  results.push(r);
  console.log(`engines: ${r.status === 'passed' ? '✓' : '✗'} ${r.engine} (${r.version}) ${(r.ms / 1000).toFixed(1)} s — ` +
    r.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(', '));
  if (r.errors.length) console.log(`  page errors:\n  ${r.errors.join('\n  ')}`);
  if (r.failure) console.log(`  ${r.failure}`);
}
mkdirSync(join(ROOT, '.tmp/reports'), { recursive: true });
writeFileSync(join(ROOT, '.tmp/reports/engines.json'), JSON.stringify({
  engines: results, passed: results.filter((r) => r.status === 'passed').length, failed: results.filter((r) => r.status === 'failed').length,
}, null, 2));
process.exit(results.every((r) => r.status === 'passed') ? 0 : 1);
