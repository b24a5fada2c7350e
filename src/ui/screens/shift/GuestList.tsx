import { useState } from 'preact/hooks';
import { CONFIG_LIMITS } from '../../../domain/config-limits';
import { newId } from '../../../db/clock';
import { CharCount } from '../../components/CharCount';
import { useDraft } from '../../form-draft';
import type { SectionProps } from './types';

/** The form allows this many guests on one shift (the record schema allows more). */
const GUESTS_FORM_MAX = 20;

/**
 * 临时/借调人员: someone from another team or a temporary hand works this one shift. Named on
 * the shift record only, never added to the roster; counted in 应到 and 实到.
 */
export function GuestList({ duty, edit, draftKey }: Pick<SectionProps, 'duty' | 'edit'> & { draftKey: string }) {
  const guests = duty?.rollCall.guests ?? [];
  const [form, setForm, clear] = useDraft(`guest.${draftKey}`, { open: false, name: '', post: '' });
  const [error, setError] = useState('');
  const add = () => {
    const name = form.name.trim();
    const post = form.post.trim();
    if (!name) return setError('请填写临时人员姓名');
    if (name.length > CONFIG_LIMITS.workerName || post.length > CONFIG_LIMITS.workerPost) return setError('姓名或工种太长，请删减');
    if (guests.length >= GUESTS_FORM_MAX) return setError(`一个班最多添加 ${GUESTS_FORM_MAX} 名临时人员`);
    setError('');
    edit((d) => ({ ...d, rollCall: { ...d.rollCall, guests: [...(d.rollCall.guests ?? []), { id: newId(), name, post }] } }));
    clear();
  };
  return (
    <>
      {guests.length > 0 && (
        <ul class="list" data-testid="guests">
          {guests.map((g) => (
            <li key={g.id} class="row" style={{ justifyContent: 'space-between' }}>
              <span>临时：{g.name}{g.post && <span class="muted">（{g.post}）</span>}</span>
              <button type="button" aria-label={`移除临时人员${g.name}`}
                onClick={() => edit((d) => ({ ...d, rollCall: { ...d.rollCall, guests: (d.rollCall.guests ?? []).filter((x) => x.id !== g.id) } }), `已移除临时人员：${g.name}`)}>✕</button>
            </li>
          ))}
        </ul>
      )}
      {!form.open ? (
        <button type="button" class="ghost" onClick={() => setForm({ ...form, open: true })}>+ 临时/借调人员</button>
      ) : (
        <form class="stack" onSubmit={(e) => (e.preventDefault(), add())}>
          <p class="hint">只记在本班，不加入花名册。</p>
          <input aria-label="临时人员姓名" placeholder="姓名" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          {form.name.length > 0 && <CharCount length={form.name.length} max={CONFIG_LIMITS.workerName} />}
          <input aria-label="临时人员工种" placeholder="工种或来自哪个班组（可不填）" value={form.post} onInput={(e) => setForm({ ...form, post: e.currentTarget.value })} />
          {form.post.length > 0 && <CharCount length={form.post.length} max={CONFIG_LIMITS.workerPost} />}
          {error && <p class="error" role="alert">{error}</p>}
          <div class="row">
            <button type="submit" class="primary">添加到本班</button>
            <button type="button" onClick={() => (setError(''), clear())}>取消</button>
          </div>
        </form>
      )}
    </>
  );
}
