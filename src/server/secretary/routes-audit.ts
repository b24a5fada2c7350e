/** 审计日志 (admin only): the filtered, readable list, page by page, and its CSV export. */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { Readable as NodeReadable } from 'node:stream';
import type { TeamRow } from '../store';
import { audit, visibleTeams } from './access';
import { ACTIONS, auditCsv, queryAudit, readable, type AuditFilter } from './audit-log';
import type { AuthDeps, SecEnv } from './auth';
import { page, when } from './layout';
import { attachment, dayQuery } from './params';

const PAGE = 200;

export function auditRoutes(deps: AuthDeps, retentionDays: number): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  const forbidden = (c: Context<SecEnv>) => c.html(page('无权访问', c.get('session'), html`<h1>只有管理员可以查看审计日志</h1>`), 403);

  /** The filter from the query; bad dates are a 400 page (BadQuery). */
  const filterOf = (c: Context<SecEnv>): AuditFilter => {
    const q = (k: string) => (c.req.query(k) ?? '').trim().slice(0, 80);
    return { account: q('account'), action: q('action'), team: q('team'), from: dayQuery(q('from')) ?? '', to: dayQuery(q('to')) ?? '' };
  };
  const queryString = (f: AuditFilter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

  r.get('/audit', (c) => {
    const s = c.get('session');
    if (s.account.role !== 'admin') return forbidden(c);
    const f = filterOf(c);
    const n = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const rows = queryAudit(db, f, PAGE + 1, (n - 1) * PAGE);
    const shown = readable(db, rows.slice(0, PAGE));
    const accounts = db.prepare('SELECT id, username FROM secretaries ORDER BY username').all() as { id: string; username: string }[];
    const teams: TeamRow[] = visibleTeams(db, s.account);
    const qs = queryString(f);
    const opt = (value: string, label: string, current: string | undefined) => html`<option value="${value}" ${value === current ? 'selected' : ''}>${label}</option>`;
    return c.html(page('审计日志', s, html`<h1>审计日志</h1>
<form method="get" action="/secretary/audit" class="stack noprint">
<label for="f-account">账号</label><select id="f-account" name="account">${opt('', '全部', f.account)}${opt('phone', '手机（设备登记）', f.account)}${accounts.map((a) => opt(a.id, a.username, f.account))}</select>
<label for="f-action">操作</label><select id="f-action" name="action">${opt('', '全部', f.action)}${Object.entries(ACTIONS).map(([k, v]) => opt(k, v, f.action))}</select>
<label for="f-team">班组</label><select id="f-team" name="team">${opt('', '全部', f.team)}${teams.map((t) => opt(t.id, t.name, f.team))}</select>
<label for="f-from">开始日期</label><input type="date" id="f-from" name="from" value="${f.from}">
<label for="f-to">结束日期</label><input type="date" id="f-to" name="to" value="${f.to}">
<div class="actions"><button>筛选</button><a class="button secondary" href="/secretary/audit">清除筛选</a>
<a class="button secondary" href="/secretary/audit.csv${qs ? `?${qs}` : ''}">导出 CSV</a></div></form>
<p class="muted">时间为北京时间。日志保留 ${retentionDays} 天（环境变量 AUDIT_RETENTION_DAYS，默认 3 年）。</p>
${shown.length === 0 ? html`<p class="muted">没有符合条件的记录。</p>` : html`<div class="scroll"><table>
<thead><tr><th>时间</th><th>账号</th><th>操作</th><th>班组</th><th>说明</th></tr></thead><tbody>
${shown.map((x) => html`<tr data-testid="audit-row"><td>${when(x.at)}</td><td>${x.who}</td><td>${x.action}</td><td>${x.team}</td><td>${x.detail}</td></tr>`)}
</tbody></table></div>`}
<p class="actions">${n > 1 ? html`<a class="button secondary" href="/secretary/audit?${qs}${qs ? '&' : ''}page=${n - 1}">上一页</a>` : ''}
${rows.length > PAGE ? html`<a class="button secondary" href="/secretary/audit?${qs}${qs ? '&' : ''}page=${n + 1}">下一页</a>` : ''}</p>`, { wide: true }));
  });

  r.get('/audit.csv', (c) => {
    const s = c.get('session');
    if (s.account.role !== 'admin') return forbidden(c);
    const f = filterOf(c);
    audit(db, clock(), s.account, 'export_audit', f.team || null, queryString(f));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', attachment('审计日志.csv', 'audit-log.csv'));
    const bytes = function* () {
      for (const chunk of auditCsv(db, f)) yield Buffer.from(chunk, 'utf8');
    };
    return c.body(NodeReadable.toWeb(NodeReadable.from(bytes())) as ReadableStream);
  });
  return r;
}
