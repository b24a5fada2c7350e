/**
 * 导出: branch month .xlsx (streamed), one team's .docx, raw entries .csv (streamed).
 * Each download of team data writes an audit entry before the first byte goes out.
 */
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { monthLabel } from '../../domain/calendar';
import { audit, currentBranch, teamFor, visibleTeams } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { entriesCsv } from './export-csv';
import { reportDocx } from './export-docx';
import { writeBranchXlsx } from './export-xlsx';
import { page } from './layout';
import { monthRange } from './data';
import { workedBetween } from './teams';
import { attachment, dayParam, monthParam, today } from './params';
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
    return c.html(page('导出', s, html`<h1>导出 · ${branch.name}</h1>
<h2>月度汇总（Excel）</h2>
<form method="get" action="/secretary/export/branch.xlsx" class="stack"><input type="hidden" name="branch" value="${branch.id}">
<label for="m1">月份</label><input type="month" id="m1" name="month" value="${month}" required>
<div class="actions"><button>下载 Excel</button></div></form>
<h2>原始记录（CSV）</h2>
<form method="get" action="/secretary/export/entries.csv" class="stack"><input type="hidden" name="branch" value="${branch.id}">
<label for="from">开始日期</label><input type="date" id="from" name="from" value="${month}-01" required>
<label for="to">结束日期</label><input type="date" id="to" name="to" value="${today(now)}" required>
<label for="team">班组</label><select id="team" name="team"><option value="">全部班组</option>${teams.map((t) => html`<option value="${t.id}">${t.name}${t.archived_at ? '（已归档）' : ''}</option>`)}</select>
<div class="actions"><button>下载 CSV</button></div></form>
<h2>班组月度汇报（Word / 打印）</h2>
<ul>${teams.map((t) => html`<li>${t.name}${t.archived_at ? '（已归档）' : ''}：<a href="/secretary/export/report.docx?team=${t.id}&month=${month}">Word</a> · <a href="/secretary/print?team=${t.id}&month=${month}">打印（A4）</a> · <a href="/secretary/export/photos.zip?team=${t.id}&month=${month}">照片（zip）</a></li>`)}</ul>
<h2>照片（zip）</h2><p><a class="button secondary" href="/secretary/export/photos.zip?branch=${branch.id}&month=${month}">下载全支部本月照片</a></p>`));
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
    writeBranchXlsx(db, teams, month, out, today(now)).catch((e: unknown) => {
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
    if (!from || !to || from > to) return c.text('请填写正确的开始和结束日期（开始不晚于结束）', 400);
    const teamId = c.req.query('team');
    let teams;
    if (teamId) {
      const t = teamFor(db, s.account, teamId);
      if (!t) return c.text('班组不存在或无权查看', 404);
      teams = [t];
    } else {
      teams = visibleTeams(db, s.account, currentBranch(db, s.account, c.req.query('branch')).id);
    }
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
