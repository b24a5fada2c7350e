/**
 * 人员合并与停用 under a team: the secretary cleans up the team's people, e.g. the duplicates a
 * second phone made when it typed the roster again. Both write the branch's config only (the
 * secretary never writes `records`):
 *   merge  → `team:<id>:merges` gains {from, to, at}; the duplicate is retired in the roster.
 *            The pages read every record through the merges at once (data.ts); the team's
 *            phones pull the key, rewrite their records (src/db/branch-config.ts) and send them.
 *   retire → the worker is retired in the roster (kept for old records' names).
 * Each is recorded in the audit log.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { teamConfigKey, type RosterItem, type WorkerMerge } from '../../domain/branch-config';
import type { Sqlite } from '../db';
import { setConfig, type TeamRow } from '../store';
import { audit, teamFor } from './access';
import type { AuthDeps, SecEnv, Session } from './auth';
import { getConfig, usedIds } from './config';
import { teamMerges } from './data';
import { canEdit, csrf, errorBox, notice, page } from './layout';
import { current } from './routes-manage';

const str = (x: unknown) => (typeof x === 'string' ? x : '');

function peoplePage(db: Sqlite, s: Session, team: TeamRow, errors: string[], saved: string | undefined): ReturnType<typeof html> {
  const roster = current(db, team).roster;
  const live = roster.filter((w) => !w.retired);
  const used = usedIds(db, team).roster;
  const merges = teamMerges(db, team.id).merges;
  const nameOf = (id: string) => roster.find((w) => w.id === id)?.name ?? '（已移除人员）';
  const options = (sel: string) => live.map((w) => html`<option value="${w.id}" ${sel === w.id ? 'selected' : ''}>${w.name}${w.post ? ` · ${w.post}` : ''}</option>`);
  return html`<h1>${team.name} · 人员合并与停用</h1>
${notice(saved === 'merge' ? '已合并，手机下次同步时生效。' : saved === 'retire' ? '已停用，手机下次同步时生效。' : undefined)}${errorBox(errors)}
<p class="muted">同一个人在台账里出现两次（例如第二部手机又录入了一遍花名册），用“合并”：被合并人员的所有记录（点名、薄弱人员、谈心、帮扶、结对、困难帮扶）都归到保留的人员名下。调离的人员用“停用”：旧记录仍显示其姓名。</p>
<h2>合并重复人员</h2>
${canEdit(s) ? html`<form method="post" action="/secretary/team/${team.id}/people/merge" class="stack">${csrf(s)}
<label for="from">被合并（将停用）</label><select id="from" name="from" required><option value="">请选择</option>${options('')}</select>
<label for="to">合并到（保留）</label><select id="to" name="to" required><option value="">请选择</option>${options('')}</select>
<div class="actions"><button>合并</button></div></form>` : html`<p class="muted">只读账号：可查看，不能合并或停用人员。</p>`}
<h2>人员</h2>
<div class="scroll"><table><thead><tr><th>姓名</th><th>工种</th><th>党员</th><th>有记录</th><th></th></tr></thead><tbody>
${live.map((w) => html`<tr><td>${w.name}</td><td>${w.post}</td><td>${w.partyMember ? '是' : ''}</td><td>${used.has(w.id) ? '是' : '否'}</td>
<td>${canEdit(s) ? html`<form method="post" action="/secretary/team/${team.id}/people/retire" class="inline">${csrf(s)}<input type="hidden" name="worker" value="${w.id}"><button class="secondary" aria-label="停用 ${w.name}">停用</button></form>` : ''}</td></tr>`)}
</tbody></table></div>
${merges.length ? html`<h2>已合并</h2><ul>${merges.map((m) => html`<li>${nameOf(m.from)} → ${nameOf(m.to)}</li>`)}</ul>` : ''}
<p><a href="/secretary/team/${team.id}">返回班组</a> · <a href="/secretary/team/${team.id}/config">班组配置</a></p>`;
}

/** The roster as the config holds it, or (before the branch ever saved one) as the phones made it. */
function rosterOf(db: Sqlite, team: TeamRow): RosterItem[] {
  const key = teamConfigKey(team.id, 'roster');
  const saved = getConfig<RosterItem>(db, team.branch_id, key);
  return saved.length ? saved : current(db, team).roster;
}

function retireIn(roster: RosterItem[], id: string): RosterItem[] {
  return roster.map((w) => (w.id === id ? { ...w, retired: true } : w));
}

export function peopleRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const r = new Hono<SecEnv>();
  const find = (c: Context<SecEnv>) => teamFor(db, c.get('session').account, c.req.param('id') ?? '');

  r.get('/team/:id/people', (c) => {
    const team = find(c);
    if (!team) return c.html(page('未找到', c.get('session'), html`<h1>班组不存在或无权查看</h1>`), 404);
    return c.html(page('人员合并与停用', c.get('session'), peoplePage(db, c.get('session'), team, [], c.req.query('saved'))));
  });

  r.post('/team/:id/people/merge', async (c) => {
    const s = c.get('session');
    const team = find(c);
    if (!team) return c.text('班组不存在或无权查看', 404);
    const form = await c.req.parseBody();
    const [from, to] = [str(form.from), str(form.to)];
    const roster = rosterOf(db, team);
    const live = (id: string) => roster.find((w) => w.id === id && !w.retired);
    const errors = !live(from) || !live(to) ? ['请选择本班组在册的两名人员'] : from === to ? ['请选择两名不同的人员'] : [];
    if (errors.length) return c.html(page('人员合并与停用', s, peoplePage(db, s, team, errors, undefined)), 400);
    const now = clock();
    const merges: WorkerMerge[] = [...teamMerges(db, team.id).merges, { from, to, at: now }];
    db.transaction(() => {
      setConfig(db, team.branch_id, teamConfigKey(team.id, 'merges'), merges, now);
      setConfig(db, team.branch_id, teamConfigKey(team.id, 'roster'), retireIn(roster, from), now);
      audit(db, now, s.account, 'merge_workers', team.id, `${live(from)!.name}（${from}）→ ${live(to)!.name}（${to}）`);
    })();
    return c.redirect(`/secretary/team/${team.id}/people?saved=merge`, 303);
  });

  r.post('/team/:id/people/retire', async (c) => {
    const s = c.get('session');
    const team = find(c);
    if (!team) return c.text('班组不存在或无权查看', 404);
    const id = str((await c.req.parseBody()).worker);
    const roster = rosterOf(db, team);
    const worker = roster.find((w) => w.id === id && !w.retired);
    if (!worker) return c.html(page('人员合并与停用', s, peoplePage(db, s, team, ['该人员不在本班组名册中，请刷新页面'], undefined)), 400);
    const now = clock();
    db.transaction(() => {
      setConfig(db, team.branch_id, teamConfigKey(team.id, 'roster'), retireIn(roster, id), now);
      audit(db, now, s.account, 'retire_worker', team.id, `${worker.name}（${id}）`);
    })();
    return c.redirect(`/secretary/team/${team.id}/people?saved=retire`, 303);
  });
  return r;
}
