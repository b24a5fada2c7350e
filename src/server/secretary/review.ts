/**
 * 审阅评分: a submitted report (latest revision, with the earlier ones listed), the
 * rubric with suggested scores, feedback and the 金点子 to adopt. Saving writes the
 * review with store.setReview, so the phone gets score, feedback and adoption on its
 * next pull; the item scores stay on the server for the score history.
 */
import { html } from 'hono/html';
import type { MonthlyReport, ReportSubmission } from '../../domain/report';
import { monthLabel } from '../../domain/calendar';
import type { Sqlite } from '../db';
import { setReview, type TeamRow } from '../store';
import { canEdit, csrf, errorBox, notice, when, type Html } from './layout';
import type { Session } from './auth';
import { FIGURE_COLUMNS } from './figures-table';
import type { ReviewRow } from './data';
import { BASIS_LABEL, type ItemScore, type RubricItem } from './rubric';

export const FEEDBACK_MAX = 2000;

export function submissionView(sub: ReportSubmission): Html {
  const t = sub.text;
  return html`<h2>汇报数据（第 ${sub.revision} 次提交，${when(sub.at)}）</h2>
<div class="scroll"><table><tbody>${FIGURE_COLUMNS.map((c) => html`<tr><th>${c.label}</th><td class="num">${c.get(sub.figures)}</td></tr>`)}</tbody></table></div>
<h2>回头看</h2><p>${t.lookBack || '—'}</p>
<h2>班组管理进展</h2><p>${t.progress || '—'}</p>
<h2>次月工作重点</h2><ol>${t.nextPriorities.map((p) => html`<li>${p}</li>`)}</ol>
<h2>思想教育方式方法</h2><p>${t.methods || '—'}</p>`;
}

/** A revised report: every submission, and which figures changed in the latest one. */
function revisions(report: MonthlyReport): Html {
  const [prev, last] = report.submissions.slice(-2) as [ReportSubmission, ReportSubmission];
  const changed = FIGURE_COLUMNS.filter((c) => c.get(prev.figures) !== c.get(last.figures));
  const textChanged = (['lookBack', 'progress', 'methods'] as const).filter((k) => prev.text[k] !== last.text[k]).length > 0
    || prev.text.nextPriorities.join('\n') !== last.text.nextPriorities.join('\n') || prev.text.ideas.length !== last.text.ideas.length;
  return html`<section class="card" data-testid="revisions"><h3>已修订：共提交 ${report.submissions.length} 次</h3>
<p>${report.submissions.map((x) => html`第${x.revision}次 ${when(x.at)}　`)}</p>
${changed.length ? html`<table><thead><tr><th>变化的数据</th><th class="num">第${prev.revision}次</th><th class="num">第${last.revision}次</th></tr></thead><tbody>
${changed.map((c) => html`<tr><td>${c.label}</td><td class="num">${c.get(prev.figures)}</td><td class="num">${c.get(last.figures)}</td></tr>`)}</tbody></table>` : html`<p class="muted">数据未变化。</p>`}
${textChanged ? html`<p>文字内容有修改。</p>` : ''}</section>`;
}

export interface ReviewForm { items: Record<string, string>; feedback: string; adopted: string[] }

