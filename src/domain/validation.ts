/**
 * Input rules of the setup and entry forms as valibot schemas. Every helper returns either the
 * trimmed value or zh-CN messages with dotted paths ('shifts.1.end') so a form can show each
 * message under its field. Cross-field rules (same start and end, overlaps, duplicates) only run
 * once the fields themselves are valid, so the user fixes one layer at a time.
 */
import * as v from 'valibot';
import { isDayKey, isTimeOfDay, isValidTimeZone, minutesOf } from './calendar';
import { CONFIG_LIMITS } from './config-limits';
import type { HazardInput } from './hazard';
import type { DayKey, OvernightRule, ShiftDef } from './types';

export interface FieldError { path: string; message: string }
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface TeamSetupInput {
  instructorName: string; district: string; name: string;
  timeZone: string; overnightRule: OvernightRule; shifts: ShiftDef[];
}
export interface WorkerInput { name: string; post: string }
export interface ExistingWorker { id?: string; name: string; deleted?: boolean }

function run<S extends v.GenericSchema>(schema: S, input: unknown): Result<v.InferOutput<S>> {
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true, value: r.output };
  return { ok: false, errors: r.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })) };
}

const requiredText = (what: string, max: number) =>
  v.pipe(v.string(`请填写${what}`), v.trim(), v.nonEmpty(`请填写${what}`), v.maxLength(max, `${what}最多${max}个字`));
const optionalText = (what: string, max: number) =>
  v.optional(v.pipe(v.string(`${what}应为文字`), v.trim(), v.maxLength(max, `${what}最多${max}个字`)), '');
const time = (what: string) =>
  v.pipe(v.string(`请填写${what}`), v.check(isTimeOfDay, `${what}应为“时:分”格式，例如 08:00`));

const ShiftSchema = v.pipe(
  v.object({
    id: v.pipe(v.string('班次缺少编号'), v.nonEmpty('班次缺少编号')),
    name: requiredText('班次名称', CONFIG_LIMITS.shiftName),
    start: time('开始时间'),
    end: time('结束时间'),
  }),
  v.forward(
    v.check((s) => s.start !== s.end, (i) => `班次「${i.input.name}」的结束时间不能等于开始时间`),
    ['end'],
  ),
);

/** A shift's minutes on the 24 h circle; the pattern repeats daily, so the overnight rule is moot. */
function segments(s: ShiftDef): [number, number][] {
  const a = minutesOf(s.start);
  const b = s.end === '00:00' ? 1440 : minutesOf(s.end);
  return b > a ? [[a, b]] : [[a, 1440], [0, b]];
}
const overlaps = (x: ShiftDef, y: ShiftDef) =>
  segments(x).some(([a, b]) => segments(y).some(([c, d]) => a < d && c < b));

function itemPath(list: unknown[], index: number, key?: string): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const item = list[index];
  const head = { type: 'unknown', origin: 'value', input: list, key: index, value: item } as const;
  if (key === undefined) return [head];
  const value = (item as Record<string, unknown>)[key];
  return [head, { type: 'unknown', origin: 'value', input: item, key, value }];
}

const ShiftsSchema = v.pipe(
  v.array(ShiftSchema, '班次设置无效'),
  v.minLength(1, '请至少设置1个班次'),
  v.maxLength(CONFIG_LIMITS.shifts, `最多设置${CONFIG_LIMITS.shifts}个班次`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const list = dataset.value;
    list.forEach((s, j) => {
      const first = list.findIndex((o) => o.name === s.name);
      if (first < j) {
        addIssue({ message: `班次名称「${s.name}」重复`, path: itemPath(list, j, 'name') });
        return;
      }
      // Shifts with end = start already carry their own message; comparing them adds noise.
      const other = list.slice(0, j).find((o) => o.start !== o.end && s.start !== s.end && overlaps(o, s));
      if (other) addIssue({ message: `班次「${other.name}」与「${s.name}」的时间重叠`, path: itemPath(list, j) });
    });
  }),
);

const TeamSetupSchema = v.object({
  instructorName: requiredText('小政委姓名', 30),
  district: requiredText('区队名称', 30),
  name: requiredText('班组名称', 30),
  timeZone: v.pipe(v.string('请选择时区'), v.trim(), v.check(isValidTimeZone, '时区无效，例如应为 Asia/Shanghai')),
  overnightRule: v.picklist(['next', 'same'], '请选择跨零点的班次算作哪一天'),
  shifts: ShiftsSchema,
});

