/**
 * Every submitted revision of a report, and what changed between two of them. The report's
 * body carries its submissions; a body that lost a conflict (record_history) or the snapshot
 * kept with a score (review_items.submission, migration 6) may hold one the current body no
 * longer has, so all three are read: no revision the server has seen is lost.
 */
import { html } from 'hono/html';
import { figureChanges, textChanges } from '../../domain/report-diff';
import type { MonthlyReport, ReportSubmission } from '../../domain/report';
import type { Sqlite } from '../db';
import { when, type Html } from './layout';

export function allSubmissions(db: Sqlite, teamId: string, report: MonthlyReport): ReportSubmission[] {
  const found = new Map<string, ReportSubmission>();
  const add = (s: ReportSubmission) => { const k = `${s.revision}|${s.at}`; if (!found.has(k)) found.set(k, s); };
  report.submissions.forEach(add);
  const lost = db.prepare("SELECT body FROM record_history WHERE team_id = ? AND tbl = 'reports' AND id = ?").all(teamId, report.id) as { body: string }[];
  for (const row of lost) ((JSON.parse(row.body) as Partial<MonthlyReport>).submissions ?? []).forEach(add);
  const scored = db.prepare('SELECT submission FROM review_items WHERE team_id = ? AND report_id = ?').get(teamId, report.id) as { submission: string | null } | undefined;
  if (scored?.submission) add(JSON.parse(scored.submission) as ReportSubmission);
  return [...found.values()].sort((a, b) => a.revision - b.revision || a.at - b.at);
}

/** The submission of that revision (the latest one sent under that number), or null. */
export function submissionOf(subs: readonly ReportSubmission[], revision: number): ReportSubmission | null {
  return subs.filter((s) => s.revision === revision).at(-1) ?? null;
}

const multiline = (t: string) => (t === '' ? html`<span class="muted">（空）</span>` : t.split('\n').map((l, i) => html`${i ? html`<br>` : ''}${l}`));

/**
 * What changed from `base` (the scored revision, or the one before) to `last`: every figure
 * that differs (old → new) and every written part that differs (old and new wording).
 */
export function revisionDiff(base: ReportSubmission, last: ReportSubmission, baseNote: string): Html {
  const figures = figureChanges(base.figures, last.figures);
  const texts = textChanges(base.text, last.text);
  return html`<div data-testid="revision-diff"><h3>第${last.revision}次提交与${baseNote}（第${base.revision}次）相比</h3>
${figures.length ? html`<div class="scroll"><table class="compact" aria-label="变化的数据"><thead><tr><th>变化的数据</th><th class="num">第${base.revision}次</th><th class="num">第${last.revision}次</th></tr></thead><tbody>
${figures.map((c) => html`<tr><td>${c.label}</td><td class="num">${c.from}</td><td class="num">${c.to}</td></tr>`)}</tbody></table></div>` : html`<p class="muted">数据未变化。</p>`}
${texts.length ? html`<div class="scroll"><table aria-label="修改的文字"><thead><tr><th>修改的文字</th><th>第${base.revision}次</th><th>第${last.revision}次</th></tr></thead><tbody>
${texts.map((c) => html`<tr><td>${c.part}</td><td><del>${multiline(c.from)}</del></td><td><ins>${multiline(c.to)}</ins></td></tr>`)}</tbody></table></div>` : html`<p class="muted">文字内容未修改。</p>`}
</div>`;
}

/** Links to every revision; the one shown is not a link. */
export function revisionLinks(subs: readonly ReportSubmission[], href: (revision: number) => string, shown: number, scored: number | null): Html {
  const revs = [...new Set(subs.map((s) => s.revision))];
  return html`<nav class="actions" aria-label="提交版本" data-testid="revisions"><span>各次提交：</span>${revs.map((r) => {
    const s = submissionOf(subs, r)!;
    const label = `第${r}次（${when(s.at)}）${r === scored ? ' · 已评分' : ''}`;
    return r === shown ? html`<b>${label}</b>` : html`<a href="${href(r)}">${label}</a>`;
  })}</nav>`;
}
