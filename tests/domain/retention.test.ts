import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION_DAYS, isPastRetention, parseRetentionDays, scrubSensitive,
} from '../../src/domain/retention';
import { duty, hardship, help } from './report-fixtures';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

describe('isPastRetention', () => {
  it('never for an unsent record, however old', () => {
    expect(isPastRetention({ dirty: 1, updatedAt: 0, ackedAt: 0 }, NOW, 62)).toBe(false);
  });
  it('counts from the acknowledgement, not from the last change', () => {
    const old = NOW - 100 * DAY;
    expect(isPastRetention({ dirty: 0, updatedAt: old, ackedAt: NOW - 61 * DAY }, NOW, 62)).toBe(false);
    expect(isPastRetention({ dirty: 0, updatedAt: old, ackedAt: NOW - 62 * DAY }, NOW, 62)).toBe(true);
  });
  it('falls back to the last change for records acknowledged before ack times were kept', () => {
    expect(isPastRetention({ dirty: 0, updatedAt: NOW - 63 * DAY }, NOW, 62)).toBe(true);
    expect(isPastRetention({ dirty: 0, updatedAt: NOW - 10 * DAY }, NOW, 62)).toBe(false);
  });
});

describe('scrubSensitive', () => {
  it('blanks a help record’s situation, measures and next step; keeps who, types, result and talk days', () => {
    const r = { ...help('h1', '2026-W40', 'w1', ['rt1'], 'watching'), situation: '家里老人住院', measures: '谈心两次', nextStep: '再走访', talkDays: ['2026-10-01'] };
    const s = scrubSensitive('helpRecords', r, NOW)!;
    expect(s).toMatchObject({ situation: '', measures: '', nextStep: '', workerId: 'w1', riskTypeIds: ['rt1'], result: 'watching', talkDays: ['2026-10-01'], scrubbedAt: NOW, rev: r.rev });
    expect(r.situation).toBe('家里老人住院'); // the input is not changed
  });
  it('blanks a hardship’s kind and notes; keeps the help and the amount', () => {
    const h = { ...hardship('x', '2026-09-01', 'w1', 'fund', 500), note: '妻子重病', followUp: '下月再访' };
    expect(scrubSensitive('hardships', h, NOW)).toMatchObject({ kind: '', note: '', followUp: '', help: 'fund', amountYuan: 500, day: '2026-09-01' });
  });
  it('keeps a duty’s weak-worker codes and drops only the 其他 texts', () => {
    const d = duty('d1', '2026-09-01', 'night', {
      weak: { none: false, entries: [{ workerId: 'w1', reasons: ['family', 'other'], reasonOther: '离婚纠纷', actions: ['talk', 'other'], actionOther: '联系家属' }] },
      lessonTopic: '防治水',
    });
    const s = scrubSensitive('duties', d, NOW)!;
    expect(s.weak.entries[0]).toEqual({ workerId: 'w1', reasons: ['family', 'other'], reasonOther: '', actions: ['talk', 'other'], actionOther: '' });
    expect(s.lessonTopic).toBe('防治水');
    expect(d.weak.entries[0]!.reasonOther).toBe('离婚纠纷');
  });
  it('returns null when there is nothing to remove (the record stays editable), or it was done already', () => {
    expect(scrubSensitive('helpRecords', help('h2', '2026-W40', 'w1', [], 'resolved'), NOW)).toBeNull();
    expect(scrubSensitive('hazards', { id: 'z', description: '顶板离层' }, NOW)).toBeNull();
    const once = scrubSensitive('hardships', hardship('y', '2026-09-01', 'w1', 'visit', null), NOW)!;
    expect(scrubSensitive('hardships', once, NOW + DAY)).toBeNull();
  });
});

describe('parseRetentionDays', () => {
  it('takes whole days in range', () => {
    expect(parseRetentionDays(` ${DEFAULT_RETENTION_DAYS} `)).toEqual({ ok: true, days: 62 });
    expect(parseRetentionDays('14')).toEqual({ ok: true, days: 14 });
  });
  it('refuses the rest in zh-CN', () => {
    expect(parseRetentionDays('六十')).toEqual({ ok: false, message: '保留天数必须是整数' });
    expect(parseRetentionDays('-5')).toEqual({ ok: false, message: '保留天数必须是整数' });
    expect(parseRetentionDays('7')).toEqual({ ok: false, message: '保留天数须在 14 到 3650 天之间' });
    expect(parseRetentionDays('')).toMatchObject({ ok: false });
  });
});
