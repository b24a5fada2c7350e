/**
 * 班组配置 pushed to phones through the existing config mechanism (store.setConfig: the
 * branch's `config` rows, pulled by every phone of the branch). Per-team keys are
 * `team:<teamId>:roster|shifts`; risk types and checklist items are branch-wide.
 * Removing a line retires the item (same id, retired: true) when a record uses it, so old
 * records keep their labels; an item never used is deleted (phones retire their copy).
 * Names are held to CONFIG_LIMITS (src/domain/config-limits.ts), the limits every phone
 * applies to what it pulls: nothing saved here can be refused by a phone.
 */
import { teamConfigKey, type NamedItem, type RosterItem, type ShiftItem } from '../../domain/branch-config';
import { isTimeOfDay } from '../../domain/calendar';
import { parseRosterLine, rosterLineText } from '../../domain/roster-line';
import { validateShifts } from '../../domain/validation';
import { CONFIG_LIMITS, tooLong } from '../../domain/config-limits';
import { RISK_TYPE_NAME_MAX } from '../../domain/risk-types';
import type { Sqlite } from '../db';
import type { TeamRow } from '../store';
import { workerRefs } from '../../domain/worker-merge';
import { newId } from '../crypto';


export type { NamedItem, RosterItem, ShiftItem };
export const teamKey = teamConfigKey;

