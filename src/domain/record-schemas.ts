/**
 * What a record body must hold, per synced table (docs/sync.md, "Record bodies"). The
 * envelope (SyncRecordSchema) leaves bodies free-form; these schemas check every field the
 * server's pages and the phones read, so a buggy or old phone cannot store a record that
 * breaks the secretary's pages. Loose objects: unknown extra keys pass and are kept, so a
 * newer app adding a field is not refused by an older server.
 * Limits are generous multiples of the form limits (validation.ts, weekly-validate.ts,
 * report-validate.ts, branch-config.ts): they bound garbage, never real data; the 256 KiB
 * record cap bounds the rest. A tombstone is the full record with deleted = true, so the
 * same schema applies. Pure: no DOM, no clock.
 */
import * as v from 'valibot';
import { isDayKey, isTimeOfDay } from './calendar';
import { CONFIG_LIMITS } from './config-limits';
import { WEAK_ACTIONS, WEAK_REASONS } from './checklist';
import type { HelpOutcome, MonthFigures, SourceTable } from './report-figures-types';
import type { MonthlyReport, ReportSubmission } from './report';
import type { RiskType } from './risk-types';
import { RotaSchema } from './rota-schema';
import type { SyncTableName } from './sync-protocol';
import type { DailyDuty, Hazard, RecordMeta, Team, WeakAction, WeakReason, Worker } from './types';
import type { HardshipEntry, HelpRecord, PairRecord, WeeklyScreening } from './weekly';

/** Same bound as the protocol's record ids. */
export const WIRE_ID_MAX = 64;
/** Names, posts, labels: forms allow 10–40 (branch config 30). */
export const WIRE_NAME_MAX = 100;
/** Free text: twice the longest form limit (report-validate TEXT_MAX = 2000; weekly notes 200). */
export const WIRE_TEXT_MAX = 4000;
/** People, entries, days, history events (a roster holds at most 200 people). */
export const WIRE_LIST_MAX = 1000;
/** Shifts of a team (validateShifts: at most 6). */
export const WIRE_SHIFTS_MAX = 24;
/** Priorities and ideas of a report (10 each in the form), submissions of one report. */
export const WIRE_REPORT_LIST_MAX = 100;
export const WIRE_SUBMISSIONS_MAX = 500;
/** Record ids behind one figure (hazards still open can come from many months). */
export const WIRE_FIGURE_IDS_MAX = 10_000;

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Ref = str(WIRE_ID_MAX);
const Name = str(WIRE_NAME_MAX);
const Text = str(WIRE_TEXT_MAX);
const list = <T extends v.GenericSchema>(item: T, max = WIRE_LIST_MAX) => v.pipe(v.array(item), v.maxLength(max));
const Epoch = v.pipe(v.number(), v.integer('an integer epoch ms'), v.minValue(0), v.maxValue(8.64e15));
const Count0 = v.pipe(v.number(), v.finite('a finite number'), v.minValue(0));
const Day = v.pipe(v.string(), v.check(isDayKey, 'a day "yyyy-MM-dd"'));
const Week = v.pipe(v.string(), v.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week "yyyy-Www"'));
const Month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month "yyyy-MM"'));
const Time = v.pipe(v.string(), v.check(isTimeOfDay, 'a time "HH:mm"'));

const meta = {
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(WIRE_ID_MAX)),
  createdAt: Epoch,
  updatedAt: Epoch,
  rev: v.pipe(v.number(), v.integer('an integer'), v.minValue(1)),
  deleted: v.boolean(),
};

const TeamSchema = v.looseObject({
  ...meta,
  district: Name, name: Name, instructorName: Name, timeZone: str(WIRE_ID_MAX),
  shifts: list(v.looseObject({ id: Ref, name: str(CONFIG_LIMITS.shiftName), start: Time, end: Time }), WIRE_SHIFTS_MAX),
  overnightRule: v.picklist(['next', 'same']),
  rota: v.optional(RotaSchema),
  leadMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(240))),
});

// Workers, risk types and team shifts are also config items (roster, riskTypes, shifts): same limits as config.
const WorkerSchema = v.looseObject({ ...meta, name: str(CONFIG_LIMITS.workerName), post: str(CONFIG_LIMITS.workerPost), partyMember: v.boolean() });

