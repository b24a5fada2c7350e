/** Rules of the correctable 隐患/问题 ledger (issue 15.2, 15.4, 15.11): deadline, age, overdue, edit, withdraw, 复查. */
import { describe, expect, it } from 'vitest';
import { editHazard, isOverdue, isReviewed, openAgeDays, overdueDays, reviewHazard, withdrawHazard } from '../../src/domain/hazard';
import { DEFAULT_HAZARD_LISTS, labelOf, offered, parseHazardLists } from '../../src/domain/hazard-lists';
import { computeMonthFigures, type Count } from '../../src/domain/report-figures';
import { validateHazardInput } from '../../src/domain/validation';
import { closed, emptyInput, hazard } from './report-fixtures';

const ids = (c: Count) => c.sources.flatMap((s) => s.ids);
const base = { description: '3号支架漏液', responsible: '张三' };

describe('deadline not before the day the hazard was found', () => {
  it('refuses a deadline before the discovery day with a zh-CN message naming that day', () => {
    const r = validateHazardInput({ ...base, deadline: '2026-11-30' }, '2026-12-02');
    expect(r).toEqual({ ok: false, errors: [{ path: 'deadline', message: '整改期限不能早于发现日期（2026-12-02）' }] });
  });
  it('accepts the same day, a later day and no deadline', () => {
    expect(validateHazardInput({ ...base, deadline: '2026-12-02' }, '2026-12-02').ok).toBe(true);
    expect(validateHazardInput({ ...base, deadline: '2027-01-05' }, '2026-12-02').ok).toBe(true);
    expect(validateHazardInput({ ...base, deadline: '' }, '2026-12-02').ok).toBe(true);
  });
  it('keeps the branch category and severity ids', () => {
    const r = validateHazardInput({ ...base, deadline: null, category: 'hc-2', severity: 'hs-3' }, '2026-12-02');
    expect(r.ok && [r.value.category, r.value.severity]).toEqual(['hc-2', 'hs-3']);
  });
});

describe('age and overdue, counted to today', () => {
  it('an item found yesterday is 1 day old today, not counted to the month end (issue 15.2)', () => {
    expect(openAgeDays('2026-12-01', '2026-12-31', '2026-12-02')).toBe(1);
    // A past month: counted to its last day, as the secretary's dashboard does.
    expect(openAgeDays('2026-11-20', '2026-11-30', '2026-12-02')).toBe(10);
    expect(openAgeDays('2026-12-02', '2026-12-31', '2026-12-02')).toBe(0);
  });
  it('overdue days: the days past the deadline of an open item; none once closed', () => {
    const h = hazard('a', '2026-11-20', { deadline: '2026-11-25' });
    expect(isOverdue(h, '2026-11-25')).toBe(false);
    expect(overdueDays(h, '2026-11-25')).toBe(0);
    expect(overdueDays(h, '2026-12-02')).toBe(7);
    expect(overdueDays(closed(h, '2026-11-30'), '2026-12-02')).toBe(0);
    expect(overdueDays(hazard('b', '2026-11-20'), '2026-12-02')).toBe(0);
  });
});

describe('correcting an item', () => {
  const h = hazard('e', '2026-12-01', { description: '皮带机托辊异向', deadline: null });
  it('replaces the values and keeps every old one in the history', () => {
    const e = editHazard(h, 5_000, '2026-12-02', { description: '皮带机托辊异响', responsible: '李工', deadline: '2026-12-05', category: 'hc-2' });
    expect([e.description, e.deadline, e.category]).toEqual(['皮带机托辊异响', '2026-12-05', 'hc-2']);
    expect(e.history).toEqual([{
      at: 5_000, action: 'edit', note: '', day: '2026-12-02',
      changes: [
        { field: 'description', from: '皮带机托辊异向', to: '皮带机托辊异响' },
        { field: 'deadline', from: '', to: '2026-12-05' },
        { field: 'category', from: '', to: 'hc-2' },
      ],
    }]);
  });
  it('an edit that changes nothing makes no new revision', () => {
    expect(editHazard(h, 5_000, '2026-12-02', { description: h.description, responsible: h.responsible, deadline: null })).toBe(h);
  });
  it('edits and 复查 after a close do not reopen it in the month figures', () => {
    const c = editHazard(closed(h, '2026-12-03'), Date.parse('2026-12-04T12:00:00+08:00'), '2026-12-04', { description: '改', responsible: '', deadline: null });
    expect(ids(computeMonthFigures('2026-12', { ...emptyInput(), hazards: [c] }).hazards.closed)).toEqual(['e']);
  });
});

describe('withdrawing a mistaken entry', () => {
  it('is a tombstone with its reason, left out of 发现, 销号 and open counts', () => {
    const test = withdrawHazard(hazard('t', '2026-12-01'), 6_000, '2026-12-01', ' 测试数据 ');
    expect([test.deleted, test.deleteReason, test.history.at(-1)?.action]).toEqual([true, '测试数据', 'delete']);
    const closedTest = withdrawHazard(closed(hazard('u', '2026-12-01'), '2026-12-01'), 6_000, '2026-12-01', '重复登记');
    const f = computeMonthFigures('2026-12', { ...emptyInput(), hazards: [test, closedTest, hazard('k', '2026-12-01')] }).hazards;
    expect(ids(f.found)).toEqual(['k']);
    expect(ids(f.closed)).toEqual([]);
    expect(ids(f.openAtEnd)).toEqual(['k']);
  });
  it('needs a reason', () => {
    expect(() => withdrawHazard(hazard('t', '2026-12-01'), 6_000, '2026-12-01', '  ')).toThrow(/reason/);
  });
});

describe('复查 before 销号', () => {
  it('counts from the last reopen: a reopened item needs a new 复查', () => {
    const h = hazard('r', '2026-12-01');
    expect(isReviewed(h)).toBe(false);
    const r = reviewHazard(h, 1, '2026-12-02', '王班长复查合格');
    expect(isReviewed(r)).toBe(true);
    expect(isReviewed(closed(r, '2026-12-03', '2026-12-04'))).toBe(false);
  });
});

describe('the branch hazard lists', () => {
  it('defaults until the branch sends its own; retired items are labels, not choices', () => {
    expect(parseHazardLists(undefined)).toEqual({ lists: DEFAULT_HAZARD_LISTS, bad: [] });
    const { lists, bad } = parseHazardLists({
      categories: [{ id: 'c1', name: '顶板', retired: false, order: 1 }, { id: 'c0', name: '旧类别', retired: true, order: 0 }, { id: 'x', name: '', retired: false, order: 2 }],
      reviewBeforeClose: true,
    });
    expect(lists.reviewBeforeClose).toBe(true);
    expect(lists.severities).toBe(DEFAULT_HAZARD_LISTS.severities);
    expect(offered(lists.categories, null).map((c) => c.id)).toEqual(['c1']);
    expect(offered(lists.categories, 'c0').map((c) => c.id)).toEqual(['c0', 'c1']);
    expect(labelOf(lists.categories, 'c0')).toBe('旧类别');
    expect(bad).toEqual(['隐患类别「」：名称为空']);
    expect(parseHazardLists('x').bad).toEqual(['格式不正确，未使用']);
  });
});
