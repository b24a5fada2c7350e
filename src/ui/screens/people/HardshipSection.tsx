import { useDraft } from '../../form-draft';
import type { DayKey, Worker } from '../../../domain/types';
import { HARDSHIP_HELP_LABELS } from '../../../domain/weekly';
import { addHardship, listHardships } from '../../../db/people';
import { save, useLive } from '../../hooks';
import { monthDay, workerName } from '../week/strings';
import { HardshipForm } from './HardshipForm';
import { ScrubbedNote } from '../../components/ScrubbedNote';

/** 困难职工台账: each visit, fund payment or other help, newest first. */
export function HardshipSection({ workers, today }: { workers: Worker[]; today: DayKey }) {
  const entries = useLive(() => listHardships(), []) ?? [];
  // Open or not is part of the draft: coming back finds the form as it was left.
  const [adding, setAdding] = useDraft('hardship.open', false);
  return (
    <section class="card" aria-label="困难职工台账">
      <h2>困难职工台账（{entries.length}）</h2>
      {adding ? (
        <HardshipForm workers={workers.filter((w) => !w.deleted)} today={today} onCancel={() => setAdding(false)}
          onSubmit={async (input) => {
            const ok = (await save(() => addHardship(input))) !== undefined;
            if (ok) setAdding(false);
            return ok;
          }} />
      ) : (
        <button type="button" class="wide wk-add" onClick={() => setAdding(true)}>+ 登记困难帮扶</button>
      )}
      <ul class="list">
        {entries.map((h) => (
          <li key={h.id} data-testid="hardship">
            <p style={{ margin: 0 }}>
              <span class="muted">{monthDay(h.day)}</span>{' '}
              <a href={`/person/${h.workerId}`}>{workerName(workers, h.workerId)}</a> · {h.kind || '（已清除）'} ·{' '}
              <b>{HARDSHIP_HELP_LABELS[h.help]}{h.help === 'fund' && h.amountYuan !== null ? ` ${h.amountYuan}元` : ''}</b>
            </p>
            {h.note && <p class="hint" style={{ margin: 0 }}>{h.note}</p>}
            {h.followUp && <p class="hint" style={{ margin: 0 }}>后续：{h.followUp}</p>}
            <ScrubbedNote record={h} />
          </li>
        ))}
      </ul>
    </section>
  );
}
