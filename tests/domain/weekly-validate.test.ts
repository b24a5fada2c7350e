import { describe, expect, it } from 'vitest';
import { newHelpRecord, type HardshipEntry } from '../../src/domain/weekly';
import * as val from '../../src/domain/weekly-validate';

const { isHelpRecordComplete, WEEKLY_MESSAGES, firstErrorByField: first } = val;
const validateHelpRecord = (x: unknown, level?: 'draft' | 'complete') => first(val.validateHelpRecord(x, level));
const validateHardship = (x: unknown) => first(val.validateHardship(x));
const validatePair = (x: unknown) => first(val.validatePair(x));
const validateWeeklyScreening = (x: unknown) => first(val.validateWeeklyScreening(x));

const help = (over: object = {}) => ({
  ...newHelpRecord('2026-W48', 'w1', 1, () => 'h1'),
  riskTypeIds: ['t1'], situation: '情绪低落', measures: '班后谈心', result: 'watching', ...over,
});

const hardship = (over: Partial<Record<keyof HardshipEntry, unknown>> = {}) => ({
  id: 'x', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, dirty: 1,
  workerId: 'w1', kind: '家属重病', help: 'fund', amountYuan: 500, day: '2026-11-24', note: '', followUp: '', ...over,
});

describe('validateHelpRecord', () => {
  it('accepts a complete record', () => {
    expect(validateHelpRecord(help())).toEqual({});
    expect(isHelpRecordComplete(help())).toBe(true);
  });

  it('requires a result to be complete, in zh-CN', () => {
    expect(validateHelpRecord(help({ result: null }))).toEqual({ result: '请选择帮扶结果' });
    expect(isHelpRecordComplete(help({ result: null }))).toBe(false);
  });

  it('lets a draft be saved without a result but not with an unknown one', () => {
    expect(validateHelpRecord(help({ result: null }), 'draft')).toEqual({});
    expect(validateHelpRecord(help({ result: 'done' }), 'draft')).toEqual({ result: '请选择帮扶结果' });
  });

  it('requires at least one risk type to be complete', () => {
    expect(validateHelpRecord(help({ riskTypeIds: [] }))).toEqual({ riskTypeIds: '请至少选择一种帮扶类型' });
  });

  it('caps free text at 200 characters, draft or not', () => {
    const msg = '内容请控制在200字以内，敏感信息少写';
    expect(validateHelpRecord(help({ situation: '字'.repeat(200) }))).toEqual({});
    expect(validateHelpRecord(help({ situation: '字'.repeat(201) }))).toEqual({ situation: msg });
    expect(validateHelpRecord(help({ nextStep: '字'.repeat(201), result: null }), 'draft')).toEqual({ nextStep: msg });
  });

  it('reports several fields at once', () => {
    const e = validateHelpRecord(help({ workerId: '', result: null, measures: 'x'.repeat(300) }));
    expect(Object.keys(e).sort()).toEqual(['measures', 'result', 'workerId']);
    expect(e.workerId).toBe(WEEKLY_MESSAGES.workerMissing);
  });

  it('rejects talk days that are not calendar days', () => {
    expect(validateHelpRecord(help({ talkDays: ['2026-02-30'] }))).toEqual({ 'talkDays.0': '请选择日期' });
  });
});

describe('validateHardship', () => {
  const msg = '帮扶金金额必须是不小于0的数字';

  it('accepts a fund payment with an amount, including 0', () => {
    expect(validateHardship(hardship())).toEqual({});
    expect(validateHardship(hardship({ amountYuan: 0 }))).toEqual({});
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY], ['500'], ['五百'], [null], [undefined]])(
    'rejects amount %s for a fund payment',
    (amountYuan) => {
      expect(validateHardship(hardship({ amountYuan }))).toEqual({ amountYuan: msg });
    },
  );

  it('lets a visit go without an amount but not with a negative one', () => {
    expect(validateHardship(hardship({ help: 'visit', amountYuan: null }))).toEqual({});
    expect(validateHardship(hardship({ help: 'visit', amountYuan: -5 }))).toEqual({ amountYuan: msg });
  });

  it('still checks the amount when other fields are wrong too', () => {
    expect(validateHardship(hardship({ kind: '  ', amountYuan: -1 }))).toEqual({ kind: '请填写困难类型', amountYuan: msg });
  });

  it('checks the help kind and the day', () => {
    expect(validateHardship(hardship({ help: 'cash', day: '11/24' }))).toEqual({ help: '请选择帮扶方式', day: '请选择日期' });
  });
});

describe('result shape', () => {
  it('returns the value when valid and every message with its path otherwise', () => {
    const ok = val.validateHelpRecord(help());
    expect(ok.ok && ok.value.workerId).toBe('w1');
    const bad = val.validateHelpRecord(help({ result: null, situation: 'x'.repeat(201) }));
    expect(bad).toEqual({
      ok: false,
      errors: [
        { path: 'situation', message: '内容请控制在200字以内，敏感信息少写' },
        { path: 'result', message: '请选择帮扶结果' },
      ],
    });
  });
});

describe('validatePair and validateWeeklyScreening', () => {
  const pair = { mentorId: 'm1', workerIds: ['w1', 'w2'], since: '2026-11-01', until: null };

  it('accepts a 1+X pair and rejects an empty or self pairing', () => {
    expect(validatePair(pair)).toEqual({});
    expect(validatePair({ ...pair, workerIds: [] })).toEqual({ workerIds: '请至少选择一名帮扶对象' });
    expect(validatePair({ ...pair, workerIds: ['m1'] })).toEqual({ workerIds: '党员不能与自己结对' });
    expect(validatePair({ ...pair, until: '2026-10-31' })).toEqual({ until: '结束日期不能早于开始日期' });
  });

  it('caps the screening note', () => {
    expect(validateWeeklyScreening({ noneAtRisk: true, note: '' })).toEqual({});
    expect(validateWeeklyScreening({ noneAtRisk: true, note: 'x'.repeat(201) })).toEqual({ note: WEEKLY_MESSAGES.textTooLong });
  });
});
