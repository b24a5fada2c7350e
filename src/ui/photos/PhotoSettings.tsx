/** 设置 → 照片: storage used by photos, days full photos stay after sending, 照片仅在信号好时发送. */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  getGoodSignalOnly, getKeepDays, photoStorage, setGoodSignalOnly, setKeepDays, thinSentPhotos, type PhotoStorage,
} from '../../db/photos';
import { save, useLive } from '../hooks';
import { mb } from './storage-check';

export function PhotoSettings() {
  const usage = useLive<PhotoStorage>(() => photoStorage(), []);
  const [days, setDays] = useState('');
  const [goodOnly, setGoodOnly] = useState(false);
  const [msg, setMsg] = useState('');
  const touched = useRef(false);
  useEffect(() => {
    void getKeepDays().then((d) => setDays(String(d)));
    // A tap before the stored value arrives wins: the late read must not untick it.
    void getGoodSignalOnly().then((v) => { if (!touched.current) setGoodOnly(v); });
  }, []);
  const toggleGoodOnly = async (on: boolean) => {
    touched.current = true;
    setGoodOnly(on);
    const ok = await save(async () => { await setGoodSignalOnly(on); return true; });
    if (ok) setMsg(on ? '✓ 已保存：照片等信号好时再发送' : '✓ 已保存：照片随记录一起发送');
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) return setMsg('保留天数请填 1–3650 的整数');
    await save(() => setKeepDays(n));
    const thinned = await save(() => thinSentPhotos(n));
    setMsg(`✓ 已保存${thinned ? `，${thinned} 张已发送的照片只留缩略图` : ''}`);
  };
  return (
    <section class="card" data-testid="photo-settings">
      <h2>照片</h2>
      <p data-testid="photo-usage">
        {usage ? `共 ${usage.count} 张，占用 ${mb(usage.bytes)} MB${usage.queued ? `，${usage.queued} 张待发送` : ''}` : '读取中…'}
      </p>
      <label class="row">
        <input type="checkbox" checked={goodOnly} style={{ width: '28px', height: '28px' }}
          onChange={(e) => void toggleGoodOnly(e.currentTarget.checked)} />
        照片仅在信号好时发送（记录总是立即发送）
      </label>
      <form class="row" onSubmit={submit}>
        <label for="photo-keep-days">服务器收到后原图保留天数</label>
        <input id="photo-keep-days" inputMode="numeric" style={{ width: '6em' }} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        <button type="submit">保存</button>
      </form>
      <p class="hint">超过天数后本机只留缩略图，原图在支部服务器；未发送的照片不会清除。</p>
      {msg && <p role="status">{msg}</p>}
    </section>
  );
}
