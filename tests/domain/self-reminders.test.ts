/** The phone's own reminders (src/domain/self-reminders.ts) and the reminder protocol's pure parts, with an injected clock. */
import { describe, expect, it } from 'vitest';
import { newDuty } from '../../src/domain/checklist';
import {
  aboutItem, aboutLabel, ackTime, cleanReminderText, parseReportDueDay, reminderTextError, reportDueDayOf,
} from '../../src/domain/reminders';
import { reportDue, reportDueBy } from '../../src/domain/report';
import { reportNotice, unfinishedShifts, weekHelpDue } from '../../src/domain/self-reminders';
import type { DailyDuty, ShiftDef } from '../../src/domain/types';

const shifts: ShiftDef[] = [
  { id: 'night', name: '零点班', start: '00:00', end: '08:00' },
  { id: 'day', name: '八点班', start: '08:00', end: '16:00' },
  { id: 'eve', name: '四点班', start: '16:00', end: '00:00' },
];
const team = { shifts, timeZone: 'Asia/Shanghai', overnightRule: 'same' as const };
const at = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const duty = (day: string, shiftId: string, patch: Partial<DailyDuty> = {}): DailyDuty => ({
  ...newDuty({ id: `d${++n}`, createdAt: 1 }, day, shifts.find((s) => s.id === shiftId)!, 12), ...patch,
});
/** Every section answered. */
const complete = (d: DailyDuty): DailyDuty => ({
  ...d, districtMeeting: { attended: true, note: '' }, rollCall: { expected: 12, absentees: [], confirmed: true },
  documents: { items: [], none: true }, lessonTopic: '顶板管理', safetyConfirmed: true, weak: { none: true, entries: [] },
  talks: { workerIds: [], none: true }, organisationNote: '正常', organisationDone: true, hazardsNone: true,
});

describe('unfinishedShifts', () => {
  const begun = duty('2026-12-02', 'day', { lessonTopic: '防治水' });

  it('says nothing while the shift is still on, and names it once it has ended unfinished', () => {
    expect(unfinishedShifts(at('2026-12-02T15:59'), '2026-12-02', team, [begun])).toEqual([]);
    expect(unfinishedShifts(at('2026-12-02T16:00'), '2026-12-02', team, [begun])).toEqual([
      { day: '2026-12-02', shiftId: 'day', shiftName: '八点班', endMs: at('2026-12-02T16:00') },
    ]);
  });

  it('leaves out complete shifts, days off, deleted records and those older than two days', () => {
    const now = at('2026-12-04T09:00');
    const list = [
      complete(duty('2026-12-03', 'day')), duty('2026-12-03', 'eve', { dayOff: true }), duty('2026-12-03', 'night', { deleted: true }),
      duty('2026-12-01', 'day', { lessonTopic: 'x' }), duty('2026-12-02', 'eve', { lessonTopic: 'y' }), duty('2026-12-04', 'night', { lessonTopic: 'z' }),
    ];
    expect(unfinishedShifts(now, '2026-12-04', team, list).map((s) => `${s.day} ${s.shiftId}`)).toEqual(['2026-12-04 night', '2026-12-02 eve']);
  });

  it('counts hazards filed from the duty towards its 隐患 section', () => {
    const d = { ...complete(duty('2026-12-02', 'day')), hazardsNone: false };
    const now = at('2026-12-02T17:00');
    expect(unfinishedShifts(now, '2026-12-02', team, [d])).toHaveLength(1);
    expect(unfinishedShifts(now, '2026-12-02', team, [d], (id) => (id === d.id ? 1 : 0))).toEqual([]);
  });

  it('ends a shift crossing midnight on the next calendar day', () => {
    const eve = duty('2026-12-02', 'eve', { lessonTopic: 'x' });
    expect(unfinishedShifts(at('2026-12-02T23:59'), '2026-12-02', team, [eve])).toEqual([]);
    expect(unfinishedShifts(at('2026-12-03T00:00'), '2026-12-03', team, [eve])).toHaveLength(1);
  });
});

