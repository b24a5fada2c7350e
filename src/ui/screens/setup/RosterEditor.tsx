import { useState } from 'preact/hooks';
import { parseRosterPaste, validateWorker } from '../../../domain/validation';
import { addWorkers, listWorkers, removeWorker, updateWorker } from '../../../db/team';
import { save, useLive } from '../../hooks';

/** The roster: name and post (工种) only — no ID or phone numbers, by design. */
export function RosterEditor() {
  const workers = useLive(() => listWorkers(), []) ?? [];
  const [name, setName] = useState('');
  const [post, setPost] = useState('');
  const [paste, setPaste] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  const addOne = async (e: Event) => {
    e.preventDefault();
    const r = validateWorker({ name, post }, workers);
    if (!r.ok) return setErrors(r.errors.map((x) => x.message));
    if (await save(() => addWorkers([{ name, post }]))) {
      setName('');
      setPost('');
      setErrors([]);
    }
  };
  const addPaste = async () => {
    const r = parseRosterPaste(paste, workers);
    setErrors(r.errors.map((x) => `第${x.line}行：${x.message}`));
    if (r.workers.length && (await save(() => addWorkers(r.workers)))) {
      // Keep only the lines that failed, so nothing typed is lost.
      const bad = new Set(r.errors.map((x) => x.line));
      setPaste(paste.split('\n').filter((_, i) => bad.has(i + 1)).join('\n'));
    }
  };

  return (
    <div class="stack">
      <p class="hint">只填姓名和工种，不要填身份证号、电话等个人信息。共 {workers.length} 人。</p>
      <form class="row" onSubmit={addOne}>
        <input aria-label="姓名" placeholder="姓名" style={{ flex: '1 1 6em' }} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <input aria-label="工种" placeholder="工种" style={{ flex: '1 1 6em' }} value={post} onInput={(e) => setPost(e.currentTarget.value)} />
        <button type="submit" class="primary">添加</button>
      </form>
      <label for="paste">批量粘贴（一行一人，姓名后可加空格和工种）</label>
      <textarea id="paste" value={paste} onInput={(e) => setPaste(e.currentTarget.value)} placeholder={'张三 采煤机司机\n李四 支架工'} />
      <button type="button" onClick={addPaste} disabled={!paste.trim()}>批量添加</button>
      {errors.length > 0 && (
        <ul class="error" role="alert">{errors.map((m) => <li key={m}>{m}</li>)}</ul>
      )}
      <ul class="list" data-testid="roster">
        {workers.map((w) => (
          <li key={w.id} class="row" style={{ justifyContent: 'space-between' }}>
            <span>
              {w.name} <span class="muted">{w.post}</span>
            </span>
            <span class="row">
              <button type="button" class={w.partyMember ? 'chip on' : 'chip'} aria-pressed={w.partyMember}
                onClick={() => save(() => updateWorker(w.id, { partyMember: !w.partyMember }))}>
                党员
              </button>
              <button type="button" aria-label={`移除${w.name}`} onClick={() => confirm(`从花名册移除「${w.name}」？以往记录仍保留。`) && save(() => removeWorker(w.id))}>
                移除
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
