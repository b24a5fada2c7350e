/** 设备登记 and 停用, 考核细则, 班组配置, 审计日志 (admin). */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { DEFAULT_RISK_TYPE_NAMES } from '../../domain/risk-types';
import { SECTION_LABELS } from '../../domain/checklist';
import type { Sqlite } from '../db';
import { revokeDevice, setConfig, type DeviceRow, type TeamRow } from '../store';
import { loadTeam } from './data';
import { audit, currentBranch, teamFor } from './access';
import type { AuthDeps, SecEnv } from './auth';
import {
  getConfig, namesText, parseRoster, parseShifts, rosterText, shiftsText, teamKey, usedIds,
  type NamedItem, type RosterItem, type ShiftItem,
} from './config';
import { canEdit, csrf, errorBox, notice, page, when } from './layout';
import { takeDraft } from './drafts';
import type { Session } from './auth';
import { rubricPage, parseRubricForm } from './rubric-page';
import { muchShorter, previewSection, rosterDiff } from './roster-preview';
import { ROSTER_LINE_FORMAT } from '../../domain/roster-line';
import { getRubric, setRubric } from './rubric';
import { parseRotaForm, rotaBlock } from './config-rota';
import { branchRota, rotaKey } from './due-states';
import { effectiveRota } from '../../domain/rota';
import { parseRota } from '../../domain/rota-schema';
import { today } from './params';
import { HAZARD_LIST_WHATS, hazardListBlocks, saveHazardLists } from './hazard-lists-config';

/**
 * What the forms start from: the branch's config once it exists, before that the phone's
 * own records (same ids), so a first save does not orphan the phone's workers or shifts.
 */
export function current(db: Sqlite, team: TeamRow) {
  const b = team.branch_id;
  const has = (key: string) => db.prepare('SELECT 1 FROM config WHERE branch_id = ? AND key = ?').get(b, key) !== undefined;
  const d = loadTeam(db, team.id, { from: '9999-12-31', to: '9999-12-31' });
  const live = <T extends { deleted: boolean }>(xs: T[]) => xs.filter((x) => !x.deleted);
  return {
    roster: has(teamKey(team.id, 'roster')) ? getConfig<RosterItem>(db, b, teamKey(team.id, 'roster'))
      : live(d.workers).map((w): RosterItem => ({ id: w.id, name: w.name, post: w.post, partyMember: w.partyMember, retired: false })),
    shifts: has(teamKey(team.id, 'shifts')) ? getConfig<ShiftItem>(db, b, teamKey(team.id, 'shifts'))
      : (d.team?.shifts ?? []).map((x): ShiftItem => ({ ...x, retired: false })),
    riskTypes: has('riskTypes') ? getConfig<NamedItem>(db, b, 'riskTypes')
      : live(d.riskTypes).map((t): NamedItem => ({ id: t.id, name: t.name, retired: t.retired, order: t.order })),
    checklist: getConfig<NamedItem>(db, b, 'checklist'),
  };
}

