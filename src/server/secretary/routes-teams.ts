/** 班组改名, 归档 and 恢复 (the form is on the team page; teams.ts has the rules). */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { TeamRow } from '../store';
import { audit, teamFor } from './access';
import type { AuthDeps, SecEnv, Session } from './auth';
import { checkName } from './accounts';
import { csrf, errorBox, page, when, type Html } from './layout';
import { renameTeam, setArchived, setDistrict, storedName, teamNameError } from './teams';

const str = (x: unknown) => (typeof x === 'string' ? x.trim() : '');

export function teamSettings(s: Session, team: TeamRow, name: string, errors: string[] = [], district = team.district): Html {
  return html`<h2 id="settings">班组名称与归档</h2>${errorBox(errors)}
<form method="post" action="/secretary/team/${team.id}/rename" class="stack noprint">${csrf(s)}
<label for="rename">班组名称（改名后各页面、导出立即使用新名称，手机下次同步时更新）</label>
<input type="text" id="rename" name="name" value="${name}" maxlength="40" required>
<label for="district">区队（手机上与班组名称一起显示；留空则用小政委在手机上填写的）</label>
<input type="text" id="district" name="district" value="${district}" maxlength="40">
<div class="actions"><button>保存名称</button></div></form>
${team.archived_at
    ? html`<p>本班组已于 ${when(team.archived_at)} 归档，不在总览中显示。</p>
<form method="post" action="/secretary/team/${team.id}/restore" class="actions noprint">${csrf(s)}<button>恢复班组</button></form>`
    : html`<p class="muted">归档后班组不在总览中显示；已有记录仍保留，并出现在它有记录的月份的导出中。已登记的手机仍可发送记录，不会丢失；如需禁止，请停用设备。</p>
<form method="post" action="/secretary/team/${team.id}/archive" class="actions noprint">${csrf(s)}<button class="secondary">归档班组</button></form>`}`;
}

export function teamAdminRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();

  r.post('/team/:id/rename', async (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return c.text('班组不存在或无权查看', 404);
    const form = await c.req.parseBody();
    const name = str(form.name);
    const district = str(form.district);
    const before = storedName(db, team.id);
    const err = (name === before ? null : teamNameError(db, team.branch_id, name, team.id)) ?? (district ? checkName('区队名称', district) : null);
    if (err) return c.html(page('班组改名', s, html`<h1>${team.name}</h1>${teamSettings(s, team, name, [err], district)}<p><a href="/secretary/team/${team.id}">返回班组</a></p>`), 400);
    if (name !== before) {
      renameTeam(db, team.id, name);
      audit(db, clock(), s.account, 'rename_team', team.id, `${before} → ${name}`);
    }
    if (district !== team.district) {
      // The phones show it from their next pull (sync-store teamInfo), as they do the name.
      setDistrict(db, team.id, district);
      audit(db, clock(), s.account, 'rename_team', team.id, `区队：${team.district || '（未设置）'} → ${district || '（未设置）'}`);
    }
    return c.redirect(`/secretary/team/${team.id}#settings`, 303);
  });

  for (const [action, archive] of [['archive', true], ['restore', false]] as const) {
    r.post(`/team/:id/${action}`, (c) => {
      const s = c.get('session');
      const team = teamFor(db, s.account, c.req.param('id'));
      if (!team) return c.text('班组不存在或无权查看', 404);
      const now = clock();
      if (setArchived(db, team.id, archive ? now : null)) audit(db, now, s.account, archive ? 'archive_team' : 'restore_team', team.id);
      return c.redirect(archive ? '/secretary/' : `/secretary/team/${team.id}`, 303);
    });
  }
  return r;
}
