/**
 * Branch month export as .xlsx: 40 teams with a year of synthetic records each (pushed
 * through sync-store like phones would), then one streamed export of a month, timed.
 * peakMb is the highest RSS sampled during the export (on every chunk written and every
 * 5 ms), i.e. the whole process, so it includes the database cache. Target ≤ 1 s.
 * Run alone: `tsx bench/export.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { generateTeamData } from '../tests/fixtures/generate';
import { openDatabase } from '../src/server/db';
import { seedTeam } from '../src/server/secretary/demo-data';
import { clearFigureCache } from '../src/server/secretary/data';
import { writeBranchXlsx } from '../src/server/secretary/export-xlsx';
import { createBranch, createTeam, listTeams } from '../src/server/store';

/** baseMb: RSS just before the export (the seeded data and the generator's garbage included). */
export interface ExportBench { ms: number; peakMb: number; baseMb: number; bytes: number; teams: number; warmMs: number; exceljsMs: number; cells: number }

/**
 * The baseline: the export's cells (read back from its file) written again with exceljs'
 * streaming writer and nothing else — no database, no figures, no styles. What the export
 * costs above it is ours; exceljs' own share moves with the machine as ours does.
 */
async function exceljsOnly(xlsx: Buffer): Promise<{ ms: number; cells: number }> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheets = read.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  });
  const cells = sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0);
  const sink = new Writable({ write(_chunk: Buffer, _enc, cb) { cb(); } });
  const t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
  await new Promise<void>((ok) => (sink.writableFinished ? ok() : sink.once('finish', () => ok())));
  return { ms: performance.now() - t0, cells };
}

/** ms: the first export after start (figures cache empty); warmMs: the same export again (figures cached). */
export async function benchBranchExport(opts: { teams?: number; months?: number } = {}): Promise<ExportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xzw-bench-export-'));
  const db = openDatabase(dir);
  try {
    const now = Date.parse('2026-11-21T12:00:00+08:00');
    const branch = createBranch(db, '基准支部', now);
    const n = opts.teams ?? 40;
    for (let i = 0; i < n; i++) {
      const team = createTeam(db, branch.id, `第${i + 1}班组`, now + i);
      seedTeam(db, team, generateTeamData({ seed: 1000 + i, months: opts.months ?? 12, workers: 20 + (i % 20), endDay: '2026-11-20' }), { now, today: '2026-11-21', reportMonths: 2 });
    }
    const teams = listTeams(db, branch.id);
    clearFigureCache();
    (globalThis as { gc?: () => void }).gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    let bytes = 0;
    const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
    let kept: Buffer[] | null = null;
    const once = async (): Promise<number> => {
      bytes = 0;
      const sink = new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; kept?.push(chunk); sample(); cb(); } });
      const t0 = performance.now();
      await writeBranchXlsx(db, teams, '2026-10', sink, Date.parse('2026-11-21T12:00:00+08:00'));
      await new Promise<void>((ok) => (sink.writableFinished ? ok() : sink.once('finish', () => ok())));
      return performance.now() - t0;
    };
    const timer = setInterval(sample, 5);
    const ms = await once();
    clearInterval(timer);
    sample();
    kept = []; // only now: holding the file during the first export would count in its peak RSS
    const warmMs = await once();
    const baseline = await exceljsOnly(Buffer.concat(kept));
    return {
      ms: Math.round(ms), warmMs: Math.round(warmMs), peakMb: Math.round(peak / 1048576), baseMb: Math.round(base / 1048576), bytes, teams: n,
      exceljsMs: Math.round(baseline.ms), cells: baseline.cells,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const teams = process.argv.includes('--teams') ? Number(process.argv[process.argv.indexOf('--teams') + 1]) : undefined;
  const r = await benchBranchExport(teams ? { teams } : {});
  // --json: one line for bench/run.ts, which runs this in its own process so RSS is the export's alone.
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
  else console.log(`branch month xlsx: ${r.teams} teams, first ${r.ms} ms, again ${r.warmMs} ms, peak RSS ${r.peakMb} MB (${r.baseMb} MB before), ${Math.round(r.bytes / 1024)} KB; the same ${r.cells} cells with exceljs alone ${r.exceljsMs} ms`);
}
