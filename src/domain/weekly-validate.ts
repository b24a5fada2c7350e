/**
 * Validation of 周帮扶 entries (valibot), messages in zh-CN. Inputs are `unknown` because
 * they come from forms and from the wire. A help record may be saved as a draft while
 * the result is still open; 'complete' is what counts for the week (weekStatus).
 * Free text is capped at 200 characters: these notes are about people's health and
 * families, and the cap is a nudge to write the minimum.
 */
import * as v from 'valibot';
import { isDayKey } from './calendar';
import type { FieldError, Result } from './validation';

export const TEXT_MAX = 200;

export const WEEKLY_MESSAGES = {
  textTooLong: `内容请控制在${TEXT_MAX}字以内，敏感信息少写`,
  resultMissing: '请选择帮扶结果',
  riskTypeMissing: '请至少选择一种帮扶类型',
  workerMissing: '请选择职工',
  amountInvalid: '帮扶金金额必须是不小于0的数字',
  kindMissing: '请填写困难类型',
  helpMissing: '请选择帮扶方式',
  dayInvalid: '请选择日期',
  mentorMissing: '请选择帮扶党员',
  menteesMissing: '请至少选择一名帮扶对象',
  selfPaired: '党员不能与自己结对',
  untilBeforeSince: '结束日期不能早于开始日期',
} as const;

const M = WEEKLY_MESSAGES;

const Text = v.pipe(v.string(M.textTooLong), v.maxLength(TEXT_MAX, M.textTooLong));
const Id = (message: string) => v.pipe(v.string(message), v.trim(), v.nonEmpty(message));
const Day = v.pipe(v.string(M.dayInvalid), v.check(isDayKey, M.dayInvalid));
const Result = v.picklist(['watching', 'resolved', 'reported'], M.resultMissing);

const helpEntries = {
  workerId: Id(M.workerMissing),
  riskTypeIds: v.array(v.string()),
  situation: Text,
  measures: Text,
  nextStep: Text,
  result: v.nullable(Result),
  talkDays: v.array(Day),
};

/** Savable: text within limits, result may still be open. */
export const HelpRecordDraftSchema = v.looseObject(helpEntries);

/** The checked fields of a help record (other keys pass through untouched). */
export type HelpRecordFields = v.InferOutput<typeof HelpRecordDraftSchema>;

/** Counts for the week: a result and at least one risk type (the report counts by type). */
export const HelpRecordCompleteSchema = v.looseObject({
  ...helpEntries,
  riskTypeIds: v.pipe(v.array(v.string()), v.minLength(1, M.riskTypeMissing)),
  result: Result,
});

/** Non-negative finite number; text, NaN, Infinity and negatives all get the same message. */
const Amount = v.pipe(v.number(M.amountInvalid), v.finite(M.amountInvalid), v.minValue(0, M.amountInvalid));

export const HardshipSchema = v.pipe(
  v.looseObject({
    workerId: Id(M.workerMissing),
    kind: v.pipe(Text, v.trim(), v.nonEmpty(M.kindMissing)),
    help: v.picklist(['visit', 'fund', 'other'], M.helpMissing),
    amountYuan: v.nullable(Amount),
    day: Day,
    note: Text,
    followUp: Text,
  }),
  // A fund payment without an amount cannot be totalled in the month's report.
  v.forward(
    v.partialCheck([['help'], ['amountYuan']], (h) => h.help !== 'fund' || h.amountYuan !== null, M.amountInvalid),
    ['amountYuan'],
  ),
);

export const WeeklyScreeningSchema = v.looseObject({ noneAtRisk: v.boolean(), note: Text });

export const PairSchema = v.pipe(
  v.looseObject({
    mentorId: Id(M.mentorMissing),
    workerIds: v.pipe(v.array(v.string()), v.minLength(1, M.menteesMissing)),
    since: Day,
    until: v.nullable(Day),
  }),
  v.forward(
    v.partialCheck([['mentorId'], ['workerIds']], (p) => !p.workerIds.includes(p.mentorId), M.selfPaired),
    ['workerIds'],
  ),
  // DayKeys are zero-padded, so string order is calendar order.
  v.forward(
    v.partialCheck([['since'], ['until']], (p) => p.until === null || p.until >= p.since, M.untilBeforeSince),
    ['until'],
  ),
);

/** Same shape as validation.ts: value on success, zh-CN messages with dotted paths otherwise. */
function run<S extends v.GenericSchema>(schema: S, input: unknown): Result<v.InferOutput<S>> {
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true, value: r.output };
  return { ok: false, errors: r.issues.map((i): FieldError => ({ path: v.getDotPath(i) ?? '', message: i.message })) };
}

/** 'draft' is what may be saved; 'complete' (default) is what counts for the week. */
export function validateHelpRecord(input: unknown, level: 'draft' | 'complete' = 'complete'): Result<HelpRecordFields> {
  return run(level === 'draft' ? HelpRecordDraftSchema : HelpRecordCompleteSchema, input);
}

export function isHelpRecordComplete(input: unknown): boolean {
  return v.is(HelpRecordCompleteSchema, input);
}

export function validateHardship(input: unknown): Result<v.InferOutput<typeof HardshipSchema>> {
  return run(HardshipSchema, input);
}

export function validateWeeklyScreening(input: unknown): Result<v.InferOutput<typeof WeeklyScreeningSchema>> {
  return run(WeeklyScreeningSchema, input);
}

export function validatePair(input: unknown): Result<v.InferOutput<typeof PairSchema>> {
  return run(PairSchema, input);
}

/** First message per field, for forms that show one line under each input. */
export function firstErrorByField(result: Result<unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (result.ok) return out;
  for (const e of result.errors) if (!(e.path in out)) out[e.path] = e.message;
  return out;
}
