/**
 * 待发送: what waits on this phone, what the server sent back with a reason, a 立即发送
 * button, the enrolment form when the phone is not (or no longer) enrolled, and a warning
 * when unsent data is older than 3 days. Nothing here deletes data.
 */
import { useState } from 'preact/hooks';
import type { SyncEngine } from '../../sync/engine';
import { ConfigProblems } from './ConfigProblems';
import { EnrolForm } from './EnrolForm';
import { isStale, refusalText, relativeTime, TABLE_LABELS } from './format';
import { SyncBadge } from './SyncBadge';
import { useSyncStatus } from './useSyncStatus';

const SHOWN = 50;

export function OutboxScreen({ engine, enrolCode = '', deviceName = '' }: { engine: SyncEngine; enrolCode?: string; deviceName?: string }) {
  const { status, now } = useSyncStatus(engine);
  const [sending, setSending] = useState(false);
  if (!status) return <p class="hint">正在读取…</p>;
  const auth = status.state.auth;

  const sendNow = async () => {
    setSending(true);
    await engine.syncNow();
    setSending(false);
  };

  return (
    <section class="stack">
      <h2>数据发送</h2>
      <SyncBadge engine={engine} />
      {auth === 'revoked' && (
        <div class="banner warn" role="alert">设备已被停用。本机数据不会被删除，请联系党支部书记，重新登记后会继续发送。</div>
      )}
      {auth === 'invalid' && (
        <div class="banner warn" role="alert">设备登记已失效。本机数据不会被删除，请输入新的登记码。</div>
      )}
      {isStale(status, now) && (
        <div class="banner warn" role="alert">有数据超过 3 天未发送，请到有信号的地方点「立即发送」。</div>
      )}
      {auth === 'enrolled' ? (
        <button type="button" data-repeat class="primary" style={{ width: '100%' }} disabled={sending || status.running} onClick={sendNow}>
          {sending || status.running ? '正在发送…' : '立即发送'}
        </button>
      ) : (
        <EnrolForm engine={engine} initialCode={enrolCode} deviceName={deviceName} />
      )}
      {status.state.teamName && <p class="hint">本机登记在：{status.state.branchName} · {status.state.teamName}</p>}

      <div class="card">
        <h3>待发送（{status.pending} 条）</h3>
        {status.pending === 0 ? <p class="ok">没有待发送的数据</p> : (
          <ul class="list">
            {status.waiting.slice(0, SHOWN).map((w) => (
              <li key={`${w.table}/${w.id}`}>{TABLE_LABELS[w.table]} · 修改于 {relativeTime(w.updatedAt, now)}</li>
            ))}
            {status.waiting.length > SHOWN && <li class="hint">另有 {status.waiting.length - SHOWN} 条</li>}
          </ul>
        )}
      </div>

      <ConfigProblems />

      {status.rejected.length > 0 && (
        <div class="card">
          <h3>被退回（{status.rejected.length} 条）</h3>
          <p class="hint">这些记录没有被服务器接收，仍保存在本机；修改后会重新发送，其他记录照常发送。</p>
          <ul class="list">
            {status.rejected.map((r) => {
              const why = refusalText(r.message, r.code);
              return (
                <li key={`${r.table}/${r.id}`}>
                  <strong>{TABLE_LABELS[r.table]}</strong>
                  <span class="error"> {why.text}</span>
                  {why.detail && <details><summary>技术信息</summary><code>{why.detail}</code></details>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
