/** 设置 → 应用锁（PIN）: turn on (PIN twice + idle time), change the idle time, change or turn off (current PIN). */
import { useState } from 'preact/hooks';
import { changePin, disablePin, enablePin, getPinConfig, pinSupported, setIdleMinutes } from '../../db/pin';
import { DEFAULT_IDLE_MINUTES, newPinError, pinFormatError } from '../../domain/pin';
import { save, useLive } from '../hooks';
import { markUnlocked } from './index';
import { IdleSelect, PinField } from './PinFields';
import './pin.css';

type Mode = 'none' | 'change' | 'off';

export function PinSettings() {
  const config = useLive(() => getPinConfig(), []);
  const [mode, setMode] = useState<Mode>('none');
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [idle, setIdle] = useState<number>(DEFAULT_IDLE_MINUTES);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reset = (m: Mode, msg: string | null = null) => {
    setMode(m);
    setCurrent('');
    setPin('');
    setAgain('');
    setError(null);
    setDone(msg);
  };

  const turnOn = async (e: Event) => {
    e.preventDefault();
    const err = newPinError(pin, again);
    if (err) return setError(err);
    markUnlocked(); // whoever sets the PIN is not locked out by it
    if (!(await save(() => enablePin(pin, idle).then(() => true)))) return;
    reset('none', `✓ 应用锁已开启：${idle} 分钟不操作后锁定`);
  };

  const confirm = async (e: Event) => {
    e.preventDefault();
    const err = pinFormatError(current) ?? (mode === 'change' ? newPinError(pin, again) : null);
    if (err) return setError(err);
    const r = await save(() => (mode === 'change' ? changePin(current, pin) : disablePin(current)));
    if (!r) return;
    if (!r.ok) return setError(r.message);
    reset('none', mode === 'change' ? '✓ PIN 已修改' : '✓ 应用锁已关闭');
  };

  const body = () => {
    if (!pinSupported()) return <p class="error">此浏览器无法使用应用锁：请通过 HTTPS 地址打开本应用。</p>;
    if (config === undefined) return null;
    if (config === null) {
      return (
        <form onSubmit={turnOn} noValidate>
          <p>未开启。开启后，每次打开应用，以及一段时间不操作后，需要输入 4–6 位数字 PIN。</p>
          <PinField id="pin-new" label="设置 PIN（4–6 位数字）" value={pin} onInput={setPin} />
          <PinField id="pin-again" label="再次输入 PIN" value={again} onInput={setAgain} />
          <IdleSelect value={idle} onChange={setIdle} />
          {error && <p class="error" role="alert">{error}</p>}
          <button type="submit" class="primary wide">开启应用锁</button>
        </form>
      );
    }
    return (
      <>
        <p><b class="ok">✓ 已开启</b></p>
        <IdleSelect value={config.idleMinutes} onChange={(m) => void save(() => setIdleMinutes(m)).then(() => setDone(`✓ 已改为 ${m} 分钟`))} />
        {mode === 'none' ? (
          <div class="row" style={{ marginTop: '12px' }}>
            <button type="button" onClick={() => reset('change')}>修改 PIN</button>
            <button type="button" onClick={() => reset('off')}>关闭应用锁</button>
          </div>
        ) : (
          <form onSubmit={confirm} noValidate class="pin-settings-form">
            <PinField id="pin-current" label="当前 PIN" value={current} onInput={setCurrent} />
            {mode === 'change' && (
              <>
                <PinField id="pin-new" label="新 PIN（4–6 位数字）" value={pin} onInput={setPin} />
                <PinField id="pin-again" label="再次输入新 PIN" value={again} onInput={setAgain} />
              </>
            )}
            {error && <p class="error" role="alert">{error}</p>}
            <div class="row">
              <button type="submit" class="primary">{mode === 'change' ? '确认修改' : '确认关闭'}</button>
              <button type="button" onClick={() => reset('none')}>取消</button>
            </div>
          </form>
        )}
      </>
    );
  };

  return (
    <section class="card" data-testid="pin-settings">
      <h2>应用锁（PIN）</h2>
      {body()}
      {done && <p class="ok" role="status">{done}</p>}
      <p class="hint">
        {'PIN 防的是别人随手翻看或借用手机；它不加密手机里的记录，懂技术的人仍能读取。锁定时记录照常发送。'}
        {'PIN 忘记后无法找回，只能在浏览器里清除本网站的数据，未发送的记录会随之丢失。'}
      </p>
    </section>
  );
}