export function reviewPage(args: {
  s: Session; team: TeamRow; report: MonthlyReport; review: ReviewRow | null; rubric: RubricItem[];
  suggested: Record<string, number | null>; savedItems?: ItemScore[] | null; adopted?: ReadonlySet<string>; form?: ReviewForm; errors?: string[]; saved?: boolean; restored?: boolean;
}): Html {
  const { s, team, report, review, rubric } = args;
  const sub = report.submissions.at(-1)!;
  // args.adopted: the review's list with the 金点子库's later marks (ideas.ts).
  const adopted = new Set(args.form?.adopted ?? args.adopted ?? (review ? (JSON.parse(review.adopted_idea_ids) as string[]) : []));
  const saved = new Map((args.savedItems ?? []).map((x) => [x.id, x.score]));
  const value = (i: RubricItem) => args.form?.items[i.id] ?? String(saved.get(i.id) ?? args.suggested[i.id] ?? '');
  return html`<h1>${team.name} · ${monthLabel(report.month)} 月度工作汇报</h1>
${notice(args.saved ? '评分已保存，小政委下次同步时即可看到。' : args.restored ? '已恢复登录过期前填写的内容，尚未保存：请核对后按「保存评分」。' : undefined)}
<p class="actions noprint"><a class="button secondary" href="/secretary/print?team=${team.id}&month=${report.month}">打印（A4）</a>
<a class="button secondary" href="/secretary/export/report.docx?team=${team.id}&month=${report.month}">导出 Word</a>
<a class="button secondary" href="/secretary/team/${team.id}?month=${report.month}">班组记录</a></p>
${report.submissions.length > 1 ? revisions(report) : ''}
${submissionView(sub)}
<h2>金点子与评分</h2>
${errorBox(args.errors ?? [])}
<form method="post" action="/secretary/report/${report.id}/review?team=${team.id}" class="stack">${csrf(s)}<fieldset class="plain" ${canEdit(s) ? '' : 'disabled'}>
<fieldset><legend>金点子（勾选为采纳）</legend>${sub.text.ideas.length === 0 ? html`<p class="muted">本月未提交金点子。</p>` : sub.text.ideas.map((i) => html`
<label><input type="checkbox" name="adopted" value="${i.id}" ${adopted.has(i.id) ? 'checked' : ''}> ${i.title}</label><p class="muted">${i.content} 预期效果：${i.expectedEffect}</p>`)}</fieldset>
<table><thead><tr><th>考核项目</th><th>计分依据</th><th class="num">分值</th><th>得分</th></tr></thead><tbody>
${rubric.map((i) => html`<tr><td><label for="item-${i.id}">${i.name}</label></td><td>${BASIS_LABEL[i.basis]}</td><td class="num">${i.points}</td>
<td><input type="number" id="item-${i.id}" name="item-${i.id}" min="0" max="${i.points}" step="0.5" value="${value(i)}" required></td></tr>`)}
</tbody></table>
<label for="feedback">反馈意见</label><textarea id="feedback" name="feedback" maxlength="${FEEDBACK_MAX}">${args.form?.feedback ?? review?.feedback ?? ''}</textarea>
</fieldset>${canEdit(s) ? html`<div class="actions"><button type="submit">保存评分</button></div>` : html`<p class="muted">只读账号：可查看评分，不能修改。</p>`}
</form>
${review ? html`<p class="muted">上次评分：${review.score ?? '—'} 分，${when(review.reviewed_at)}</p>` : ''}`;
}

/** The form's fields as typed (for re-display, or a draft kept across an expired session). */
export function readReviewForm(body: Record<string, unknown>, rubric: RubricItem[]): ReviewForm {
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  const list = (x: unknown) => (Array.isArray(x) ? x.map(str) : x === undefined ? [] : [str(x)]);
  return {
    items: Object.fromEntries(rubric.map((i) => [i.id, str(body[`item-${i.id}`]).trim()])),
    feedback: str(body.feedback),
    adopted: list(body.adopted),
  };
}

/** Validates the posted form against the rubric; zh-CN messages, the input is kept for re-display. */
export function parseReview(body: Record<string, string | File | (string | File)[]>, rubric: RubricItem[], ideaIds: Set<string>):
  { ok: true; items: ItemScore[]; feedback: string; adopted: string[] } | { ok: false; errors: string[]; form: ReviewForm } {
  const form = readReviewForm(body, rubric);
  const errors: string[] = [];
  const items: ItemScore[] = [];
  for (const i of rubric) {
    const raw = form.items[i.id] ?? '';
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) errors.push(`「${i.name}」请填写得分`);
    else if (n < 0 || n > i.points || Math.round(n * 2) !== n * 2) errors.push(`「${i.name}」得分应在 0 到 ${i.points} 之间（可为 0.5 分）`);
    else items.push({ id: i.id, name: i.name, points: i.points, score: n });
  }
  if (form.feedback.length > FEEDBACK_MAX) errors.push(`反馈意见请控制在${FEEDBACK_MAX}字以内`);
  if (form.adopted.some((id) => !ideaIds.has(id))) errors.push('采纳的金点子不属于本汇报，请刷新页面');
  return errors.length ? { ok: false, errors, form } : { ok: true, items, feedback: form.feedback.trim(), adopted: form.adopted };
}

export function saveReview(db: Sqlite, team: TeamRow, report: MonthlyReport, secretaryId: string,
  r: { items: ItemScore[]; feedback: string; adopted: string[] }, now: number): number {
  const score = r.items.reduce((s, i) => s + i.score, 0);
  db.transaction(() => {
    setReview(db, team.id, { reportId: report.id, score, feedback: r.feedback, adoptedIdeaIds: r.adopted, reviewedAt: now }, secretaryId);
    db.prepare(`INSERT INTO review_items (team_id, report_id, month, items) VALUES (?, ?, ?, ?)
      ON CONFLICT (team_id, report_id) DO UPDATE SET month = excluded.month, items = excluded.items`).run(team.id, report.id, report.month, JSON.stringify(r.items));
  })();
  return score;
}
