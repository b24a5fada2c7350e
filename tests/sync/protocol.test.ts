import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../src/db/schema';
import {
  EnrolCodeSchema, EnrolRequestSchema, PushRequestSchema, SYNC_TABLE_NAMES, describeIssues, normaliseEnrolCode,
} from '../../src/domain/sync-protocol';

describe('sync protocol schemas', () => {
  it('know exactly the synced tables of the phone, in the same order', () => {
    expect([...SYNC_TABLE_NAMES]).toEqual([...SYNCED_TABLES]);
  });

  it('normalise an enrolment code as typed and refuse ambiguous characters', () => {
    expect(normaliseEnrolCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(v.parse(EnrolCodeSchema, 'abcd 2345')).toBe('ABCD2345');
    expect(v.safeParse(EnrolCodeSchema, 'ABCD1O45').success).toBe(false);
    expect(v.safeParse(EnrolCodeSchema, 'ABCD234').success).toBe(false);
  });

  it('refuse a push with no records, a negative revision or an unknown field', () => {
    const rec = { table: 'duties', id: 'a1', rev: 1, updatedAt: 1, deleted: false, body: {} };
    expect(v.safeParse(PushRequestSchema, { v: 1, teamId: 't', records: [rec] }).success).toBe(true);
    expect(v.safeParse(PushRequestSchema, { v: 1, teamId: 't', records: [] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { v: 1, teamId: 't', records: [{ ...rec, rev: -1 }] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { v: 1, teamId: 't', records: [{ ...rec, extra: 1 }] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { v: 1, teamId: 't', records: [{ ...rec, id: '../x' }] }).success).toBe(false);
  });

  it('describe problems by path, in Chinese', () => {
    const r = v.safeParse(EnrolRequestSchema, { v: 1, code: 'x', extra: 1 });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = describeIssues(r.issues);
    expect(issues).toContainEqual({ path: 'code', message: '登记码应为 8 位' });
    expect(issues.find((i) => i.path === 'nonce')?.message).toMatch(/^缺少字段/);
    expect(issues.find((i) => i.path === 'extra')?.message).toMatch(/^不允许的字段/);
  });
});
