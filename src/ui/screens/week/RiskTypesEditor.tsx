import { useEffect, useState } from 'preact/hooks';
import { RISK_TYPE_NAME_MAX, riskTypeNameError, type RiskType } from '../../../domain/risk-types';
import { addRiskType, ensureRiskTypes, listRiskTypes, renameRiskType, setRiskTypeRetired } from '../../../db/weekly';
import { save, useLive } from '../../hooks';
import './week.css';

/**
 * 不稳定不安全隐患类型, editable on the phone: add, rename, retire (停用) or reinstate.
 * Nothing is deleted: a retired type keeps its name on the records that used it.
 * Mounted inline on the week screen (管理类型) and in settings.
 */
export function RiskTypesEditor() {
  useEffect(() => void save(ensureRiskTypes), []);
  const all = useLive(() => listRiskTypes(), []) ?? [];
  const types = all.filter((t) => !t.deleted).sort((a, b) => Number(a.retired) - Number(b.retired) || a.order - b.order);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    const err = riskTypeNameError(name, all);
    setError(err);
    if (!err && (await save(() => addRiskType(name)))) setName('');
  };
  return (
    <div class="stack" data-testid="risk-types">
      <h2>隐患类型</h2>
      <p class="hint">停用的类型不再供新记录选择，旧记录仍显示原名称。</p>
      <ul class="list">{types.map((t) => <TypeRow key={t.id} type={t} all={all} />)}</ul>
      <form class="row" onSubmit={add} noValidate>
        <input aria-label="新类型名称" placeholder="新类型名称" class="wk-grow" value={name} maxLength={RISK_TYPE_NAME_MAX}
          onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary">添加类型</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}

function TypeRow({ type: t, all }: { type: RiskType; all: RiskType[] }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(t.name);
  const [error, setError] = useState<string | null>(null);
  const rename = async (e: Event) => {
    e.preventDefault();
    const err = riskTypeNameError(name, all, t.id);
    setError(err);
    if (!err && (await save(() => renameRiskType(t.id, name)))) setEditing(false);
  };
  const reinstate = () => {
    // Reinstating must not create two live types of the same name.
    const err = riskTypeNameError(t.name, all, t.id);
    setError(err);
    if (!err) void save(() => setRiskTypeRetired(t.id, false));
  };
  if (editing) {
    return (
      <li>
        <form class="row" onSubmit={rename} noValidate>
          <input aria-label={`${t.name}的新名称`} class="wk-grow" value={name} maxLength={RISK_TYPE_NAME_MAX} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" class="primary">保存</button>
          <button type="button" onClick={() => (setEditing(false), setName(t.name), setError(null))}>取消</button>
        </form>
        {error && <p class="error" role="alert">{error}</p>}
      </li>
    );
  }
  return (
    <li>
      <div class="row wk-between" data-testid="risk-type">
        <span class={t.retired ? 'muted' : ''}>{t.name}{t.retired && <span class="badge wk-retired">已停用</span>}</span>
        <span class="row">
          {!t.retired && <button type="button" aria-label={`改名${t.name}`} onClick={() => setEditing(true)}>改名</button>}
          {t.retired
            ? <button type="button" aria-label={`启用${t.name}`} onClick={reinstate}>启用</button>
            : <button type="button" aria-label={`停用${t.name}`} onClick={() => void save(() => setRiskTypeRetired(t.id, true))}>停用</button>}
        </span>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </li>
  );
}
