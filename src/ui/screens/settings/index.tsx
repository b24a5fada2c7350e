import { useEffect, useState } from 'preact/hooks';
import type { Team } from '../../../domain/types';
import { saveTeam } from '../../../db/team';
import { save } from '../../hooks';
import { useSignal } from '../../signal';
import { PinSettings } from '../../pin/PinSettings';
import { askPersistence, formatBytes, refreshStorage, storageState } from '../../storage';
import { RosterEditor } from '../setup/RosterEditor';
import { TeamForm } from '../setup/TeamForm';
import { RiskTypesEditor } from '../week/RiskTypesEditor';
import { RetentionSetting } from './RetentionSetting';
import { RotaSetting } from './RotaSetting';
import { lazyScreen } from '../../lazy';

const PhotoSettings = lazyScreen(() => import('../../photos/PhotoSettings').then((m) => m.PhotoSettings), () => null);

/** Settings: storage safety first (it is what keeps unsent entries), then team and roster. */
export function SettingsScreen({ team }: { team: Team }) {
  const st = useSignal(storageState);
  const [saved, setSaved] = useState(false);
  useEffect(() => void refreshStorage(), []);
  return (
    <main>
      <h1 style={{ margin: '8px 0' }}>设置</h1>
      <section class="card" data-testid="storage">
        <h2>本机存储</h2>
        <p>
          持久存储：
          {st.persisted === null ? <b>浏览器不支持</b> : st.persisted ? <b class="ok">✓ 已开启</b> : <b class="error">✗ 未开启</b>}
        </p>
        {st.persisted === false && (
          <>
            <p class="hint">未开启时，手机空间紧张或长期不用，浏览器可能清除本机记录。安装到桌面并常用可提高开启成功率。</p>
            <button type="button" onClick={() => void askPersistence()}>申请持久存储</button>
          </>
        )}
        <p>已用 {formatBytes(st.usage)} / 可用 {formatBytes(st.quota)}</p>
      </section>
      <section class="card">
        <h2>班组信息</h2>
        <TeamForm team={team} draftKey="settings" submitLabel="保存班组信息" onSubmit={async (t) => { setSaved(!!(await save(() => saveTeam(t)))); }} />
        {saved && <p class="ok" role="status">✓ 已保存</p>}
      </section>
      <RotaSetting key={team.rev} team={team} />
      <section class="card">
        <h2>花名册</h2>
        <RosterEditor />
      </section>
      <section class="card">
        <h2>帮扶类型 · 不稳定不安全因素（周帮扶）</h2>
        <RiskTypesEditor />
      </section>
      <RetentionSetting />
      <PhotoSettings />
      <PinSettings />
      <p class="hint">版本 {import.meta.env.VITE_APP_VERSION ?? 'dev'}</p>
    </main>
  );
}