const WorkerSchema = v.object({ name: requiredText('姓名', CONFIG_LIMITS.workerName), post: optionalText('工种', CONFIG_LIMITS.workerPost) });

const HazardSchema = v.object({
  description: requiredText('隐患描述', 200),
  responsible: optionalText('责任人', 20),
  // A cleared date input gives '': that means "no deadline", not an invalid date.
  deadline: v.pipe(
    v.nullish(v.string('整改期限应为日期'), null),
    v.transform((s) => s?.trim() || null),
    v.nullable(v.pipe(v.string(), v.check(isDayKey, '整改期限不是有效日期'))),
  ),
  // Ids from the branch's lists; the form offers only listed ones.
  category: v.optional(v.nullable(v.pipe(v.string('类别应为文字'), v.maxLength(64, '类别编号过长')))),
  severity: v.optional(v.nullable(v.pipe(v.string('等级应为文字'), v.maxLength(64, '等级编号过长')))),
});

export function validateShifts(shifts: ShiftDef[]): Result<ShiftDef[]> {
  return run(ShiftsSchema, shifts);
}

export function validateTeamSetup(input: TeamSetupInput): Result<TeamSetupInput> {
  return run(TeamSetupSchema, input);
}

/** Names are compared trimmed; tombstoned workers and the worker being edited do not count. */
export function validateWorker(input: WorkerInput, existing: ExistingWorker[], selfId?: string): Result<WorkerInput> {
  const taken = new Set(
    existing.filter((w) => !w.deleted && (selfId === undefined || w.id !== selfId)).map((w) => w.name.trim()),
  );
  const schema = v.pipe(
    WorkerSchema,
    v.forward(v.check((w) => !taken.has(w.name), (i) => `班组里已有「${i.input.name}」`), ['name']),
  );
  return run(schema, input);
}

export interface RosterPaste { workers: WorkerInput[]; errors: { line: number; message: string }[] }

// Name, then an optional post after whitespace (incl. tab, U+3000), a comma or 顿号.
const LINE_RE = /^([^\s,，、]+)[\s,，、]*(.*)$/;
// A leading serial number as copied from a spreadsheet: '1\t张三', '2、李四', '3. 王五'.
const SERIAL_RE = /^\d+(?:[.．、)）]|\s)[\s,，、]*/;

/**
 * One worker a line, as pasted from a list or a spreadsheet column. Bad lines are reported, not
 * dropped silently; `line` is 1-based and messages carry no '第N行' prefix (the screen adds it).
 */
export function parseRosterPaste(text: string, existing: ExistingWorker[]): RosterPaste {
  const workers: WorkerInput[] = [];
  const errors: RosterPaste['errors'] = [];
  const seen = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const m = LINE_RE.exec(raw.trim().replace(SERIAL_RE, ''));
    if (!m || (m[1] === '姓名' && workers.length === 0 && errors.length === 0)) return; // blank or header row
    const r = validateWorker({ name: m[1] ?? '', post: m[2] ?? '' }, existing);
    if (!r.ok) {
      for (const e of r.errors) errors.push({ line, message: e.message });
      return;
    }
    const first = seen.get(r.value.name);
    if (first !== undefined) {
      errors.push({ line, message: `「${r.value.name}」与第${first}行重复` });
      return;
    }
    seen.set(r.value.name, line);
    workers.push(r.value);
  });
  return { workers, errors };
}

/**
 * With `foundDay`, a deadline before the day the hazard was found is refused: it would be
 * overdue the moment it is registered (issue 15.11). The same day is allowed (整改 on the shift).
 */
export function validateHazardInput(input: {
  description: string; responsible: string; deadline?: DayKey | null; category?: string | null; severity?: string | null;
}, foundDay?: DayKey): Result<HazardInput> {
  const r = run(HazardSchema, input);
  if (r.ok && foundDay && r.value.deadline !== null && r.value.deadline < foundDay) {
    return { ok: false, errors: [{ path: 'deadline', message: `整改期限不能早于发现日期（${foundDay}）` }] };
  }
  return r;
}