export function manageRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  const str = (x: unknown) => (typeof x === 'string' ? x : '');

  // 停用 is two steps without JavaScript: the devices list posts here, which asks (saying what
  // happens to the phone's unsent records); only the confirmation's `confirm=yes` revokes.
  r.post('/device/:id/revoke', async (c) => {
    const s = c.get('session');
    const device = db.prepare('SELECT * FROM devices WHERE id = ?').get(c.req.param('id')) as DeviceRow | undefined;
    const team = device ? teamFor(db, s.account, device.team_id) : null;
    if (!device || !team) return c.text('设备不存在或无权操作', 404);
    if (str((await c.req.parseBody()).confirm) !== 'yes') return c.html(page('停用设备', s, revokeConfirm(s, team, device)));
    revokeDevice(db, device.id, clock());
    audit(db, clock(), s.account, 'revoke_device', team.id, device.id);
    return c.redirect(`/secretary/team/${team.id}#devices`, 303);
  });

  r.get('/rubric', (c) => {
    const s = c.get('session');
    const branch = currentBranch(db, s.account, c.req.query('branch'));
    const draft = takeDraft(c, deps, s.account.id);
    const items = draft ? parseRubricForm(draft).items : getRubric(db, branch.id);
    return c.html(page('考核细则', s, rubricPage(s, branch, items, [], c.req.query('saved') === '1', draft !== null)));
  });
  r.post('/rubric', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody({ all: true });
    const branch = currentBranch(db, s.account, str(form.branch));
    const parsed = parseRubricForm(form);
    if (!parsed.ok) return c.html(page('考核细则', s, rubricPage(s, branch, parsed.items, parsed.errors, false)), 400);
    setRubric(db, branch.id, parsed.items, clock());
    audit(db, clock(), s.account, 'edit_rubric', null, branch.id);
    return c.redirect(`/secretary/rubric?saved=1${s.account.role === 'admin' ? `&branch=${branch.id}` : ''}`, 303);
  });

  r.get('/team/:id/config', (c) => {
    const draft = takeDraft(c, deps, c.get('session').account.id);
    const text = typeof draft?.text === 'string' ? draft.text : null;
    return configPage(c, draft && text !== null ? { what: str(draft.what), text, errors: [], restored: true } : null);
  });
  r.post('/team/:id/config', async (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return c.text('班组不存在或无权查看', 404);
    const form = await c.req.parseBody();
    const what = str(form.what);
    const text = str(form.text).slice(0, 20_000);
    const b = team.branch_id;
    if (HAZARD_LIST_WHATS.includes(what)) {
      const saved = saveHazardLists(db, b, what, text, clock());
      if (!saved.ok) return configPage(c, { what, text, errors: saved.errors }, 400);
      audit(db, clock(), s.account, 'edit_config', team.id, saved.key);
      return c.redirect(`/secretary/team/${team.id}/config?saved=${what}`, 303);
    }
    const now = current(db, team);
    if (what === 'rota') {
      const rt = rotaTeam(db, team);
      const r = parseRotaForm(form, rt, today(clock()));
      if (!r.ok) return configPage(c, { what, text: '', errors: r.errors }, 400);
      setConfig(db, b, rotaKey(team.id), { ...r.rota, by: 'branch', at: clock() }, clock());
      audit(db, clock(), s.account, 'edit_config', team.id, rotaKey(team.id));
      return c.redirect(`/secretary/team/${team.id}/config?saved=rota#rota`, 303);
    }
    const used = usedIds(db, team);
    if (what === 'roster' && str(form.edit) === 'yes') return configPage(c, { what, text, errors: [] });
    // Branch-wide lists are the branch's: edited on its page and audited without a team.
    if (what === 'riskTypes' || what === 'checklist') return configPage(c, { what, text, errors: ['帮扶类型和检查项是全支部的，请在「支部设置」页修改'] }, 400);
    const result =
      what === 'roster' ? parseRoster(text, now.roster, used.roster)
      : what === 'shifts' ? parseShifts(text, now.shifts, used.shifts)
      : { ok: false as const, errors: ['未知的配置项'] };
    if (!result.ok) return configPage(c, { what, text, errors: result.errors }, 400);
    if (what === 'roster') {
      // Nothing is saved before the secretary has seen the preview (and ticked a large retirement).
      const diff = rosterDiff(now.roster, result.items as RosterItem[], text);
      const sure = str(form.confirm) === 'yes' && (!muchShorter(diff) || str(form.retire) === 'yes');
      if (!sure) {
        const errors = str(form.confirm) === 'yes' ? ['这次修改会停用较多人员：请勾选确认后再保存'] : [];
        return c.html(page('花名册预览', s, previewSection(s, team, text, diff, errors, '')), errors.length ? 400 : 200);
      }
    }
    const key = teamKey(team.id, what as 'roster' | 'shifts');
    setConfig(db, b, key, result.items, clock());
    audit(db, clock(), s.account, 'edit_config', team.id, key);
    return c.redirect(`/secretary/team/${team.id}/config?saved=${what}`, 303);
  });

  function configPage(c: Context<SecEnv>, bad: { what: string; text: string; errors: string[]; restored?: boolean } | null, status: 200 | 400 = 200) {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id') ?? '');
    if (!team) return c.text('班组不存在或无权查看', 404);
    const cur = current(db, team);
    // The roster names the team's workers: reading it is logged like viewing the team.
    if (c.req.method === 'GET') audit(db, clock(), s.account, 'view_roster', team.id);
    const value = (what: string, text: string) => (bad?.what === what ? bad.text : text);
    const risk = cur.riskTypes;
    const checklist = cur.checklist;
    const block = (what: string, title: string, hint: string, current: string, retired: string[]) => !canEdit(s) ? html`
<h2>${title}</h2><pre class="plain">${current}</pre>` : html`
<h2>${title}</h2>${bad?.restored && bad.what === what ? notice('已恢复登录过期前填写的内容，尚未保存：请核对后再保存。') : ''}${bad?.what === what ? errorBox(bad.errors) : ''}
<form method="post" action="/secretary/team/${team.id}/config" class="stack">${csrf(s)}<input type="hidden" name="what" value="${what}">
<label for="t-${what}">${hint}</label><textarea id="t-${what}" name="text" rows="8">${value(what, current)}</textarea>
${retired.length ? html`<p class="muted">已停用（旧记录仍可读）：${retired.join('、')}</p>` : ''}
<div class="actions"><button>保存${title}</button></div></form>`;
    const saved = c.req.query('saved');
    return c.html(page('班组配置', s, html`<h1>${team.name} · 配置</h1>
${notice(saved ? '已保存，手机下次同步时生效。' : undefined)}${bad && !CONFIG_KEYS.includes(bad.what) ? errorBox(bad.errors) : ''}
<p class="muted">修改后，本班组的手机在下次同步时收到。删除一行：已有记录用到的项目改为停用，旧记录仍显示原名称；从未用过的项目直接删除。</p>
<p><a href="/secretary/team/${team.id}/people">人员合并与停用</a></p>
${block('roster', '花名册', ROSTER_LINE_FORMAT, rosterText(cur.roster), cur.roster.filter((x) => x.retired).map((x) => x.name))}
${canEdit(s) ? importForm(s, team) : ''}
${block('shifts', '班次', '一行一个：名称 开始-结束，如「零点班 00:00-08:00」；只改名称、时间不变的班次仍是同一班次（旧记录不变）；时间不能重叠', shiftsText(cur.shifts), cur.shifts.filter((x) => x.retired).map((x) => x.name))}
<h2>全支部设置</h2><p>帮扶类型（不稳定不安全因素）和日跟班检查项是全支部共用的：<a href="/secretary/settings${s.account.role === 'admin' ? `?branch=${team.branch_id}` : ''}">到「支部设置」页修改</a>。</p>
<details><summary>当前帮扶类型</summary><pre class="plain">${risk.length ? namesText(risk) : DEFAULT_RISK_TYPE_NAMES.join('\n')}</pre></details>
<details><summary>当前日跟班检查项</summary><pre class="plain">${checklist.length ? namesText(checklist) : Object.values(SECTION_LABELS).join('\n')}</pre></details>
${rotaBlock(s, team.id, rotaTeam(db, team), effectiveRota(parseRota(loadTeam(db, team.id, { from: '9999-12-31', to: '9999-12-31' }).team?.rota), branchRota(db, team.id)), today(clock()), bad?.what === 'rota' ? bad.errors : [])}
${hazardListBlocks(db, s, team.id, team.branch_id, block, canEdit(s))}
<p><a href="/secretary/team/${team.id}">返回班组</a></p>`), status);
  }

  return r;
}