const RiskTypeSchema = v.looseObject({
  ...meta, name: str(CONFIG_LIMITS.riskTypeName), retired: v.boolean(), order: v.pipe(v.number(), v.finite('a finite number')),
});

/** 临时/借调人员 of one shift (the form allows 20). */
export const GUESTS_MAX = 50;
const reasons = Object.keys(WEAK_REASONS) as WeakReason[];
const actions = Object.keys(WEAK_ACTIONS) as WeakAction[];

const DutySchema = v.looseObject({
  ...meta,
  day: Day, shiftId: Ref, shiftName: Name, dayOff: v.boolean(),
  districtMeeting: v.looseObject({ attended: v.nullable(v.boolean()), note: Text }),
  rollCall: v.looseObject({
    expected: v.nullable(v.pipe(v.number(), v.integer('an integer'), v.minValue(0))),
    absentees: list(Ref), confirmed: v.boolean(),
    guests: v.optional(list(v.looseObject({ id: Ref, name: str(CONFIG_LIMITS.workerName), post: str(CONFIG_LIMITS.workerPost) }), GUESTS_MAX)),
  }),
  documents: v.looseObject({ items: list(Text), none: v.boolean() }),
  lessonTopic: Text,
  safetyConfirmed: v.boolean(),
  weak: v.looseObject({
    none: v.boolean(),
    entries: list(v.looseObject({
      workerId: Ref, reasons: list(v.picklist(reasons), reasons.length * 4), reasonOther: Text,
      actions: list(v.picklist(actions), actions.length * 4), actionOther: Text,
    })),
  }),
  talks: v.looseObject({ workerIds: list(Ref), none: v.boolean() }),
  organisationNote: Text, organisationDone: v.boolean(), hazardsNone: v.boolean(),
});

const HazardSchema = v.looseObject({
  ...meta,
  dutyId: v.nullable(Ref), foundDay: Day, shiftName: Name, description: Text, responsible: Name,
  deadline: v.nullable(Day), status: v.picklist(['open', 'closed']), closedDay: v.nullable(Day), closeNote: Text,
  history: list(v.looseObject({
    at: Epoch, action: v.picklist(['close', 'reopen', 'edit', 'delete', 'review']), note: Text, day: Day,
    changes: v.optional(list(v.looseObject({
      field: v.picklist(['description', 'responsible', 'deadline', 'category', 'severity']), from: Text, to: Text,
    }), 10)),
  })),
  // Absent on records from before the branch lists and the withdraw reason.
  category: v.optional(v.nullable(Ref)), severity: v.optional(v.nullable(Ref)), deleteReason: v.optional(Text),
});

const WeeklyScreeningSchema = v.looseObject({ ...meta, week: Week, noneAtRisk: v.boolean(), note: Text });

const HelpRecordSchema = v.looseObject({
  ...meta,
  week: Week, workerId: Ref, riskTypeIds: list(Ref), situation: Text, measures: Text,
  result: v.nullable(v.picklist(['watching', 'resolved', 'reported'])), nextStep: Text,
  talkDays: list(Day), carriedFromId: v.nullable(Ref),
});

const PairSchema = v.looseObject({ ...meta, mentorId: Ref, workerIds: list(Ref), since: Day, until: v.nullable(Day) });

const HardshipSchema = v.looseObject({
  ...meta,
  workerId: Ref, kind: Text, help: v.picklist(['visit', 'fund', 'other']), amountYuan: v.nullable(Count0),
  day: Day, note: Text, followUp: Text,
});

/* ---- 月汇报: the submission snapshot carries MonthFigures, read by the review pages and the phone ---- */

const SOURCE_TABLES = ['duties', 'hazards', 'weeklyScreenings', 'helpRecords', 'pairs', 'hardships'] as const satisfies readonly SourceTable[];
const count = { value: Count0, sources: list(v.looseObject({ table: v.picklist(SOURCE_TABLES), ids: list(Ref, WIRE_FIGURE_IDS_MAX) }), SOURCE_TABLES.length * 4) };
const Count = v.looseObject(count);
const People = v.looseObject({ ...count, workerIds: list(Ref, WIRE_FIGURE_IDS_MAX) });
const byKey = <K extends string, S extends v.GenericSchema>(keys: readonly K[], s: S) =>
  v.looseObject(Object.fromEntries(keys.map((k) => [k, s])) as Record<K, S>);
