import { describe, expect, it } from 'vitest';
import type { ShiftDef } from '../../src/domain/types';
import {
  parseRosterPaste, validateHazardInput, validateShifts, validateTeamSetup, validateWorker,
  type Result,
} from '../../src/domain/validation';

const shift = (name: string, start: string, end: string, id = name): ShiftDef => ({ id, name, start, end });
const threeShifts = [shift('零点班', '00:00', '08:00'), shift('八点班', '08:00', '16:00'), shift('四点班', '16:00', '00:00')];
const errorsOf = <T>(r: Result<T>) => (r.ok ? [] : r.errors);
const setup = { instructorName: '王建国', district: '综采一队', name: '采煤一班', timeZone: 'Asia/Shanghai', overnightRule: 'next' as const, shifts: threeShifts };

describe('validateShifts', () => {
  it('accepts three 8-hour and four 6-hour shifts, trimming names', () => {
    const r = validateShifts([shift(' 零点班 ', '00:00', '08:00', '零点班'), ...threeShifts.slice(1)]);
    expect(r).toEqual({ ok: true, value: threeShifts });
    const four = [shift('夜班', '23:00', '05:00'), shift('早班', '05:00', '11:00'), shift('中班', '11:00', '17:00'), shift('晚班', '17:00', '23:00')];
    expect(validateShifts(four).ok).toBe(true);
  });
  it('needs 1 to 6 shifts', () => {
    expect(errorsOf(validateShifts([]))).toEqual([{ path: '', message: '请至少设置1个班次' }]);
    const seven = Array.from({ length: 7 }, (_, i) => shift(`班${i}`, `0${i}:00`, `0${i + 1}:00`));
    expect(errorsOf(validateShifts(seven))).toEqual([{ path: '', message: '最多设置6个班次' }]);
    expect(validateShifts(seven.slice(0, 6)).ok).toBe(true);
  });
  it('rejects a shift that ends when it starts', () => {
    expect(errorsOf(validateShifts([shift('夜班', '22:00', '22:00')]))).toEqual([
      { path: '0.end', message: '班次「夜班」的结束时间不能等于开始时间' },
    ]);
  });
  it('rejects empty, duplicate and malformed fields', () => {
    expect(errorsOf(validateShifts([threeShifts[0]!, shift('  ', '08:00', '16:00')]))).toEqual([
      { path: '1.name', message: '请填写班次名称' },
    ]);
    expect(errorsOf(validateShifts([shift('夜班', '00:00', '08:00', 'a'), shift(' 夜班', '08:00', '16:00', 'b')]))).toEqual([
      { path: '1.name', message: '班次名称「夜班」重复' },
    ]);
    expect(errorsOf(validateShifts([shift('早班', '8:00', '16:00')]))).toEqual([
      { path: '0.start', message: '开始时间应为“时:分”格式，例如 08:00' },
    ]);
  });
  it('rejects overlapping windows, also across midnight', () => {
    expect(errorsOf(validateShifts([shift('早班', '08:00', '16:00'), shift('中班', '15:00', '23:00')]))).toEqual([
      { path: '1', message: '班次「早班」与「中班」的时间重叠' },
    ]);
    const overlapping = [
      [shift('夜班', '22:00', '06:00'), shift('早班', '05:00', '13:00')],
      [shift('四点班', '16:00', '00:00'), shift('夜班', '23:00', '07:00')],
      [shift('夜班', '23:00', '07:00'), shift('零点班', '00:00', '08:00')],
    ];
    for (const pair of overlapping) expect(validateShifts(pair).ok).toBe(false);
    const touching = [
      [shift('夜班', '23:00', '05:00'), shift('早班', '05:00', '11:00')],
      [shift('四点班', '16:00', '00:00'), shift('零点班', '00:00', '08:00')],
    ];
    for (const pair of touching) expect(validateShifts(pair).ok).toBe(true);
  });
});

describe('validateTeamSetup', () => {
  it('accepts a complete setup, trimmed', () => {
    expect(validateTeamSetup({ ...setup, name: ' 采煤一班 ' })).toEqual({ ok: true, value: setup });
  });
  it('rejects blank, over-long and invalid fields with their paths', () => {
    const r = validateTeamSetup({ ...setup, instructorName: '  ', name: '班'.repeat(31), timeZone: 'Mars/Base' });
    expect(errorsOf(r)).toEqual([
      { path: 'instructorName', message: '请填写小政委姓名' },
      { path: 'name', message: '班组名称最多30个字' },
      { path: 'timeZone', message: '时区无效，例如应为 Asia/Shanghai' },
    ]);
    expect(validateTeamSetup({ ...setup, name: '班'.repeat(30) }).ok).toBe(true);
  });
  it('reports shift errors under shifts.*', () => {
    const r = validateTeamSetup({ ...setup, shifts: [shift('夜班', '22:00', '22:00')] });
    expect(errorsOf(r)).toEqual([{ path: 'shifts.0.end', message: '班次「夜班」的结束时间不能等于开始时间' }]);
  });
});

