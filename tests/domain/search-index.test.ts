/** The phone's search (issue 15.15): one index over people, hazards, help records and shift notes. */
import { describe, expect, it } from 'vitest';
import { newDuty } from '../../src/domain/checklist';
import { withdrawHazard } from '../../src/domain/hazard';
import { buildSearchIndex, searchEntries, type SearchFilter } from '../../src/domain/search-index';
import { matchesQuery } from '../../src/domain/search';
import type { Worker } from '../../src/domain/types';
import { newHelpRecord } from '../../src/domain/weekly';
import { closed, hazard } from './report-fixtures';

const worker = (id: string, name: string, post: string): Worker => ({ id, name, post, partyMember: false, createdAt: 1, updatedAt: 1, rev: 1, deleted: false, dirty: 0 } as Worker);
const all: SearchFilter = { kind: 'all', workerId: null, overdueOnly: false };
let n = 0;
const newId = () => `id${++n}`;

function index() {
  const duty = newDuty({ id: 'd1', createdAt: 1 }, '2026-11-20', { id: 's1', name: '八点班' }, null);
  const help = { ...newHelpRecord('2026-W47', 'w2', 1, newId), situation: '家中老人住院，情绪低落', riskTypeIds: [] };
  return buildSearchIndex({
    today: '2026-12-02',
    workers: [worker('w1', '张三', '采煤机司机'), worker('w2', '李四', '支架工'), { ...worker('w3', '王五', '电工'), deleted: true }],
    hazards: [
      hazard('h1', '2026-11-10', { description: '3号支架立柱漏液', responsible: '李四', deadline: '2026-11-15' }),
      closed(hazard('h2', '2026-11-12', { description: '皮带机托辊异响', responsible: '张三' }), '2026-11-13'),
      withdrawHazard(hazard('h3', '2026-11-12', { description: '测试支架' }), 1, '2026-11-12', '测试'),
    ],
    helpRecords: [help],
    duties: [{ ...duty, lessonTopic: '顶板管理', weak: { none: false, entries: [{ workerId: 'w1', reasons: ['fatigue'], reasonOther: '', actions: ['talk'], actionOther: '' }] } }],
    riskTypes: [],
  });
}

describe('search', () => {
  it('finds every kind of record by its words, live records only', () => {
    const ix = index();
    expect(searchEntries(ix, '支架', all).items.map((e) => `${e.kind}:${e.id}`)).toEqual(['person:w2', 'hazard:h1']);
    expect(searchEntries(ix, '住院', all).items.map((e) => e.kind)).toEqual(['help']);
    expect(searchEntries(ix, '顶板', all).items.map((e) => e.kind)).toEqual(['shift']);
    expect(searchEntries(ix, '疲劳 张三', all).items.map((e) => e.id)).toEqual(['d1']);
    expect(searchEntries(ix, '王五', all).total).toBe(0);
  });
  it('filters by person, type and overdue', () => {
    const ix = index();
    expect(searchEntries(ix, '', { ...all, workerId: 'w1' }).items.map((e) => e.id)).toEqual(['w1', 'd1', 'h2']);
    expect(searchEntries(ix, '', { ...all, workerId: 'w2', kind: 'help' }).items.map((e) => e.kind)).toEqual(['help']);
    expect(searchEntries(ix, '', { ...all, overdueOnly: true }).items.map((e) => e.id)).toEqual(['h1']);
  });
  it('caps the list but counts every match', () => {
    const r = searchEntries(index(), '', all, 2);
    expect([r.items.length, r.total]).toEqual([2, 6]);
  });
  it('matches every word, case-insensitively; an empty query matches all', () => {
    expect(matchesQuery(['Pump 泵站', null], 'pump 泵')).toBe(true);
    expect(matchesQuery(['泵站'], '泵 站台')).toBe(false);
    expect(matchesQuery([], '  ')).toBe(true);
  });
});
