/**
 * 审阅评分: a submitted report (latest revision; every earlier one can be opened, and what
 * changed since the scored one, or the one before, is listed), the rubric with suggested
 * scores, feedback and the 金点子 to adopt. Saving writes the review with store.setReview, so
 * the phone gets score, feedback and adoption on its next pull; the item scores stay on the
 * server for the score history, with the revision scored and the rubric used (migration 6).
 */
import { html } from 'hono/html';
import type { MonthlyReport, ReportSubmission } from '../../domain/report';
import { monthLabel } from '../../domain/calendar';
import type { Sqlite } from '../db';
import { setReview, type TeamRow } from '../store';
import { canEdit, csrf, errorBox, notice, when, type Html } from './layout';
import type { Session } from './auth';
import { FIGURE_COLUMNS } from './figures-table';
import type { ReviewRow } from './report-state';
import { revisionDiff, revisionLinks, submissionOf } from './revisions';
import { BASIS_LABEL, rubricTotal, type ItemScore, type RubricItem } from './rubric';

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

export interface ReviewForm { items: Record<string, string>; feedback: string; adopted: string[] }

/** Which rubric the form uses: the one the score was made under unless she chose the current one. */
export interface RubricChoice { rubric: RubricItem[]; scoredUnderOld: boolean; usingCurrent: boolean }

export function reviewPage(args: {
  s: Session; team: TeamRow; report: MonthlyReport; review: ReviewRow | null; rubric: RubricItem[]; choice?: Omit<RubricChoice, 'rubric'>;
  subs?: ReportSubmission[]; scoredRevision?: number | null;
  suggested: Record<string, number | null>; savedItems?: ItemScore[] | null; adopted?: ReadonlySet<string>; form?: ReviewForm; errors?: string[]; saved?: boolean; restored?: boolean;
}): Html {
  const { s, team, report, review, rubric } = args;
  const sub = report.submissions.at(-1)!;
  const subs = args.subs ?? report.submissions;
  const scored = args.scoredRevision ?? null;
  const self = `/secretary/report/${report.id}?team=${team.id}`;
  // args.adopted: the review's list with the 金点子库's later marks (ideas.ts).
  const adopted = new Set(args.form?.adopted ?? args.adopted ?? (review ? (JSON.parse(review.adopted_idea_ids) as string[]) : []));
  const saved = new Map((args.savedItems ?? []).map((x) => [x.id, x.score]));
  const value = (i: RubricItem) => args.form?.items[i.id] ?? String(saved.get(i.id) ?? args.suggested[i.id] ?? '');
  return html`<h1>${team.name} · ${monthLabel(report.month)} 月度工作汇报</h1>
${notice(args.saved ? '评分已保存，小政委下次同步时即可看到。' : args.restored ? '已恢复登录过期前填写的内容，尚未保存：请核对后按「保存评分」。' : undefined)}
<p class="actions noprint"><a class="button secondary" href="/secretary/print?team=${team.id}&month=${report.month}">打印（A4）</a>
<a class="button secondary" href="/secretary/export/report.docx?team=${team.id}&month=${report.month}">导出 Word</a>
<a class="button secondary" href="/secretary/team/${team.id}?month=${report.month}">班组记录</a></p>
${revisionHeader(subs, sub, scored, review, self)}
${submissionView(sub)}
<h2>金点子与评分</h2>
${errorBox(args.errors ?? [])}
<form method="post" action="/secretary/report/${report.id}/review?team=${team.id}" class="stack">${csrf(s)}<fieldset class="plain" ${canEdit(s) ? '' : 'disabled'}>
<fieldset><legend>金点子（勾选为采纳）</legend>${sub.text.ideas.length === 0 ? html`<p class="muted">本月未提交金点子。</p>` : sub.text.ideas.map((i) => html`
<label><input type="checkbox" name="adopted" value="${i.id}" ${adopted.has(i.id) ? 'checked' : ''}> ${i.title}</label><p class="muted">${i.content} 预期效果：${i.expectedEffect}</p>`)}</fieldset>
${rubricNote(args.choice, self, rubric)}${args.choice?.usingCurrent ? html`<input type="hidden" name="rubric" value="current">` : ''}
<table><thead><tr><th>考核项目</th><th>计分依据</th><th class="num">分值</th><th>得分</th></tr></thead><tbody>
${rubric.map((i) => html`<tr><td><label for="item-${i.id}">${i.name}</label></td><td>${BASIS_LABEL[i.basis]}</td><td class="num">${i.points}</td>
<td><input type="number" id="item-${i.id}" name="item-${i.id}" min="0" max="${i.points}" step="0.5" value="${value(i)}" required></td></tr>`)}
</tbody></table>
<label for="feedback">反馈意见</label><textarea id="feedback" name="feedback" maxlength="${FEEDBACK_MAX}">${args.form?.feedback ?? review?.feedback ?? ''}</textarea>
</fieldset>${canEdit(s) ? html`<div class="actions"><button type="submit">保存评分</button></div>` : html`<p class="muted">只读账号：可查看评分，不能修改。</p>`}
</form>
${review ? html`<p class="muted">上次评分：${review.score ?? '—'} 分，${when(review.reviewed_at)}</p>` : ''}`;
}

