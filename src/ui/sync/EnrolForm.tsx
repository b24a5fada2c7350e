/** The enrolment code form: the phone exchanges a code from the branch for its device token. */
import { useState } from 'preact/hooks';
import type { SyncEngine } from '../../sync/engine';

export function EnrolForm({ engine, initialCode = '' }: { engine: SyncEngine; initialCode?: string }) {
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const r = await engine.enrol(code);
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: '登记成功，正在发送本机数据' } : { ok: false, text: r.message });
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
      <button type="submit" class="primary" disabled={busy || code.trim().length < 8}>
        {busy ? '正在登记…' : '登记设备'}
      </button>
      {message && <p class={message.ok ? 'ok' : 'error'} role="status">{message.text}</p>}
      <p class="hint">登记前记录的内容都保存在本机，登记后会自动发送。</p>
    </form>
  );
}
