/**
 * One line of sync state for the header: 已全部发送 / N 条待发送 / 发送失败 + reason, and
 * when the last send succeeded. With onOpen it is a large button leading to the outbox.
 */
import type { SyncEngine } from '../../sync/engine';
import { badgeText, relativeTime } from './format';
import { useSyncStatus } from './useSyncStatus';
import { usePhotoProgress } from './usePhotoProgress';

const TONE_CLASS = { ok: 'ok', pending: 'muted', error: 'error' } as const;

export function SyncBadge({ engine, onOpen }: { engine: SyncEngine; onOpen?: () => void }) {
  const { status, now } = useSyncStatus(engine);
  const photos = usePhotoProgress();
  if (!status) return null;
  const records = badgeText(status);
  // Photos apart: 记录已全部发送 · 照片 3 张待发送 · 已发 40%.
  const text = photos ? `${records.text === '已全部发送' ? '记录已全部发送' : records.text} · ${photos}` : records.text;
  const tone = records.tone;
  const last = status.state.lastSuccessAt;
  const body = (
    <span class="stack">
      <span class={TONE_CLASS[tone]}>{text}</span>
      {last !== null && <span class="hint"> 上次发送成功：{relativeTime(last, now)}</span>}
    </span>
  );
  return onOpen ? (
    <button type="button" class="sync-badge" aria-live="polite" onClick={onOpen} style={{ minHeight: '48px', textAlign: 'left' }}>
      {body}
    </button>
  ) : (
    <div class="sync-badge" role="status" aria-live="polite">{body}</div>
  );
}
