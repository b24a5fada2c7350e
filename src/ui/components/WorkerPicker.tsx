import { useState } from 'preact/hooks';
import type { Worker } from '../../domain/types';

/**
 * A bottom sheet to pick workers from the roster: big rows, several at once, 完成 to close.
 * The selection is committed on every tap (the parent saves it), so closing loses nothing.
 */
export function WorkerPicker(props: {
  title: string;
  workers: Worker[];
  selected: string[];
  onToggle: (id: string) => void;
  onClose: () => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = props.workers.filter((w) => !filter || w.name.includes(filter) || w.post.includes(filter));
  return (
    <div class="sheet-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="sheet" role="dialog" aria-label={props.title}>
        <div class="row" style={{ justifyContent: 'space-between' }}>
          <h2>{props.title}</h2>
          <button type="button" class="primary" onClick={props.onClose}>
            完成
          </button>
        </div>
        {props.workers.length > 12 && (
          <input placeholder="搜索姓名或工种" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        )}
        {props.workers.length === 0 && <p class="hint">花名册还没有人员，请先在「设置」里添加。</p>}
        <div class="grid2" style={{ marginTop: '8px' }}>
          {shown.map((w) => {
            const on = props.selected.includes(w.id);
            return (
              <button type="button" key={w.id} class={on ? 'on' : ''} aria-pressed={on} onClick={() => props.onToggle(w.id)}>
                {on ? '✓ ' : ''}
                {w.name}
                {w.post && <span class="hint" style={{ color: 'inherit' }}>{w.post}</span>}
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}

export function toggleIn(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}
