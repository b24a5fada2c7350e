/** zh-CN wording of the sync UI: relative times, record kinds, the badge's one line. */
import type { RejectCode, SyncTableName } from '../../domain/sync-protocol';
import type { SyncStatus } from '../../sync/engine';
import { MSG } from '../../sync/messages';

export const TABLE_LABELS: Record<SyncTableName, string> = {
  teams: '班组信息',
  workers: '职工名册',
  riskTypes: '帮扶类型',
  duties: '日跟班',
  hazards: '隐患/问题',
  weeklyScreenings: '周排查',
  helpRecords: '帮扶记录',
  pairs: '1+X 结对',
  hardships: '困难职工',
  reports: '月汇报',
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Unsent data older than this gets a warning: Safari may evict storage after 7 days unused. */
export const STALE_MS = 3 * DAY;

export function relativeTime(at: number, now: number): string {
  const d = Math.max(0, now - at);
  if (d < MIN) return '刚刚';
  if (d < HOUR) return `${Math.floor(d / MIN)} 分钟前`;
  if (d < DAY) return `${Math.floor(d / HOUR)} 小时前`;
  return `${Math.floor(d / DAY)} 天前`;
}

export type BadgeTone = 'ok' | 'pending' | 'error';

/**
 * The badge's line. Underground every try fails, and that is the normal state: it reads calm
 * (grey), 离线 · N 条待发送. Red only for what needs the user: records the endpoint refused and
 * a phone that was revoked or must enrol again (storage trouble has its own banner).
 */
export function badgeText(s: SyncStatus): { text: string; tone: BadgeTone } {
  const refused = s.rejected.length ? `，${s.rejected.length} 条被退回` : '';
  const calm: BadgeTone = refused ? 'error' : 'pending';
  if (s.state.auth === 'revoked') return { text: '设备已被停用', tone: 'error' };
  if (s.state.auth === 'invalid') return { text: '设备需重新登记', tone: 'error' };
  if (s.state.auth === 'unenrolled') {
    return { text: s.pending ? `${s.pending} 条待发送（设备未登记）` : '设备未登记', tone: 'pending' };
  }
  if (s.running && s.pending) return { text: `正在发送 ${s.pending} 条…${refused}`, tone: calm };
  if (s.pending && s.state.lastError === MSG.offline) return { text: `离线 · ${s.pending} 条待发送（有信号时自动发送）${refused}`, tone: calm };
  // The endpoint answered but could not take it now (busy, down): retried by itself too.
  if (s.pending && s.state.lastError) return { text: `${s.pending} 条待发送 · ${s.state.lastError}${refused}`, tone: calm };
  if (s.pending) return { text: `${s.pending} 条待发送${refused}`, tone: calm };
  return { text: `已全部发送${refused}`, tone: refused ? 'error' : 'ok' };
}

export function isStale(s: SyncStatus, now: number): boolean {
  return s.oldestPendingAt !== null && now - s.oldestPendingAt > STALE_MS;
}

const MALFORMED = '记录格式不正确: ';

/**
 * A refusal as the instructor reads it: zh-CN first; the schema's path and expectation
 * (English, for whoever fixes the app) kept apart, shown folded under 技术信息.
 */
export function refusalText(message: string, code?: RejectCode): { text: string; detail: string | null } {
  // The numbers (server's revision, the phone's) only help whoever looks into it.
  if (code === 'invalid_rev') return { text: '记录版本号异常，服务器未接收。修改此条记录后会重新发送，或告知支部管理员。', detail: message };
  if (!message.startsWith(MALFORMED)) return { text: message, detail: null };
  return { text: '记录格式不正确，服务器未接收。请更新应用后修改此条记录，或告知支部管理员。', detail: message.slice(MALFORMED.length) };
}