function revokeConfirm(s: Session, team: TeamRow, d: DeviceRow) {
  return html`<h1>停用设备：${d.name || '未命名设备'}</h1>
<p>${team.name} · 登记于 ${when(d.created_at)} · 最近同步 ${d.last_seen_at ? when(d.last_seen_at) : '从未同步'}</p>
<div class="card"><p><b>停用后，这部手机不能再向服务器发送或接收任何记录。</b></p>
<p>手机上尚未发送的记录将无法再送达服务器，但仍保存在那部手机上，不会被删除。如果手机还在，请先让小政委在有信号处同步一次（“待发送”为 0），再停用。</p>
<p>已经发送到服务器的记录不受影响。停用不能撤销；以后再用这部手机，需要重新登记。</p></div>
<form method="post" action="/secretary/device/${d.id}/revoke" class="actions">${csrf(s)}<input type="hidden" name="confirm" value="yes">
<button>确认停用</button> <a class="button secondary" href="/secretary/team/${team.id}#devices">取消</a></form>`;
}

/** The forms of the config page; an error about another `what` (a forged form) is shown on top. */
const CONFIG_KEYS = ['roster', 'shifts', 'rota', ...HAZARD_LIST_WHATS];

/** Excel 花名册: read on the server (roster-import.ts) into the same preview as typed text. */
function importForm(s: Session, team: TeamRow) {
  return html`<form method="post" action="/secretary/team/${team.id}/config/import" enctype="multipart/form-data" class="stack">${csrf(s)}
<label for="roster-file">或从 Excel 导入花名册（.xlsx，第一行为表头：姓名、工种、党员）</label>
<input id="roster-file" type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
<div class="actions"><button class="secondary">读取并预览</button></div></form>`;
}

/** The shifts a rota can name: the branch's list once it exists, else the phone's. */
function rotaTeam(db: Sqlite, team: TeamRow) {
  const d = loadTeam(db, team.id, { from: '9999-12-31', to: '9999-12-31' });
  const shifts = current(db, team).shifts.filter((x) => !x.retired).map(({ id, name, start, end }) => ({ id, name, start, end }));
  return { shifts, overnightRule: d.team?.overnightRule ?? ('next' as const) };
}
