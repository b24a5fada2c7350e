import type { Worker } from '../../../domain/types';

/** Pick one worker to help: one tap adds and closes (a toggle list would invite undoing records). */
export function AddPersonSheet(props: { workers: Worker[]; taken: string[]; onPick: (id: string) => void; onClose: () => void }) {
  const free = props.workers.filter((w) => !w.deleted && !props.taken.includes(w.id));
  return (
    <div class="sheet-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="sheet" role="dialog" aria-label="选择帮扶对象">
        <div class="row wk-between">
          <h2>选择帮扶对象</h2>
          <button type="button" onClick={props.onClose}>取消</button>
        </div>
        {free.length === 0 && <p class="hint">花名册里的人员本周都已登记。</p>}
        <div class="grid2">
          {free.map((w) => (
            <button type="button" key={w.id} class="wk-person" onClick={() => props.onPick(w.id)}>
              {w.name}
              {w.post && <span class="hint wk-post">{w.post}</span>}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
