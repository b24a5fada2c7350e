/**
 * 导出: branch month .xlsx (streamed), one team's .docx, raw entries .csv (streamed).
 * Each download of team data writes an audit entry before the first byte goes out.
 */
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { monthLabel } from '../../domain/calendar';
import { audit, currentBranch, exportTeams, teamFor, visibleTeams } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { entriesCsv } from './export-csv';
import { reportDocx } from './export-docx';
import { writeBranchXlsx } from './export-xlsx';
import { page } from './layout';
import { exportsPage } from './exports-page';
import { monthRange } from './data';
import { workedBetween } from './teams';
import { BadQuery, attachment, dayParam, monthParam, today } from './params';
import { reportDoc } from './report-doc';
import { docxHazardPhotos } from './photo-docx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function exportRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();

  r.get('/exports', (c) => {
    const s = c.get('session');
    const now = clock();
    const month = monthParam(c.req.query('month'), now);
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    const teams = visibleTeams(db, s.account, branch.id);
    const { from, to } = monthRange(month);
    const last = today(now) < to && today(now) >= from ? today(now) : to;
    const b = `branch=${branch.id}`;
    return c.html(page('导出', s, exportsPage(branch, teams, month, from, last, b)));
  });

  r.get('/export/branch.xlsx', (c) => {
    const s = c.get('session');
    const now = clock();
    const month = monthParam(c.req.query('month'), now);
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    // An archived team stays in the months it has records for.
    const { from, to } = monthRange(month);
    const teams = visibleTeams(db, s.account, branch.id).filter((t) => !t.archived_at || workedBetween(db, t.id, from, to));
    audit(db, now, s.account, 'export_xlsx', null, `${branch.id} ${month}`);
    const out = new PassThrough();
    writeBranchXlsx(db, teams, month, out, now, branch.name).catch((e: unknown) => {
      console.error('xlsx export failed:', e instanceof Error ? e.message : e);
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    });
    c.header('Content-Type', XLSX_TYPE);
    c.header('Content-Disposition', attachment(`${branch.name}-${monthLabel(month)}.xlsx`, `branch-${month}.xlsx`));
    return c.body(Readable.toWeb(out) as ReadableStream);
  });

  r.get('/export/report.docx', async (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.query('team') ?? '');
    if (!team) return c.text('班组不存在或无权查看', 404);
    const month = monthParam(c.req.query('month'), clock());
    audit(db, clock(), s.account, 'export_docx', team.id, month);
    const buf = await reportDocx(reportDoc(db, team, month), docxHazardPhotos(db, team.id, month));
    c.header('Content-Type', DOCX_TYPE);
    c.header('Content-Disposition', attachment(`${team.name}-${monthLabel(month)}月度汇报.docx`, `report-${month}.docx`));
    return c.body(new Uint8Array(buf));
  });

  r.get('/export/entries.csv', (c) => {
    const s = c.get('session');
    const from = dayParam(c.req.query('from'));
    const to = dayParam(c.req.query('to'));
    // A zh-CN page (index.ts answers BadQuery with 400), not bare text: she came from a form.
    if (!from || !to || from > to) throw new BadQuery('请填写正确的开始和结束日期（开始不晚于结束），例如 2026-11-01 至 2026-11-30。');
    const teamId = c.req.query('team');
    const teams = exportTeams(db, s.account, teamId, c.req.query('branch'));
    if (!teams) return c.text('班组不存在或无权查看', 404);
    audit(db, clock(), s.account, 'export_csv', teamId || null, `${from}..${to}`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', attachment(`原始记录-${from}-${to}.csv`, `entries-${from}-${to}.csv`));
    const bytes = async function* (gen: AsyncGenerator<string>) {
      for await (const chunk of gen) yield Buffer.from(chunk, 'utf8');
    };
    return c.body(Readable.toWeb(Readable.from(bytes(entriesCsv(db, teams, from, to)))) as ReadableStream);
  });
  return r;
}