const DayItem = v.looseObject({ dutyId: Ref, day: Day, shiftName: Name, text: Text });
const FIG_LIST = WIRE_FIGURE_IDS_MAX;
const OUTCOMES = ['watching', 'resolved', 'reported', 'pending'] as const satisfies readonly HelpOutcome[];

const FiguresSchema = v.looseObject({
  /** Any version number: what is read below must be there whatever the version says. */
  schema: v.pipe(v.number(), v.integer('an integer'), v.minValue(1)),
  month: Month,
  daily: v.looseObject({
    total: Count, followed: Count, dayOff: Count,
    byShift: list(v.looseObject({ shiftId: Ref, shiftName: Name, followed: Count }), WIRE_LIST_MAX),
    districtMeetingsAttended: Count, preShiftMeetings: Count,
    documents: list(DayItem, FIG_LIST), lessons: list(DayItem, FIG_LIST),
    // Reports made before 停止下井/劝返 existed have no stopWork count: accepted, read as zero.
    weak: v.looseObject({
      entries: Count, people: People, byReason: byKey(reasons, Count),
      byAction: v.looseObject({ ...byKey(actions.filter((a) => a !== 'stopWork'), Count).entries, stopWork: v.optional(Count, { value: 0, sources: [] }) }),
    }),
    talks: v.looseObject({ count: Count, people: People }),
  }),
  weekly: v.looseObject({
    weekRule: Text,
    weeks: list(v.looseObject({ week: Week, status: v.picklist(['done', 'partial', 'missing']) }), 10),
    weeksDone: Count, weeksTotal: Count0, peopleHelped: People,
    byType: list(v.looseObject({ riskTypeId: Ref, name: Name, retired: v.boolean(), people: People })),
    byResult: byKey(OUTCOMES, People),
    stillWatching: v.looseObject({
      people: People,
      list: list(v.looseObject({
        workerId: Ref, name: Name, lastWeek: Week, riskTypeIds: list(Ref), notFollowedThisMonth: v.boolean(), helpRecordId: Ref,
      }), FIG_LIST),
    }),
    pairs: v.looseObject({ active: Count, people: People }),
    hardship: v.looseObject({ visits: Count, people: People, fundsYuan: Count0, funds: Count }),
  }),
  hazards: v.looseObject({
    found: Count, closed: Count, openAtEnd: Count, overdueAtEnd: Count,
    oldestOpen: list(v.looseObject({
      id: Ref, foundDay: Day, description: Text, responsible: Name, deadline: v.nullable(Day), ageDays: v.pipe(v.number(), v.finite('a finite number')),
    }), FIG_LIST),
  }),
});

const reportText = {
  lookBack: Text, progress: Text, nextPriorities: list(Text, WIRE_REPORT_LIST_MAX), methods: Text,
  ideas: list(v.looseObject({ id: Ref, title: Name, content: Text, expectedEffect: Text, adopted: v.boolean() }), WIRE_REPORT_LIST_MAX),
};

const ReportSchema = v.looseObject({
  ...meta,
  ...reportText,
  month: Month,
  status: v.picklist(['draft', 'submitted', 'reviewed']),
  submissions: list(v.looseObject({
    at: Epoch, revision: v.pipe(v.number(), v.integer('an integer'), v.minValue(1)), figures: FiguresSchema, text: v.looseObject(reportText),
  }), WIRE_SUBMISSIONS_MAX),
  review: v.nullable(v.looseObject({
    score: v.nullable(v.pipe(v.number(), v.finite('a finite number'))), feedback: Text,
    reviewedAt: v.nullable(Epoch), adoptedIdeaIds: list(Ref, WIRE_REPORT_LIST_MAX),
  })),
});

export const RECORD_SCHEMAS = {
  teams: TeamSchema, workers: WorkerSchema, riskTypes: RiskTypeSchema, duties: DutySchema, hazards: HazardSchema,
  weeklyScreenings: WeeklyScreeningSchema, helpRecords: HelpRecordSchema, pairs: PairSchema, hardships: HardshipSchema,
  reports: ReportSchema,
} as const satisfies Record<SyncTableName, v.GenericSchema>;

/*
 * Compile-time guard against drift: each schema names exactly the fields of its domain type
 * (phone-local fields aside), and what it accepts is assignable to that type. A new field in
 * types.ts, weekly.ts, report.ts … fails the typecheck until it is added here.
 */
