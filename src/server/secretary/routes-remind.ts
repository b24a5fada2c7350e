/**
 * 提醒: the secretary reminds one team or several (GET/POST /remind); the phones get it at
 * their next sync (src/server/reminders.ts) and answer 已送达 / 已读, shown in the list here
 * and on each team page. Only teams the account may see can be reminded: one team of another
 * branch in the form refuses the whole post (404, nothing stored), like every team lookup.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { aboutLabel, cleanReminderText, isReminderAbout, REMINDER_TEXT_MAX, reminderTextError } from '../../domain/reminders';
import type { TeamRow } from '../store';
import { sendReminders, teamReminders, type ReminderRow } from '../reminders';
import type { Sqlite } from '../db';
import { audit, currentBranch, teamFor, visibleTeams } from './access';
import type { AuthDeps, SecEnv, Session } from './auth';
import { canEdit, csrf, errorBox, notice, page, when, type Html } from './layout';

const list = (x: unknown): string[] => (Array.isArray(x) ? x : [x]).filter((y): y is string => typeof y === 'string');

/** 已读 / 已送达 / 已发送 of one reminder, with its time. */
function stateOf(r: ReminderRow): Html {
  if (r.read_at) return html`<span class="badge s-scored">已读</span> ${when(r.read_at)}`;
  if (r.delivered_at) return html`<span class="badge s-submitted">已送达</span> ${when(r.delivered_at)}`;
  return html`<span class="badge s-none">已发送</span> <span class="muted">等待手机同步</span>`;
}

/** One team's reminders, newest first (team page and the 提醒 page). */
export function remindersTable(db: Sqlite, teamId: string, limit = 10): Html {
  const rows = teamReminders(db, teamId, limit);
  if (!rows.length) return html`<p class="muted">尚未发送提醒。</p>`;
  return html`<div class="scroll"><table data-testid="reminders"><thead><tr><th>发送时间</th><th>内容</th><th>状态</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${when(r.sent_at)}</td><td>${r.about ? html`<b>${aboutLabel(r.about)}</b> ` : ''}${r.text || html`<span class="muted">（无附言）</span>`}</td><td data-testid="reminder-state">${stateOf(r)}</td></tr>`)}
</tbody></table></div>`;
}

/**
 * The 提醒 link of one team or several (team page; `due` links the dashboard's 未完成 list the
 * same way, with `about` = `day:…` / `week:…` / `report:…` for the item, ReminderAbout).
 */
export function remindLink(teamIds: readonly string[], label = '提醒', about = ''): Html {
  return html`<a class="button secondary noprint" href="/secretary/remind?teams=${teamIds.join(',')}${about ? `&about=${about}` : ''}">${label}</a>`;
}

interface FormState { picked: ReadonlySet<string>; text: string; about: string }

function remindPage(db: Sqlite, s: Session, teams: TeamRow[], form: FormState, errors: string[], sent: number): Html {
  const active = teams.filter((t) => !t.archived_at || form.picked.has(t.id));
  const len = [...form.text].length;
  return html`<h1>发送提醒</h1>
${notice(sent ? `已向 ${sent} 个班组发送提醒：手机下次同步时显示在首页，送达和已读会显示在下面。` : undefined)}${errorBox(errors)}
${canEdit(s) ? html`<form method="post" action="/secretary/remind" class="stack noprint">${csrf(s)}<input type="hidden" name="about" value="${form.about}">
${form.about ? html`<p>提醒事项：<b data-testid="remind-about">${aboutLabel(form.about)}</b>（手机上完成后提醒自动消失）</p>` : ''}
<fieldset class="plain"><legend><b>提醒哪些班组</b></legend>
${active.length ? active.map((t) => html`<label class="check"><input type="checkbox" name="team" value="${t.id}" ${form.picked.has(t.id) ? 'checked' : ''}> ${t.name}</label>`) : html`<p class="muted">本支部还没有班组。</p>`}
</fieldset>
<label for="remind-text">附言（可不填，最多 ${REMINDER_TEXT_MAX} 字${len ? `，已填 ${len} 字` : ''}）</label>
<input type="text" id="remind-text" name="text" value="${form.text}" maxlength="${REMINDER_TEXT_MAX}" placeholder="例如：请尽快补记本周帮扶">
<div class="actions"><button>发送提醒</button></div></form>` : html`<p class="muted">只读账号不能发送提醒。</p>`}
<h2>已发送的提醒</h2>
${active.map((t) => html`<h3>${t.name}</h3>${remindersTable(db, t.id, 5)}`)}`;
}

export function remindRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();

  r.get('/remind', (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    const teams = visibleTeams(db, s.account, branch.id);
    // Ids of other branches (or gone) are ignored: the page offers only this branch's teams.
    const picked = new Set((c.req.query('teams') ?? '').split(',').filter((id) => teams.some((t) => t.id === id)));
    const sent = Number(c.req.query('sent') ?? 0);
    const about = c.req.query('about') ?? '';
    const form = { picked, text: '', about: isReminderAbout(about) ? about : '' };
    return c.html(page('发送提醒', s, remindPage(db, s, teams, form, [], Number.isInteger(sent) && sent > 0 ? sent : 0)));
  });

  r.post('/remind', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody({ all: true });
    const ids = [...new Set(list(form.team))];
    const teams = ids.map((id) => teamFor(db, s.account, id));
    if (teams.some((t) => t === null)) return c.html(page('未找到', s, html`<h1>班组不存在或无权查看</h1><p><a href="/secretary/">返回总览</a></p>`), 404);
    const text = cleanReminderText(list(form.text)[0] ?? '');
    const about = list(form.about)[0] ?? '';
    const chosen = teams as TeamRow[];
    const branchId = chosen[0]?.branch_id ?? s.account.branchId;
    const errors = [
      ...(chosen.length ? [] : ['请至少选择一个班组']),
      ...(chosen.some((t) => t.branch_id !== branchId) ? ['一次只能提醒同一个党支部的班组'] : []),
      ...[reminderTextError(text)].filter((e): e is string => e !== null),
      ...(about === '' || isReminderAbout(about) ? [] : ['提醒事项无效，请从总览的未完成列表重新打开']),
    ];
    if (errors.length) {
      const shown = visibleTeams(db, s.account, branchId);
      return c.html(page('发送提醒', s, remindPage(db, s, shown, { picked: new Set(ids), text, about: isReminderAbout(about) ? about : '' }, errors, 0)), 400);
    }
    const now = clock();
    sendReminders(db, chosen.map((t) => t.id), s.account.id, text, now, about);
    const detail = [aboutLabel(about), text].filter(Boolean).join('：');
    for (const t of chosen) audit(db, now, s.account, 'send_reminder', t.id, detail);
    const q = s.account.role === 'admin' ? `&branch=${branchId}` : '';
    return c.redirect(`/secretary/remind?sent=${chosen.length}${q}`, 303);
  });
  return r;
}
