import { useEffect, useState } from 'preact/hooks';
import { endRestore, restoredCounts, type JoinState, type ServerNames } from '../../../db/join';
import type { SyncEngine, SyncStatus } from '../../../sync/engine';
import { save, useLive } from '../../hooks';
import { navigate } from '../../router';
import { JoinForm } from './JoinForm';

/**
 * The team comes back from the server before the first screen: the engine's ordinary sync
 * (push what little there is, then pull until nothing is left), with what arrived so far.
 * A cut link is the engine's normal retry; a reload resumes here (the join state is stored,
 * and the pull cursor moves only with the data it brought), never on an empty team.
 */
export function Restore(props: { engine: SyncEngine; join: JoinState; names: ServerNames | null }) {
  const { engine, join, names } = props;
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const counts = useLive(restoredCounts, []);
  useEffect(() => engine.subscribe(setStatus), [engine]);
  useEffect(() => void engine.syncNow(), [engine]);

  const st = status?.state;
  // A run that succeeded after the enrolment began pulled everything there was.
  const complete = !!status && !status.running && st?.auth === 'enrolled' && st.lastSuccessAt !== null && st.lastSuccessAt >= join.startedAt;
  useEffect(() => {
    if (!complete) return;
    void save(endRestore).then((next) => next === 'done' && navigate('/', true));
  }, [complete]);

  // Revoked or forgotten by the server before the team came back: enrol again (a new code).
  if (st && st.auth !== 'enrolled') return <JoinForm engine={engine} code="" lost />;
  const cut = status && !status.running && st?.lastError;
  return (
    <main>
      <h1 style={{ margin: '8px 0 12px' }}>加入已有班组</h1>
      <div class="card stack" data-testid="restore">
        {names && (
          <p style={{ marginTop: 0 }}>本机登记在：<strong>{[names.branchName, names.district, names.teamName].filter(Boolean).join(' · ')}</strong></p>
        )}
        <p role="status" aria-live="polite" style={names ? undefined : { marginTop: 0 }}><strong>正在从服务器恢复班组数据…</strong></p>
        {counts && (
          <p class="hint" data-testid="restore-counts">
            已恢复：人员 {counts.workers} 人 · 日跟班 {counts.duties} 条 · 未销号隐患 {counts.openHazards} 项 · 周帮扶 {counts.helpRecords} 条
          </p>
        )}
        {cut && (
          <div class="banner warn" role="alert">
            <span>恢复中断。已恢复的数据保存在本机，有信号时会自动继续。<br /><span class="hint">原因：{st?.lastError}</span></span>
          </div>
        )}
        {cut && <button type="button" class="primary wide" onClick={() => void engine.syncNow()}>重试</button>}
        <p class="hint">恢复完成前不显示日跟班页面，以免当成新班组重新填写。中途断网、关掉应用都没关系，下次打开会接着恢复。</p>
      </div>
    </main>
  );
}
