import { useEffect, useState } from 'preact/hooks';
import { parseRetentionDays } from '../../../domain/retention';
import { getRetentionDays, setRetentionDays } from '../../../db/retention';
import { save } from '../../hooks';
import { lastPurge, runRetention } from '../../retention';
import { useSignal } from '../../signal';

/** How long notes about people stay on this phone after the server has them. */
export function RetentionSetting() {
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const purge = useSignal(lastPurge);
  useEffect(() => void getRetentionDays().then((d) => setDays(String(d))), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = parseRetentionDays(days);
    setSaved(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    await save(() => setRetentionDays(r.days));
    await runRetention();
    setSaved(true);
  };

  return (
    <section class="card" data-testid="retention">
      <h2>个人情况记录保留期限</h2>
      <p class="hint">
        服务器确认收到超过期限的记录，本机只清除其中关于职工个人情况的文字（情况、措施、困难说明等），
        人员、类型、结果、日期和金额保留，月汇报数字不变；未发送的记录永远不会清除。完整记录保存在支部服务器。
      </p>
      <form class="row" onSubmit={submit}>
        <label for="retention-days">保留天数</label>
        <input id="retention-days" inputMode="numeric" style={{ width: '6em' }} value={days}
          onInput={(e) => setDays(e.currentTarget.value)} />
        <button type="submit">保存</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {saved && <p class="ok" role="status">✓ 已保存</p>}
      {purge && <p class="hint">本次已清除 {purge.scrubbed} 条记录中的个人情况文字。</p>}
    </section>
  );
}
