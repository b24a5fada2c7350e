import { describe, expect, it } from 'vitest';
import { newReport, validateForSubmit, type GoldenIdea, type ReportText } from '../../src/domain/report';
import { IDEA_TITLE_MAX, PRIORITIES_MAX, TEXT_MAX } from '../../src/domain/report-validate';

const idea = (patch: Partial<GoldenIdea> = {}): GoldenIdea =>
  ({ id: 'i', title: '井口设手机信号补点', content: '在井口候罐室加装信号放大器', expectedEffect: '', adopted: false, ...patch });

const ok: ReportText = {
  lookBack: '本月跟班全部完成',
  progress: '班组无三违',
  nextPriorities: ['冬季防冻教育'],
  methods: '',
  ideas: [],
};

const issues = (t: ReportText) => {
  const v = validateForSubmit(t);
  return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('月汇报 validation before submit', () => {
  it('a complete report passes; ideas and methods are optional', () => {
    expect(validateForSubmit(ok)).toEqual({ ok: true });
    expect(validateForSubmit({ ...ok, ideas: [idea()] })).toEqual({ ok: true });
  });

  it('a new report lists every missing part in zh-CN', () => {
    expect(issues(newReport('2026-11', 0, () => 'r'))).toEqual([
      'lookBack: 请填写回头看',
      'progress: 请填写班组管理进展',
      'nextPriorities: 请至少填写一条次月工作重点',
    ]);
  });

  it('blank text and blank priority rows do not count', () => {
    expect(issues({ ...ok, lookBack: '   ', nextPriorities: ['', ' '] })).toEqual([
      'lookBack: 请填写回头看',
      'nextPriorities: 请至少填写一条次月工作重点',
    ]);
    expect(issues({ ...ok, nextPriorities: ['', '雨季防治水'] })).toEqual([]);
  });

  it('each 金点子 needs a title and content, and says which one', () => {
    expect(issues({ ...ok, ideas: [idea(), idea({ title: ' ', content: '' })] })).toEqual([
      'ideas.1.title: 第2条金点子：请填写标题',
      'ideas.1.content: 第2条金点子：请填写内容',
    ]);
  });

  it('limits lengths so a report stays small to send', () => {
    expect(issues({ ...ok, lookBack: '字'.repeat(TEXT_MAX + 1) })).toEqual([`lookBack: 回头看请控制在${TEXT_MAX}字以内`]);
    expect(issues({ ...ok, ideas: [idea({ title: '题'.repeat(IDEA_TITLE_MAX + 1) })] }))
      .toEqual([`ideas.0.title: 第1条金点子：标题请控制在${IDEA_TITLE_MAX}字以内`]);
    expect(issues({ ...ok, nextPriorities: Array.from({ length: PRIORITIES_MAX + 1 }, (_, i) => `重点${i}`) }))
      .toEqual([`nextPriorities: 次月工作重点最多${PRIORITIES_MAX}条`]);
  });
});
