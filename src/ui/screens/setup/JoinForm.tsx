import { useState } from 'preact/hooks';
import { beginJoin } from '../../../db/join';
import { DEVICE_NAME_MAX } from '../../../domain/sync-protocol';
import type { SyncEngine } from '../../../sync/engine';
import { save } from '../../hooks';
import { navigate } from '../../router';

const NAME_MAX = 30;

/**
 * Enrolment of a joining phone: who uses it, what the secretary will see it as, and the code.
 * No team name, district or roster: those come from the server.
 */
export function JoinForm(props: { engine: SyncEngine; code: string; onBack?: () => void; lost?: boolean }) {
  const [name, setName] = useState('');
  const [device, setDevice] = useState('');
  const [deviceTouched, setTouched] = useState(false);
  const [code, setCode] = useState(props.code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const deviceName = deviceTouched ? device : name.trim() ? `${name.trim()}的手机` : '';

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = !name.trim() ? '请填写姓名'
      : name.trim().length > NAME_MAX ? `姓名请控制在${NAME_MAX}字以内`
      : !deviceName.trim() ? '请填写设备名称'
      : deviceName.trim().length > DEVICE_NAME_MAX ? `设备名称请控制在${DEVICE_NAME_MAX}字以内`
      : code.replace(/[\s-]/g, '').length !== 8 ? '登记码应为 8 位'
      : '';
    if (problem) return setError(problem);
    setBusy(true);
    setError('');
    // Keep the app on setup whatever the server sends, until the join is written down.
    navigate('/setup', true);
    const startedAt = Date.now();
    const r = await props.engine.enrol(code, deviceName);
    if (!r.ok) {
      setBusy(false);
      return setError(r.message);
    }
    await save(() => beginJoin(name, startedAt));
  };

  return (
    <main>
      <h1 style={{ margin: '8px 0 12px' }}>加入已有班组</h1>
      <form class="card stack" onSubmit={submit} noValidate>
        {props.lost && <p class="error" role="alert" style={{ marginTop: 0 }}>设备登记已失效或被停用，请向党支部书记索取新的登记码。</p>}
        <p class="hint" style={{ marginTop: props.lost ? undefined : 0 }}>班组名称、班次和花名册都从服务器恢复，不用再填。需要网络。</p>
        <label for="join-name">小政委姓名</label>
        <input id="join-name" value={name} autoComplete="name" onInput={(e) => setName(e.currentTarget.value)} />
        <p class="hint">代班的同志填自己的姓名。</p>
        <label for="join-device">设备名称</label>
        <input id="join-device" value={deviceName} placeholder="如：刘建国的手机"
          onInput={(e) => (setTouched(true), setDevice(e.currentTarget.value))} />
        <p class="hint">党支部书记在设备列表里看到的名字。</p>
        <label for="join-code">设备登记码</label>
        <input id="join-code" value={code} autocomplete="off" autocapitalize="characters" spellcheck={false}
          maxLength={12} placeholder="例如 ABCD2345" onInput={(e) => setCode(e.currentTarget.value)} />
        <p class="hint">向党支部书记索取，8 位，24 小时内有效。</p>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary wide" disabled={busy}>{busy ? '正在登记…' : '登记并恢复班组数据'}</button>
      </form>
      {props.onBack && <button type="button" class="wide" onClick={props.onBack}>返回</button>}
    </main>
  );
}
