import { describe, expect, it } from 'vitest';
import { parseRosterLine, rosterLineText } from '../../src/domain/roster-line';
import { closureRate, overdueDays } from '../../src/domain/hazard-overdue';

const fields = (line: string) => {
  const p = parseRosterLine(line);
  return p && [p.name, p.post, p.partyMember];
};

describe('roster line', () => {
  it('reads a spaced Chinese name as one name, not as name + 工种 (issue 16.11)', () => {
    expect(fields('王 建国 安全员 党员')).toEqual(['王建国', '安全员', true]);
    expect(fields('王 建国')).toEqual(['王建国', '', false]);
    expect(parseRosterLine('王 建国 安全员')!.guessed).toBe(true);
  });
  it('splits on Tab, comma, 顿号 and two or more spaces', () => {
    expect(fields('王 建国\t安全员\t党员')).toEqual(['王建国', '安全员', true]);
    expect(fields('张三，采煤机司机，党员')).toEqual(['张三', '采煤机司机', true]);
    expect(fields('李四、支架工')).toEqual(['李四', '支架工', false]);
    expect(fields('赵 六    电工    否')).toEqual(['赵六', '电工', false]);
    expect(fields('钱七,,党员')).toEqual(['钱七', '', true]);
  });
  it('keeps the old single-space form "姓名 工种 党员"', () => {
    expect(fields('张建国 支架工 党员')).toEqual(['张建国', '支架工', true]);
    expect(fields('张建国 党员')).toEqual(['张建国', '', true]);
    expect(fields('李志强')).toEqual(['李志强', '', false]);
    expect(parseRosterLine('   ')).toBeNull();
  });
  it('writes lines it reads back the same', () => {
    for (const x of [{ name: '王建国', post: '安全员', partyMember: true }, { name: '李四', post: '', partyMember: true }, { name: 'Ali Wang', post: '电工', partyMember: false }]) {
      expect(fields(rosterLineText(x))).toEqual([x.name, x.post, x.partyMember]);
    }
  });
});

describe('overdue hazards', () => {
  it('counts days past the deadline of an open hazard only', () => {
    expect(overdueDays({ status: 'open', deadline: '2026-09-09' }, '2026-11-30')).toBe(82);
    expect(overdueDays({ status: 'open', deadline: '2026-11-30' }, '2026-11-30')).toBe(0);
    expect(overdueDays({ status: 'closed', deadline: '2026-09-09' }, '2026-11-30')).toBe(0);
    expect(overdueDays({ status: 'open', deadline: null }, '2026-11-30')).toBe(0);
    expect(overdueDays({ status: 'open', deadline: '2026-12-31' }, '2027-01-01')).toBe(1);
  });
  it('gives the closure rate in whole percent', () => {
    expect(closureRate([])).toBeNull();
    expect(closureRate([{ status: 'closed' }, { status: 'open' }, { status: 'open' }])).toBe(33);
  });
});
