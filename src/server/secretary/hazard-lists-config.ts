/**
 * The branch's hazard lists on the config page (issue 15.4): 隐患类别, 隐患等级 and whether 销号
 * waits for a 复查. Stored as one branch-wide config value (`hazardLists`, domain/hazard-lists.ts)
 * that every phone of the branch pulls. Posted to the config page's own route (`what`).
 */
import { html } from 'hono/html';
import { CONFIG_LIMITS } from '../../domain/config-limits';
import { HAZARD_LISTS_KEY, type HazardLists } from '../../domain/hazard-lists';
import type { Sqlite } from '../db';
import { setConfig } from '../store';
import { namesText, parseNames } from './config';
import { branchHazardLists } from './hazard-ledger';
import { csrf, type Html } from './layout';
import type { Session } from './auth';

export const HAZARD_LIST_WHATS = ['hazardCategories', 'hazardSeverities', 'hazardReview'];

/** Category and severity ids the branch's hazard records use: removed ones are retired, not deleted. */
function usedIds(db: Sqlite, branchId: string, field: 'category' | 'severity'): Set<string> {
  const rows = db.prepare(`SELECT DISTINCT json_extract(r.body, '$.${field}') AS v FROM records r JOIN teams t ON t.id = r.team_id
    WHERE r.tbl = 'hazards' AND t.branch_id = ?`).all(branchId) as { v: unknown }[];
  return new Set(rows.map((r) => r.v).filter((v): v is string => typeof v === 'string'));
}

export function saveHazardLists(db: Sqlite, branchId: string, what: string, text: string, now: number): { ok: true; key: string } | { ok: false; errors: string[] } {
  const cur = branchHazardLists(db, branchId);
  let next: HazardLists;
  if (what === 'hazardReview') {
    if (text !== '是' && text !== '否') return { ok: false, errors: ['请选择“是”或“否”'] };
    next = { ...cur, reviewBeforeClose: text === '是' };
  } else {
    const field = what === 'hazardCategories' ? 'category' : 'severity';
    const list = field === 'category' ? 'categories' : 'severities';
    const r = parseNames(text, cur[list], field === 'category' ? '隐患类别' : '隐患等级', CONFIG_LIMITS.riskTypeName, usedIds(db, branchId, field));
    if (!r.ok) return r;
    next = { ...cur, [list]: r.items };
  }
  setConfig(db, branchId, HAZARD_LISTS_KEY, next, now);
  return { ok: true, key: HAZARD_LISTS_KEY };
}

type Block = (what: string, title: string, hint: string, current: string, retired: string[]) => Html;

export function hazardListBlocks(db: Sqlite, s: Session, teamId: string, branchId: string, block: Block, editable: boolean): Html {
  const lists = branchHazardLists(db, branchId);
  const retired = (xs: HazardLists['categories']) => xs.filter((x) => x.retired).map((x) => x.name);
  const review = lists.reviewBeforeClose ? '是' : '否';
  return html`${block('hazardCategories', '隐患类别（全支部）', '一行一个类别，按显示顺序', namesText(lists.categories), retired(lists.categories))}
${block('hazardSeverities', '隐患等级（全支部）', '一行一个等级，按显示顺序', namesText(lists.severities), retired(lists.severities))}
<h2>销号前复查（全支部）</h2>${editable ? html`<form method="post" action="/secretary/team/${teamId}/config" class="stack">${csrf(s)}<input type="hidden" name="what" value="hazardReview">
<label for="t-hazardReview">隐患销号前须先复查合格</label><select id="t-hazardReview" name="text">${['是', '否'].map((x) => html`<option value="${x}"${x === review ? ' selected' : ''}>${x}</option>`)}</select>
<div class="actions"><button>保存复查设置</button></div></form>` : html`<p>隐患销号前须先复查合格：${review}</p>`}`;
}