describe('weekHelpDue', () => {
  it('is the week on its Sunday, unless its help is done', () => {
    expect(weekHelpDue('2026-12-06', () => 'partial')).toBe('2026-W49');
    expect(weekHelpDue('2026-12-06', () => 'missing')).toBe('2026-W49');
    expect(weekHelpDue('2026-12-06', () => 'done')).toBeNull();
    expect(weekHelpDue('2026-12-05', () => 'missing')).toBeNull();
    // The last day of the year's last week is in the next year.
    expect(weekHelpDue('2027-01-03', () => 'missing')).toBe('2026-W53');
  });
});

describe('reportNotice', () => {
  const never = () => false;
  it('asks for last month’s report from the 1st until it is submitted, late after the due day', () => {
    expect(reportNotice('2026-12-01', never)).toEqual({ month: '2026-11', dueBy: '2026-12-05', overdue: false });
    expect(reportNotice('2026-12-05', never)).toEqual({ month: '2026-11', dueBy: '2026-12-05', overdue: false });
    expect(reportNotice('2026-12-06', never)).toEqual({ month: '2026-11', dueBy: '2026-12-05', overdue: true });
    expect(reportNotice('2026-12-20', (m) => m === '2026-11')).toBeNull();
    expect(reportNotice('2027-01-02', never, 10)).toEqual({ month: '2026-12', dueBy: '2027-01-10', overdue: false });
  });
});

describe('report due day', () => {
  it('moves the due date and the window of reportDue, default the 5th', () => {
    expect(reportDueBy('2026-11')).toBe('2026-12-05');
    expect(reportDueBy('2026-12', 12)).toBe('2027-01-12');
    expect(reportDue('2026-12-08', '2026-11', null)).toBe(false);
    expect(reportDue('2026-12-08', '2026-11', null, 10)).toBe(true);
  });
  it('parses the secretary’s input and falls back to 5 on a bad pulled value', () => {
    expect(parseReportDueDay(' 12 ')).toEqual({ ok: true, day: 12 });
    for (const bad of ['0', '29', '2.5', '', '五']) expect(parseReportDueDay(bad)).toEqual({ ok: false, error: '月汇报截止日应为 1 到 28 之间的整数' });
    expect(reportDueDayOf(28)).toBe(28);
    for (const bad of [undefined, 0, 31, 7.5, '7']) expect(reportDueDayOf(bad)).toBe(5);
  });
});

describe('reminder text and ack times', () => {
  it('keeps one trimmed line, at most 200 characters', () => {
    expect(cleanReminderText(' 请补记\n周帮扶\t ')).toBe('请补记 周帮扶');
    expect(reminderTextError('提'.repeat(200))).toBeNull();
    expect(reminderTextError('提'.repeat(201))).toBe('提醒内容最多 200 个字（现在 201 个字）');
  });
  it('clamps a phone’s time between sending and receipt', () => {
    expect(ackTime(50, 100, 200)).toBe(100);
    expect(ackTime(150, 100, 200)).toBe(150);
    expect(ackTime(900, 100, 200)).toBe(200);
  });
});

describe('what a reminder is about', () => {
  it('reads a day, a week or a report, and nothing else', () => {
    expect(aboutItem('day:2026-12-02')).toEqual({ kind: 'day', key: '2026-12-02' });
    expect(aboutItem('week:2026-W49')).toEqual({ kind: 'week', key: '2026-W49' });
    expect(aboutItem('report:2026-11')).toEqual({ kind: 'report', key: '2026-11' });
    for (const bad of [undefined, '', 'report:2026-1', 'month:2026-11', 'day:2026-12-02x', 'week:2026-49']) expect(aboutItem(bad)).toBeNull();
    expect([aboutLabel('day:2026-12-02'), aboutLabel('week:2026-W49'), aboutLabel('report:2026-11'), aboutLabel('x')])
      .toEqual(['12月2日的日跟班', '第49周的周帮扶', '2026年11月的月汇报', '']);
  });
});