export function getConfig<T>(db: Sqlite, branchId: string, key: string): T[] {
  const row = db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(branchId, key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T[]) : [];
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

/**
 * Keeps ids of items whose name is unchanged, revives re-listed ones; an item no longer listed
 * is retired if a record uses it (its name cut to `max`, so a name a phone once stored over
 * the limit cannot come back) and deleted otherwise.
 */
function merge<T extends { id: string; name: string; retired: boolean }>(old: T[], fresh: Omit<T, 'id' | 'retired'>[], used: ReadonlySet<string>, max: number,
  sameAs?: (o: T, f: Omit<T, 'id' | 'retired'>) => boolean): T[] {
  const out: T[] = [];
  const taken = new Set<string>();
  // A line whose name matches nobody may still be an item renamed (sameAs): matched second,
  // after every exact name, so a rename never takes the id of an item listed by its name.
  const byName = new Set(fresh.map((f) => f.name));
  for (const f of fresh) {
    const prev = old.find((o) => o.name === f.name && !taken.has(o.id))
      ?? (sameAs ? old.find((o) => !o.retired && !byName.has(o.name) && !taken.has(o.id) && sameAs(o, f)) : undefined);
    const id = prev?.id ?? newId();
    taken.add(id);
    out.push({ ...prev, ...f, id, retired: false } as T);
  }
  for (const o of old) if (!taken.has(o.id) && used.has(o.id)) out.push({ ...o, name: [...o.name].slice(0, max).join(''), retired: true });
  return out;
}

export type Parsed<T> = { ok: true; items: T[] } | { ok: false; errors: string[] };

/** 花名册: one person a line, in the format of ROSTER_LINE_FORMAT (src/domain/roster-line.ts). */
export function parseRoster(text: string, old: RosterItem[], used: ReadonlySet<string> = new Set()): Parsed<RosterItem> {
  const errors: string[] = [];
  const fresh: Omit<RosterItem, 'id' | 'retired'>[] = [];
  lines(text).forEach((l, i) => {
    const p = parseRosterLine(l);
    if (!p) return;
    const { name, post, partyMember } = p;
    if (name === '') errors.push(`第${i + 1}行：缺少姓名`);
    else if ([...name].length > CONFIG_LIMITS.workerName) errors.push(`第${i + 1}行：${tooLong('姓名', CONFIG_LIMITS.workerName)}`);
    else if ([...post].length > CONFIG_LIMITS.workerPost) errors.push(`第${i + 1}行：${tooLong('工种', CONFIG_LIMITS.workerPost)}`);
    else if (fresh.some((f) => f.name === name)) errors.push(`第${i + 1}行：姓名「${name}」重复`);
    else fresh.push({ name, post, partyMember });
  });
  if (fresh.length > CONFIG_LIMITS.rosterSize) errors.push(`花名册不超过${CONFIG_LIMITS.rosterSize}人`);
  return errors.length ? { ok: false, errors } : { ok: true, items: merge(old, fresh, used, CONFIG_LIMITS.workerName) };
}

const SHIFT_LINE = new RegExp(`^(\\S{1,${CONFIG_LIMITS.shiftName}})\\s+(\\d{2}:\\d{2})\\s*[-–~至]\\s*(\\d{2}:\\d{2})$`, 'u');

/** 班次: one shift a line, "名称 HH:mm-HH:mm". */
export function parseShifts(text: string, old: ShiftItem[], used: ReadonlySet<string> = new Set()): Parsed<ShiftItem> {
  const errors: string[] = [];
  const fresh: Omit<ShiftItem, 'id' | 'retired'>[] = [];
  lines(text).forEach((l, i) => {
    const m = SHIFT_LINE.exec(l);
    if (!m || !isTimeOfDay(m[2]!) || !isTimeOfDay(m[3]!)) errors.push(`第${i + 1}行：格式应为「名称 08:00-16:00」`);
    else if (m[2] === m[3]) errors.push(`第${i + 1}行：开始和结束时间不能相同`);
    else if (fresh.some((f) => f.name === m[1])) errors.push(`第${i + 1}行：班次「${m[1]}」重复`);
    else fresh.push({ name: m[1]!, start: m[2]!, end: m[3]! });
  });
  if (fresh.length === 0) errors.push('至少填写一个班次');
  if (fresh.length > CONFIG_LIMITS.shifts) errors.push(`班次不超过${CONFIG_LIMITS.shifts}个`);
  // The phone's team form applies the same rule (validateShifts): overlapping shifts refused.
  if (errors.length === 0) {
    const check = validateShifts(fresh.map((f, i) => ({ ...f, id: `line${i}` })));
    if (!check.ok) errors.push(...check.errors.map((e) => e.message));
  }
  // A shift renamed with its times unchanged (四点班 → 中班) keeps its id: it is the same shift.
  return errors.length ? { ok: false, errors }
    : { ok: true, items: merge(old, fresh, used, CONFIG_LIMITS.shiftName, (o, f) => o.start === f.start && o.end === f.end) };
}

/** 帮扶类型 / 日跟班检查项: one name a line, order as listed. */
export function parseNames(text: string, old: NamedItem[], what: string, max: number = RISK_TYPE_NAME_MAX, used: ReadonlySet<string> = new Set()): Parsed<NamedItem> {
  const errors: string[] = [];
  const fresh: Omit<NamedItem, 'id' | 'retired'>[] = [];
  lines(text).forEach((name, i) => {
    if ([...name].length > max) errors.push(`第${i + 1}行：${tooLong(`${what}名称`, max)}`);
    else if (fresh.some((f) => f.name === name)) errors.push(`第${i + 1}行：「${name}」重复`);
    else fresh.push({ name, order: fresh.length });
  });
  if (fresh.length === 0) errors.push(`至少保留一个${what}`);
  if (fresh.length > CONFIG_LIMITS.namedItems) errors.push(`${what}不超过${CONFIG_LIMITS.namedItems}个`);
  return errors.length ? { ok: false, errors } : { ok: true, items: merge(old, fresh, used, max) };
}

export const rosterText = (xs: RosterItem[]) => xs.filter((x) => !x.retired).map(rosterLineText).join('\n');
export const shiftsText = (xs: ShiftItem[]) => xs.filter((x) => !x.retired).map((x) => `${x.name} ${x.start}-${x.end}`).join('\n');
export const namesText = (xs: NamedItem[]) => xs.filter((x) => !x.retired).sort((a, b) => a.order - b.order).map((x) => x.name).join('\n');

/**
 * Which config items records use: such an item is retired when removed, any other deleted.
 * Workers and shifts by the team's records; risk types by the help records of every team of
 * the branch (the list is branch-wide); checklist items are named by no record.
 */
export function usedIds(db: Sqlite, team: TeamRow): { roster: Set<string>; shifts: Set<string>; riskTypes: Set<string>; checklist: Set<string> } {
  const roster = new Set<string>();
  const shifts = new Set<string>();
  const rows = db.prepare(`SELECT tbl, body FROM records WHERE team_id = ? AND tbl IN ('duties', 'helpRecords', 'pairs', 'hardships')`)
    .all(team.id) as { tbl: string; body: string }[];
  for (const r of rows) {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    for (const id of workerRefs(r.tbl, body)) roster.add(id);
    if (r.tbl === 'duties' && typeof body.shiftId === 'string') shifts.add(body.shiftId);
  }
  const risk = db.prepare(`SELECT DISTINCT j.value AS id FROM records r JOIN teams t ON t.id = r.team_id, json_each(r.body, '$.riskTypeIds') j
    WHERE t.branch_id = ? AND r.tbl = 'helpRecords' AND json_valid(r.body)`).all(team.branch_id) as { id: string }[];
  return { roster, shifts, riskTypes: new Set(risk.map((x) => x.id)), checklist: new Set() };
}