type Wire<T> = Omit<T, 'dirty' | 'ackedAt' | 'scrubbedAt'>;
/** The one deliberate widening: any figures version is accepted (see FiguresSchema.schema). */
type AnyFigures = Omit<MonthFigures, 'schema'> & { schema: number };
type WireReport = Omit<MonthlyReport, 'submissions'> & { submissions: (Omit<ReportSubmission, 'figures'> & { figures: AnyFigures })[] };
type Domain = {
  teams: Team; workers: Worker; riskTypes: RiskType; duties: DailyDuty; hazards: Hazard;
  weeklyScreenings: WeeklyScreening; helpRecords: HelpRecord; pairs: PairRecord; hardships: HardshipEntry;
  reports: WireReport;
};
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Fits<K extends SyncTableName> = v.InferOutput<(typeof RECORD_SCHEMAS)[K]> extends Wire<Domain[K]>
  ? SameKeys<(typeof RECORD_SCHEMAS)[K]['entries'], Wire<Domain[K]>> : false;
const _fits: { [K in SyncTableName]: Fits<K> } = {
  teams: true, workers: true, riskTypes: true, duties: true, hazards: true,
  weeklyScreenings: true, helpRecords: true, pairs: true, hardships: true, reports: true,
};
type _FiguresFit = v.InferOutput<typeof FiguresSchema> extends AnyFigures ? SameKeys<typeof FiguresSchema.entries, MonthFigures> : never;
const _figuresFit: _FiguresFit = true;
type _MetaFits = SameKeys<typeof meta, Wire<RecordMeta>>;
const _metaFits: _MetaFits = true;
void [_fits, _figuresFit, _metaFits];

export type BodyCheck =
  | { ok: true }
  | { ok: false; path: string; expected: string; received: string; message: string };

const RECEIVED_MAX = 60;

/** The schema below `path` (through objects, arrays, nullables), for its `expects` text. */
function schemaAt(root: v.GenericSchema, keys: readonly unknown[]): v.GenericSchema | null {
  let s: unknown = root;
  for (const key of keys) {
    while (s && typeof s === 'object' && 'wrapped' in s) s = (s as { wrapped: unknown }).wrapped;
    if (s && typeof s === 'object' && 'entries' in s) s = (s as { entries: Record<string, unknown> }).entries[String(key)];
    else if (s && typeof s === 'object' && 'item' in s) s = (s as { item: unknown }).item;
    else return null;
  }
  return (s as v.GenericSchema | undefined) ?? null;
}

/** Validations whose `expected` reads well after this prefix; the others carry our own message (check, regex …). */
const LABEL: Record<string, string> = { max_length: 'length ', min_length: 'length ', min_value: '', max_value: '' };

/**
 * Checks a record body (as the server stores it: the envelope's id, rev, updatedAt and
 * deleted merged in, without `dirty`) against its table's schema. Returns the first problem
 * as a developer message: path, what was expected, what was received.
 */
export function validateRecordBody(table: SyncTableName, body: unknown): BodyCheck {
  const schema = RECORD_SCHEMAS[table] as v.GenericSchema | undefined;
  if (!schema) return { ok: false, path: '', expected: 'a synced table', received: String(table), message: `unknown table ${String(table)}` };
  const r = v.safeParse(schema, body, { abortEarly: true });
  if (r.success) return { ok: true };
  const issue = r.issues[0];
  const keys = (issue.path ?? []).map((p) => p.key);
  const path = keys.map(String).join('.');
  const expected = issue.kind === 'schema'
    ? schemaAt(schema, keys)?.expects ?? issue.expected ?? 'a value'
    : issue.type in LABEL && issue.expected !== null ? `${LABEL[issue.type]}${issue.expected}` : issue.message;
  const missing = issue.kind === 'schema' && issue.input === undefined && keys.length > 0;
  const received = missing ? 'nothing' : issue.received.length > RECEIVED_MAX ? `${issue.received.slice(0, RECEIVED_MAX)}…` : issue.received;
  const where = `${table}${path ? `.${path}` : ''}`;
  const message = missing ? `${where}: missing, expected ${expected}` : `${where}: expected ${expected}, received ${received}`;
  return { ok: false, path, expected, received, message };
}
