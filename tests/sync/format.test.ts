import { describe, expect, it } from 'vitest';
import { EMPTY_STATE } from '../../src/db/outbox';
import type { SyncStatus } from '../../src/sync/engine';
import { badgeText, isStale, refusalText, relativeTime } from '../../src/ui/sync/format';

const status = (over: Partial<SyncStatus> = {}, state: Partial<SyncStatus['state']> = {}): SyncStatus => ({
  pending: 0, waiting: [], rejected: [], oldestPendingAt: null, running: false, nextRetryAt: null,
  state: { ...EMPTY_STATE, auth: 'enrolled', token: 't', ...state }, ...over,
});

describe('sync badge wording', () => {
  it('says 已全部发送, N 条待发送, or calmly 离线 when the network is down', () => {
    expect(badgeText(status())).toEqual({ text: '已全部发送', tone: 'ok' });
    expect(badgeText(status({ pending: 3 }))).toEqual({ text: '3 条待发送', tone: 'pending' });
    expect(badgeText(status({ pending: 3 }, { lastError: '网络中断，有信号时会自动重发' })))
      .toEqual({ text: '离线 · 3 条待发送（有信号时自动发送）', tone: 'pending' });
    expect(badgeText(status({ pending: 3 }, { lastError: '服务器暂时无法处理（503），稍后自动重试' })))
      .toEqual({ text: '3 条待发送 · 服务器暂时无法处理（503），稍后自动重试', tone: 'pending' });
    expect(badgeText(status({}, { auth: 'revoked' })).text).toBe('设备已被停用');
    expect(badgeText(status({ pending: 2 }, { auth: 'unenrolled' })).text).toBe('2 条待发送（设备未登记）');
  });

  it('counts refused records apart', () => {
    const rejected = [{ table: 'duties' as const, id: 'a', rev: 1, code: 'foreign_record' as const, message: 'x', at: 1 }];
    expect(badgeText(status({ rejected }))).toEqual({ text: '已全部发送，1 条被退回', tone: 'error' });
    // Refused records need the user, offline or not: red.
    expect(badgeText(status({ rejected, pending: 2 }, { lastError: '网络中断，有信号时会自动重发' })))
      .toEqual({ text: '离线 · 2 条待发送（有信号时自动发送），1 条被退回', tone: 'error' });
  });

  it('writes relative times in Chinese', () => {
    const now = 10 * 86_400_000;
    expect(relativeTime(now - 10_000, now)).toBe('刚刚');
    expect(relativeTime(now - 3 * 60_000, now)).toBe('3 分钟前');
    expect(relativeTime(now - 5 * 3_600_000, now)).toBe('5 小时前');
    expect(relativeTime(now - 4 * 86_400_000, now)).toBe('4 天前');
  });

  it('warns when unsent data is older than 3 days', () => {
    const now = 10 * 86_400_000;
    expect(isStale(status({ oldestPendingAt: now - 3 * 86_400_000 - 1 }), now)).toBe(true);
    expect(isStale(status({ oldestPendingAt: now - 2 * 86_400_000 }), now)).toBe(false);
    expect(isStale(status(), now)).toBe(false);
  });
});

describe('refusal wording', () => {
  it('shows a malformed record in zh-CN and keeps the schema detail apart', () => {
    const r = refusalText('记录格式不正确: duties.districtMeeting: missing, expected Object');
    expect(r.text).toMatch(/^记录格式不正确，服务器未接收/);
    expect(r.text).not.toMatch(/[A-Za-z]/);
    expect(r.detail).toBe('duties.districtMeeting: missing, expected Object');
  });
  it('passes other reasons through', () => {
    expect(refusalText('该记录属于其他班组')).toEqual({ text: '该记录属于其他班组', detail: null });
    const rev = refusalText('版本号跳跃过大（服务器为 3，收到 9000000000000000，最多相差 1000）', 'invalid_rev');
    expect(rev.text).toMatch(/^记录版本号异常/);
    expect(rev.detail).toContain('9000000000000000');
  });
});
