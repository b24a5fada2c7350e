import { useState } from 'preact/hooks';
import { useDraft } from '../../form-draft';
import type { DayKey, Worker } from '../../../domain/types';
import type { PairRecord } from '../../../domain/weekly';
import { addPair, endPair, isPairActive, updatePair } from '../../../db/people';
import { save } from '../../hooks';
import { monthDay, workerName } from '../week/strings';
import { PairForm } from './PairForm';

/** 1+X 结对: one party member helps X workers; pairs are ended, never deleted. */
export function PairsSection({ pairs, workers, today }: { pairs: PairRecord[]; workers: Worker[]; today: DayKey }) {
  // Which pair is being edited is part of the draft (form-draft.ts), like the form's own fields.
  const [editing, setEditing] = useDraft<string | 'new' | null>('pair.editing', null);
  const active = pairs.filter((p) => isPairActive(p, today));
  const ended = pairs.filter((p) => !isPairActive(p, today));
  const live = workers.filter((w) => !w.deleted);
  /** Closes the form only when the write succeeded; otherwise the choices stay on screen. */
  const done = async (write: Promise<unknown>) => {
    const ok = (await write) !== undefined;
    if (ok) setEditing(null);
    return ok;
  };
  return (
    <section class="card" aria-label="1+X 结对">
      <h2>1+X 结对（{active.length}）</h2>
      {active.map((p) =>
        editing === p.id ? (
          <PairForm key={p.id} draftKey={`pair.${p.id}`} workers={live} initial={p} onCancel={() => setEditing(null)}
            onSubmit={(input) => done(save(() => updatePair(p.id, input)))} />
        ) : (
          <PairRow key={p.id} pair={p} workers={workers} today={today} onEdit={() => setEditing(p.id)} />
        ),
      )}
      {editing === 'new' ? (
        <PairForm draftKey="pair.new" workers={live} initial={{ mentorId: '', workerIds: [], since: today, until: null }} onCancel={() => setEditing(null)}
          onSubmit={(input) => done(save(() => addPair(input)))} />
      ) : (
        <button type="button" class="wide wk-add" onClick={() => setEditing('new')}>+ 新建结对</button>
      )}
      {ended.length > 0 && (
        <details>
          <summary>已结束（{ended.length}）</summary>
          {ended.map((p) => <PairRow key={p.id} pair={p} workers={workers} today={today} />)}
        </details>
      )}
    </section>
  );
}

function PairRow({ pair: p, workers, today, onEdit }: { pair: PairRecord; workers: Worker[]; today: DayKey; onEdit?: () => void }) {
  const [ending, setEnding] = useState(false);
  return (
    <div class="wk-carry-item" data-testid="pair">
      <p>
        <b>☆ {workerName(workers, p.mentorId)}</b> 帮扶 {p.workerIds.map((id) => workerName(workers, id)).join('、')}
      </p>
      <p class="hint">{monthDay(p.since)}起{p.until ? `，${monthDay(p.until)}结束` : ''}</p>
      {onEdit && (
        <div class="row">
          <button type="button" onClick={onEdit}>修改</button>
          {ending ? (
            <button type="button" class="danger" onClick={() => void save(() => endPair(p.id, today))}>确认今天结束</button>
          ) : (
            <button type="button" onClick={() => setEnding(true)}>结束结对</button>
          )}
        </div>
      )}
    </div>
  );
}
