/**
 * The 花名册 preview: what a roster text (typed, pasted or read from an Excel file) will store,
 * person by person, before anything is saved, and who it would retire. A roster that retires
 * many people (or everyone) needs a second, explicit tick: an emptied textarea must never
 * silently retire a whole team.
 */
import { html } from 'hono/html';
import { parseRosterLine, ROSTER_LINE_FORMAT } from '../../domain/roster-line';
import type { TeamRow } from '../store';
import type { RosterItem } from './config';
import { csrf, errorBox, type Html } from './layout';
import type { Session } from './auth';

export type RowStatus = 'new' | 'kept' | 'changed';
export interface RosterDiff {
  rows: { item: RosterItem; status: RowStatus; guessed: boolean }[];
  retired: RosterItem[];
  /** Live people before the change. */
  before: number;
}

export function rosterDiff(old: readonly RosterItem[], next: readonly RosterItem[], text: string): RosterDiff {
  const guessed = new Set(text.split(/\r?\n/).map(parseRosterLine).filter((p) => p?.guessed).map((p) => p!.name));
  const live = old.filter((o) => !o.retired);
  const rows = next.filter((x) => !x.retired).map((item) => {
    const prev = live.find((o) => o.id === item.id);
    const status: RowStatus = !prev ? 'new' : prev.post === item.post && prev.partyMember === item.partyMember ? 'kept' : 'changed';
    return { item, status, guessed: guessed.has(item.name) };
  });
  const stays = new Set(rows.map((r) => r.item.id));
  return { rows, retired: live.filter((o) => !stays.has(o.id)), before: live.length };
}

/** Empty, or more than a third of the team retired at once: asks for an explicit tick. */
export function muchShorter(d: RosterDiff): boolean {
  return d.retired.length > 0 && (d.rows.length === 0 || d.retired.length * 3 > d.before);
}

const STATUS: Record<RowStatus, string> = { new: '新增', kept: '不变', changed: '修改' };

export function previewSection(s: Session, team: TeamRow, text: string, d: RosterDiff, errors: string[], source: string): Html {
  const big = muchShorter(d);
  return html`<h1>${team.name} · 花名册预览</h1>
<p class="muted">${source}尚未保存。请逐行核对下表：保存后手机上看到的就是这里的姓名、工种和党员标记。${ROSTER_LINE_FORMAT}</p>
${errorBox(errors)}
<p data-testid="roster-summary">保存后在册 <b>${d.rows.length}</b> 人（原 ${d.before} 人）：新增 ${d.rows.filter((r) => r.status === 'new').length}，修改 ${d.rows.filter((r) => r.status === 'changed').length}，停用 ${d.retired.length}。</p>
${d.rows.length ? html`<div class="scroll"><table data-testid="roster-preview"><thead><tr><th>姓名</th><th>工种</th><th>党员</th><th>变化</th></tr></thead><tbody>
${d.rows.map((r) => html`<tr><td>${r.item.name}</td><td>${r.item.post || '—'}</td><td>${r.item.partyMember ? '党员' : '—'}</td>
<td>${STATUS[r.status]}${r.guessed ? html` <span class="stale">请核对：该行只用单个空格分隔</span>` : ''}</td></tr>`)}
</tbody></table></div>` : html`<p class="error">花名册为空：保存后本班组没有在册人员。</p>`}
${d.retired.length ? html`<h2>将停用 ${d.retired.length} 人</h2><p data-testid="roster-retired">${d.retired.map((w) => w.name).join('、')}</p>
<p class="muted">停用的人员旧记录仍显示其姓名；以后可以重新列入花名册。</p>` : ''}
<form method="post" action="/secretary/team/${team.id}/config" class="stack">${csrf(s)}
<input type="hidden" name="what" value="roster"><input type="hidden" name="confirm" value="yes">
<textarea name="text" hidden>${text}</textarea>
${big ? html`<label><input type="checkbox" name="retire" value="yes"> ${d.rows.length === 0 ? `确认清空花名册，停用全部 ${d.retired.length} 人` : `确认停用以上 ${d.retired.length} 人`}</label>` : ''}
<div class="actions"><button>确认保存花名册</button></div></form>
<form method="post" action="/secretary/team/${team.id}/config" class="actions">${csrf(s)}
<input type="hidden" name="what" value="roster"><input type="hidden" name="edit" value="yes"><textarea name="text" hidden>${text}</textarea>
<button class="secondary">返回修改</button></form>`;
}
