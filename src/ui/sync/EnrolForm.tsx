/** The enrolment code form: the phone exchanges a code from the branch for its device token. */
import { useState } from 'preact/hooks';
import { DEVICE_NAME_MAX } from '../../domain/sync-protocol';
import type { SyncEngine } from '../../sync/engine';


export function EnrolForm({ engine, initialCode = '', deviceName: initialName = '' }: { engine: SyncEngine; initialCode?: string; deviceName?: string }) {
  const [code, setCode] = useState(initialCode);
  const [deviceName, setDeviceName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (deviceName.trim().length > DEVICE_NAME_MAX) return setMessage({ ok: false, text: `设备名称请控制在${DEVICE_NAME_MAX}字以内` });
    setBusy(true);
    setMessage(null);
    const r = await engine.enrol(code, deviceName);
    setBusy(false);
    // A phone set up on its own that enrols into a team other phones already fill: its roster
    // goes up as new people; the secretary merges any twin in 人员台账 (no silent loss either way).
    const joined = '登记成功，正在发送本机数据。本班组在服务器上已有数据，会合并到本机；花名册如有重复的人员，请党支部书记在人员台账里合并。';
    setMessage(r.ok ? { ok: true, text: r.hasData ? joined : '登记成功，正在发送本机数据' } : { ok: false, text: r.message });
  };

  return (
    <form class="card stack" onSubmit={submit}>
      <label for="enrol-code">
        <strong>设备登记码</strong>
        <span class="hint">（向党支部书记索取，8 位，24 小时内有效）</span>
      </label>
      <input
        id="enrol-code" value={code} autocomplete="off" autocapitalize="characters" spellcheck={false}
        inputMode="text" maxLength={12} placeholder="例如 ABCD2345"
        onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
      />
      <label for="enrol-device"><strong>设备名称</strong><span class="hint">（党支部书记在设备列表里看到的名字）</span></label>
      <input id="enrol-device" value={deviceName} placeholder="如：刘建国的手机" onInput={(e) => setDeviceName((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit" class="primary" disabled={busy || code.trim().length < 8}>
        {busy ? '正在登记…' : '登记设备'}
      </button>
      {message && <p class={message.ok ? 'ok' : 'error'} role="status">{message.text}</p>}
      <p class="hint">登记前记录的内容都保存在本机，登记后会自动发送。</p>
    </form>
  );
}