describe('validateWorker', () => {
  const existing = [{ id: 'w1', name: '张三' }, { id: 'w2', name: '李四', deleted: true }, { name: ' 王五 ' }];
  it('rejects a name already in the team', () => {
    expect(errorsOf(validateWorker({ name: ' 张三 ', post: '' }, existing))).toEqual([
      { path: 'name', message: '班组里已有「张三」' },
    ]);
    expect(errorsOf(validateWorker({ name: '王五', post: '' }, existing))).toEqual([
      { path: 'name', message: '班组里已有「王五」' },
    ]);
  });
  it('ignores deleted workers and the worker being edited', () => {
    expect(validateWorker({ name: '李四', post: '支架工' }, existing)).toEqual({ ok: true, value: { name: '李四', post: '支架工' } });
    expect(validateWorker({ name: '张三', post: '电工' }, existing, 'w1').ok).toBe(true);
    expect(validateWorker({ name: '张三', post: '电工' }, existing, 'w9').ok).toBe(false);
  });
  it('checks name and post lengths', () => {
    expect(errorsOf(validateWorker({ name: ' ', post: '' }, []))).toEqual([{ path: 'name', message: '请填写姓名' }]);
    expect(errorsOf(validateWorker({ name: '张'.repeat(21), post: '工'.repeat(21) }, []))).toEqual([
      { path: 'name', message: '姓名最多20个字' },
      { path: 'post', message: '工种最多20个字' },
    ]);
    expect(validateWorker({ name: '张'.repeat(20), post: '工'.repeat(20) }, []).ok).toBe(true);
  });
});

describe('parseRosterPaste', () => {
  it('reads names and posts in the usual separators, skipping blank lines', () => {
    const text = '张三 采煤机司机\n\n李四，支架工\r\n王五、电工\n  赵六\t综采 维修工  \n   \n孙八';
    expect(parseRosterPaste(text, [])).toEqual({
      workers: [
        { name: '张三', post: '采煤机司机' }, { name: '李四', post: '支架工' }, { name: '王五', post: '电工' },
        { name: '赵六', post: '综采 维修工' }, { name: '孙八', post: '' },
      ],
      errors: [],
    });
  });
  it('reports duplicates in the paste and in the team by line number', () => {
    const r = parseRosterPaste('张三 采煤机司机\n\n钱七 电工\n张三,支架工\n李四', [{ name: '钱七' }]);
    expect(r.workers).toEqual([{ name: '张三', post: '采煤机司机' }, { name: '李四', post: '' }]);
    expect(r.errors).toEqual([
      { line: 3, message: '班组里已有「钱七」' },
      { line: 4, message: '「张三」与第1行重复' },
    ]);
  });
  it('drops a spreadsheet header and serial numbers', () => {
    const r = parseRosterPaste('姓名\t工种\n1\t张三\t采煤机司机\n2、李四\n3. 王五 电工', []);
    expect(r.workers.map((w) => w.name)).toEqual(['张三', '李四', '王五']);
    expect(r.errors).toEqual([]);
  });
  it('reports an over-long name on its line', () => {
    expect(parseRosterPaste(`张三\n${'长'.repeat(21)}`, []).errors).toEqual([{ line: 2, message: '姓名最多20个字' }]);
  });
});

describe('validateHazardInput', () => {
  it('needs a description of at most 200 characters', () => {
    expect(errorsOf(validateHazardInput({ description: ' ', responsible: '' }))).toEqual([
      { path: 'description', message: '请填写隐患描述' },
    ]);
    expect(errorsOf(validateHazardInput({ description: '隐'.repeat(201), responsible: '' }))).toEqual([
      { path: 'description', message: '隐患描述最多200个字' },
    ]);
    expect(validateHazardInput({ description: '隐'.repeat(200), responsible: '' }).ok).toBe(true);
  });
  it('treats an empty deadline as none and rejects an impossible date', () => {
    const base = { description: '3号支架漏液', responsible: ' 张三 ' };
    expect(validateHazardInput({ ...base, deadline: '' })).toEqual({ ok: true, value: { description: '3号支架漏液', responsible: '张三', deadline: null } });
    expect(validateHazardInput(base)).toEqual({ ok: true, value: { description: '3号支架漏液', responsible: '张三', deadline: null } });
    expect(validateHazardInput({ ...base, deadline: '2026-12-01' }).ok).toBe(true);
    expect(errorsOf(validateHazardInput({ ...base, deadline: '2026-02-30' }))).toEqual([
      { path: 'deadline', message: '整改期限不是有效日期' },
    ]);
  });
});

describe('messages', () => {
  it('are Chinese even for input of the wrong type', () => {
    const wrong = (x: unknown) => x as never;
    const all = [
      ...errorsOf(validateTeamSetup({ ...setup, district: wrong(5), overnightRule: wrong('x'), shifts: wrong(null) })),
      ...errorsOf(validateWorker({ name: wrong(undefined), post: wrong(3) }, [])),
      ...errorsOf(validateHazardInput({ description: wrong(null), responsible: '', deadline: wrong(7) })),
    ];
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const e of all) expect(e.message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
  });
});
