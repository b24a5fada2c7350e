/**
 * What a 月汇报 needs before it is sent, and what a review may hold. zh-CN messages,
 * each with the dotted path of the field so the screen can put it beside that field.
 * Length limits keep a report small enough to send in a few seconds of pithead coverage.
 */
import * as v from 'valibot';
import type { ReportReview, ReportText } from './report';

export const TEXT_MAX = 2000;
export const PRIORITIES_MAX = 10;
export const PRIORITY_MAX = 100;
export const IDEAS_MAX = 10;
export const IDEA_TITLE_MAX = 40;

export interface ReportIssue {
  path: string; // 'lookBack', 'nextPriorities', 'ideas.0.title' …
  message: string;
}
export type Validation = { ok: true } | { ok: false; issues: ReportIssue[] };

const required = (label: string, max = TEXT_MAX) =>
  v.pipe(v.string(`请填写${label}`), v.trim(), v.nonEmpty(`请填写${label}`), v.maxLength(max, `${label}请控制在${max}字以内`));
const optional = (label: string, max = TEXT_MAX) =>
  v.pipe(v.string(), v.maxLength(max, `${label}请控制在${max}字以内`));

const IdeaSchema = v.object({
  title: required('标题', IDEA_TITLE_MAX),
  content: required('内容'),
  expectedEffect: optional('预期效果'),
});

const SubmitSchema = v.object({
  lookBack: required('回头看'),
  progress: required('班组管理进展'),
  // Empty rows left in the list are ignored; at least one real priority is needed.
  nextPriorities: v.pipe(
    v.array(v.string()),
    v.transform((ps) => ps.map((p) => p.trim()).filter((p) => p !== '')),
    v.minLength(1, '请至少填写一条次月工作重点'),
    v.maxLength(PRIORITIES_MAX, `次月工作重点最多${PRIORITIES_MAX}条`),
    v.check((ps) => ps.every((p) => p.length <= PRIORITY_MAX), `每条工作重点请控制在${PRIORITY_MAX}字以内`),
  ),
  methods: optional('思想教育方式方法'),
  ideas: v.pipe(v.array(IdeaSchema), v.maxLength(IDEAS_MAX, `金点子每月最多${IDEAS_MAX}条`)),
});

const ReviewSchema = v.object({
  score: v.nullable(v.pipe(
    v.number('评分须为数字'),
    v.finite('评分须为数字'),
    v.minValue(0, '评分应在0到100之间'),
    v.maxValue(100, '评分应在0到100之间'),
  )),
  feedback: optional('反馈意见'),
});

function toIssues(issues: readonly v.BaseIssue<unknown>[]): ReportIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    const idea = /^ideas\.(\d+)\./.exec(path);
    // "标题" alone is ambiguous with several ideas: say which one.
    const message = idea ? `第${Number(idea[1]) + 1}条金点子：${issue.message}` : issue.message;
    return { path, message };
  });
}

function run(schema: v.GenericSchema, input: unknown): Validation {
  const r = v.safeParse(schema, input);
  return r.success ? { ok: true } : { ok: false, issues: toIssues(r.issues) };
}

/** Checks the text of a report before submitting (回头看, 进展, at least one 次月工作重点, 金点子). */
export function validateForSubmit(report: ReportText): Validation {
  return run(SubmitSchema, report);
}

export function validateReview(review: Pick<ReportReview, 'score' | 'feedback'>): Validation {
  return run(ReviewSchema, review);
}
