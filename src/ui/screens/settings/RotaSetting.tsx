import { useState } from 'preact/hooks';
import { localDay } from '../../../domain/calendar';
import { DEFAULT_LEAD_MINUTES, openingShift } from '../../../domain/due';
import { describeRota, presetOf, presetRota, workedShifts, type RotaPreset } from '../../../domain/rota';
import type { Team } from '../../../domain/types';
import { saveTeam } from '../../../db/team';
import { save } from '../../hooks';
import { Chip } from '../../components/Chip';

const LEAD_MAX = 240;

/**
 * 倒班: which shift the team works this week and how it changes, and how long before a shift
 * the app opens on it (班前会). The branch can push a rota; the phone says so, and a change
 * made here afterwards is the newer one and applies.
 */
export function RotaSetting({ team }: { team: Team }) {
  const today = localDay(Date.now(), team.timeZone);
  // This week's shift: the one worked today under the rota, or (every shift worked) the one now due.
  const worked = workedShifts(team, team.rota, today);
  const nowShift = (worked.length === 1 ? worked[0] : openingShift(Date.now(), team, team.leadMinutes)?.shift)?.id ?? team.shifts[0]?.id ?? '';
  const [preset, setPreset] = useState<RotaPreset>(presetOf(team.rota, team) ?? 'weekly-back');
  const [current, setCurrent] = useState(nowShift);
  const [lead, setLead] = useState(String(team.leadMinutes ?? DEFAULT_LEAD_MINUTES));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const name = (id: string) => team.shifts.find((s) => s.id === id)?.name ?? '';
  const draft = presetRota(preset, team, current, today);
  const label = (p: RotaPreset): string => {
    if (p === 'all') return '每天所有班次';
    if (p === 'fixed') return '固定一个班';
    return `每周轮换：${describeRota(presetRota(p, team, current, today), team.shifts).split('，')[0]}`;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const minutes = Number(lead);
    if (!/^\d+$/.test(lead.trim()) || minutes > LEAD_MAX) return setError(`提前时间请填 0 到 ${LEAD_MAX} 之间的分钟数`);
    setError(null);
    const ok = await save(() => saveTeam({ ...team, rota: { ...draft, by: 'team', at: Date.now() }, leadMinutes: minutes }));
    setSaved(!!ok);
  };

  return (
    <section class="card" data-testid="rota">
      <h2>倒班</h2>
      <p>当前：{describeRota(team.rota, team.shifts)}{team.rota?.by === 'branch' && <b>（支部设置）</b>}</p>
      {team.rota?.by === 'branch' && <p class="hint">倒班由党支部设置；在这里修改后以本机为准，直到支部再次设置。</p>}
      <form onSubmit={submit}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>倒班方式</legend>
          <div class="row">
            {(['all', 'fixed', 'weekly-back', 'weekly-forward'] as const).map((p) => (
              <Chip key={p} label={label(p)} on={preset === p} onToggle={() => setPreset(p)} testId={`rota-${p}`} />
            ))}
          </div>
        </fieldset>
        {preset !== 'all' && (
          <fieldset style={{ border: 0, padding: 0, margin: '8px 0 0' }}>
            <legend>本周当班</legend>
            <div class="row">
              {team.shifts.map((s) => <Chip key={s.id} label={s.name} on={current === s.id} onToggle={() => setCurrent(s.id)} />)}
            </div>
          </fieldset>
        )}
        <p class="hint">保存后：{describeRota(draft, team.shifts)}{preset !== 'all' ? `，本周${name(current)}` : ''}</p>
        <div class="row">
          <label for="lead-minutes">班前会提前（分钟）</label>
          <input id="lead-minutes" inputMode="numeric" style={{ width: '5em', minHeight: '44px' }} value={lead} onInput={(e) => setLead(e.currentTarget.value)} />
        </div>
        <p class="hint">班次开始前这么多分钟起，打开应用即进入该班的班前会。</p>
        <button type="submit" style={{ minHeight: '44px' }}>保存倒班</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {saved && <p class="ok" role="status">✓ 倒班已保存</p>}
    </section>
  );
}
