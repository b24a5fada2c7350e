import { useState } from 'preact/hooks';
import { DEFAULT_RISK_TYPE_NAMES, defaultRiskTypes, RISK_TYPE_NAME_MAX, riskTypeNameError, type RiskType } from '../../../domain/risk-types';
import { addRiskType, ensureRiskTypes, listRiskTypes, renameRiskType, setRiskTypeRetired } from '../../../db/weekly';
import { save, useLive } from '../../hooks';
import './week.css';

/**
 * 帮扶类型 (the branch's 不稳定不安全因素), editable on the phone: add, rename, retire (停用) or reinstate.
 * Nothing is deleted: a retired type keeps its name on the records that used it.
 * Mounted inline on the week screen (管理类型) and in settings.
 */
export function RiskTypesEditor() {
  // Opening the editor writes nothing: the defaults are stored when the user adds or adopts them.
  const loaded = useLive(() => listRiskTypes(), []);
  const all = loaded ?? [];
  const types = all.filter((t) => !t.deleted).sort((a, b) => Number(a.retired) - Number(b.retired) || a.order - b.order);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    // With nothing stored yet, a new name is checked against the defaults it will join.
    let n = 0;
    const err = riskTypeNameError(name, all.length ? all : defaultRiskTypes(0, () => `default-${n++}`));
    setError(err);
    if (!err && (await save(async () => (await ensureRiskTypes(), addRiskType(name))))) setName('');
  };
  return (
    <div class="stack" data-testid="risk-types">
      <h2>帮扶类型（不稳定不安全因素）</h2>
      <p class="hint">停用的类型不再供新记录选择，旧记录仍显示原名称。</p>
      {loaded && all.length === 0 && (
        <div class="stack" data-testid="default-types">
          <p class="hint">默认类型：{DEFAULT_RISK_TYPE_NAMES.join('、')}。添加帮扶记录时自动采用。</p>
          <button type="button" onClick={() => void save(ensureRiskTypes)}>采用默认类型</button>
        </div>
      )}
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