/** The revisions (when more than one), and what changed since the scored one or the one before. */
function revisionHeader(subs: ReportSubmission[], last: ReportSubmission, scored: number | null, review: ReviewRow | null, self: string): Html {
  const revs = new Set(subs.map((x) => x.revision));
  if (revs.size < 2) return html``;
  const stale = scored !== null && scored < last.revision;
  const base = stale ? submissionOf(subs, scored) : subs.filter((x) => x.revision < last.revision).at(-1) ?? null;
  return html`<section class="card"><h3>已修订：共提交 ${revs.size} 次</h3>
${stale ? html`<p class="warn" data-testid="rereview"><b>待复评</b>：第${scored}次提交已评 ${review?.score ?? '—'} 分，之后又提交了第${last.revision}次。请核对下面的变化，重新保存评分。</p>` : ''}
${revisionLinks(subs, (r) => `${self}&rev=${r}`, last.revision, scored)}
${base ? revisionDiff(base, last, stale ? '已评分的版本' : '上一次提交') : ''}</section>`;
}

function rubricNote(choice: Omit<RubricChoice, 'rubric'> | undefined, self: string, rubric: RubricItem[]): Html {
  if (!choice) return html``;
  if (choice.usingCurrent) return html`<p class="muted" data-testid="rubric-note">按现行考核细则评分（满分 ${rubricTotal(rubric)} 分），保存后替换原评分所用的细则。<a href="${self}">改回评分时的细则</a></p>`;
  if (choice.scoredUnderOld) return html`<p class="muted" data-testid="rubric-note">本汇报按评分时的考核细则评分；考核细则之后已修改，新细则只用于新的评分。<a href="${self}&rubric=current">改按现行细则重新评分</a></p>`;
  return html``;
}

/** An earlier revision, read only, with the links to the others. */
export function revisionPage(team: TeamRow, report: MonthlyReport, subs: ReportSubmission[], shown: ReportSubmission, scored: number | null): Html {
  const self = `/secretary/report/${report.id}?team=${team.id}`;
  const latest = report.submissions.at(-1)!.revision;
  return html`<h1>${team.name} · ${monthLabel(report.month)} 月度工作汇报 · 第${shown.revision}次提交</h1>
<p class="notice">这是第${shown.revision}次提交的内容（历史版本，只读）。<a href="${self}">返回最新的第${latest}次提交和评分</a></p>
${revisionLinks(subs, (r) => `${self}&rev=${r}`, shown.revision, scored)}
${submissionView(shown)}
<h2>金点子</h2>${shown.text.ideas.length ? html`<ol>${shown.text.ideas.map((i) => html`<li>${i.title}：${i.content}</li>`)}</ol>` : html`<p class="muted">未提交金点子。</p>`}`;
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

/** Saves the score of the latest revision, with that revision's snapshot and the rubric it was made under. */
export function saveReview(db: Sqlite, team: TeamRow, report: MonthlyReport, secretaryId: string,
  r: { items: ItemScore[]; feedback: string; adopted: string[] }, now: number, rubric: readonly RubricItem[]): number {
  const score = r.items.reduce((s, i) => s + i.score, 0);
  const sub = report.submissions.at(-1)!;
  db.transaction(() => {
    setReview(db, team.id, { reportId: report.id, score, feedback: r.feedback, adoptedIdeaIds: r.adopted, reviewedAt: now }, secretaryId);
    db.prepare(`INSERT INTO review_items (team_id, report_id, month, items, revision, submission, rubric) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (team_id, report_id) DO UPDATE SET month = excluded.month, items = excluded.items, revision = excluded.revision,
        submission = excluded.submission, rubric = excluded.rubric`)
      .run(team.id, report.id, report.month, JSON.stringify(r.items), sub.revision, JSON.stringify(sub), JSON.stringify(rubric));
  })();
  return score;
}
