/** 考核细则 form: up to 12 rows of name, points and basis; empty rows are dropped. */
import { html } from 'hono/html';
import * as v from 'valibot';
import type { BranchRow } from '../store';
import type { Session } from './auth';
import { canEdit, csrf, errorBox, notice, type Html } from './layout';
import { BASIS_LABEL, RubricSchema, rubricTotal, type Basis, type RubricItem } from './rubric';

const ROWS = 8;

export function rubricPage(s: Session, branch: BranchRow, items: RubricItem[], errors: string[], saved: boolean, restored = false): Html {
  const rows = [...items, ...Array.from({ length: Math.max(0, ROWS - items.length) }, () => null)];
  // Every row's id is unique: an empty row's must not be a kept item's (after a deletion, item-5 may
  // sit at row 4), and a repeated one (a stale form) gets a fresh id, so the next save heals it.
  const taken = new Set(items.map((i) => i.id));
  const seen = new Set<string>();
  let k = 0;
  const freeId = () => {
    while (taken.has(`item-${k}`)) k++;
    taken.add(`item-${k}`);
    return `item-${k}`;
  };
  const ids = rows.map((i) => (i && !seen.has(i.id) ? (seen.add(i.id), i.id) : freeId()));
  const total = rubricTotal(items);
  return html`<h1>考核细则 · ${branch.name}</h1>
${notice(saved ? '考核细则已保存，之后的评分按新细则；已评分的汇报保留评分时的细则。' : restored ? '已恢复登录过期前填写的内容，尚未保存：请核对后按「保存考核细则」。' : undefined)}${errorBox(errors)}
<p class="muted">每项的得分在评分时按计分依据给出建议，书记可修改；月汇报得分为各项之和，各项分值合计应为100分。当前合计 ${total} 分。修改后的细则用于之后的评分，已评分的汇报保留评分时的细则。</p>
<form method="post" action="/secretary/rubric" class="stack">${csrf(s)}<input type="hidden" name="branch" value="${branch.id}">
<fieldset class="plain" ${canEdit(s) ? '' : 'disabled'}><div class="scroll"><table><thead><tr><th>考核项目</th><th>分值</th><th>计分依据</th></tr></thead><tbody>
${rows.map((i, n) => html`<tr><td><input type="hidden" name="id" value="${ids[n]}"><input type="text" name="name" aria-label="第${n + 1}项名称" value="${i?.name ?? ''}" maxlength="20"></td>
<td><input type="number" name="points" aria-label="第${n + 1}项分值" value="${i ? String(i.points) : ''}" min="1" max="100"></td>
<td><select name="basis" aria-label="第${n + 1}项计分依据">${(Object.keys(BASIS_LABEL) as Basis[]).map((b) => html`<option value="${b}" ${(i?.basis ?? 'manual') === b ? 'selected' : ''}>${BASIS_LABEL[b]}</option>`)}</select></td></tr>`)}
</tbody></table></div></fieldset>
${canEdit(s) ? html`<div class="actions"><button>保存考核细则</button></div>` : ''}</form>`;
}

export function parseRubricForm(form: Record<string, unknown>): { ok: true; items: RubricItem[] } | { ok: false; items: RubricItem[]; errors: string[] } {
  const arr = (x: unknown) => (Array.isArray(x) ? x : [x]).map((y) => (typeof y === 'string' ? y : ''));
  const ids = arr(form.id), names = arr(form.name), points = arr(form.points), basis = arr(form.basis);
  const raw = names.map((name, i) => ({ id: ids[i] ?? `item-${i}`, name: name.trim(), points: points[i]?.trim() === '' ? NaN : Number(points[i]), basis: (basis[i] ?? 'manual') as Basis }))
    .filter((x) => x.name !== '' || Number.isFinite(x.points));
  const r = v.safeParse(RubricSchema, raw);
  if (r.success) return { ok: true, items: r.output };
  const errors = [...new Set(r.issues.map((i) => (/[\u4e00-\u9fff]/.test(i.message) ? i.message : '请检查各项的名称、分值和计分依据')))];
  return { ok: false, items: raw, errors };
}
