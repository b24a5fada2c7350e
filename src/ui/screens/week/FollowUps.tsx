import { WEAK_REASONS } from '../../../domain/checklist';
import type { RiskType } from '../../../domain/risk-types';
import type { Worker } from '../../../domain/types';
import type { HelpRecord } from '../../../domain/weekly';
import type { Carry } from '../../../domain/weekly-carry';
import { TEXT_MAX } from '../../../domain/weekly-validate';
import type { Suggestion } from '../../../domain/weekly-suggest';
import { addHelpRecord, followUp } from '../../../db/weekly';
import { save } from '../../hooks';
import { PrevRecord } from './PrevRecord';
import { monthDay, workerName } from './strings';

interface Props {
  week: string;
  workers: Worker[];
  types: RiskType[];
  onStarted: (r: HelpRecord) => void;
}

/**
 * People still watched in an earlier week and not yet seen this week: they stay listed
 * until the instructor acts, so nobody at risk drops off because a new week began.
 */
export function CarryList({ carries, week, workers, types, onStarted }: Props & { carries: Carry[] }) {
  if (carries.length === 0) return null;
  const start = async (prev: HelpRecord, resolved: boolean) => {
    const r = await save(() => followUp(prev, week, resolved ? 'resolved' : null));
    if (r && !resolved) onStarted(r);
  };
  return (
    <section class="card wk-carry" aria-label="需继续帮扶">
      <h2>需继续帮扶（{carries.length}）</h2>
      <p class="hint">以下人员此前仍在持续关注（或未定结果），请本周跟进。</p>
      {carries.map(({ workerId, previous }) => {
        const name = workerName(workers, workerId);
        return (
          <div class="wk-carry-item" key={workerId} data-testid="carry" data-worker={name}>
            <a href={`/person/${workerId}`} class="wk-name">{name}</a>
            <PrevRecord record={previous} types={types} />
            <div class="grid2">
              <button type="button" class="primary" aria-label={`继续帮扶${name}`} onClick={() => void start(previous, false)}>继续帮扶</button>
              <button type="button" aria-label={`${name}已化解`} onClick={() => void start(previous, true)}>✓ 已化解</button>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function reasonText(s: Suggestion): string {
  const parts = s.reasons.map((r) => `${WEAK_REASONS[r.reason]}×${r.count}`);
  return [...parts, ...s.reasonOthers].join('、');
}

/** Workers screened as 薄弱 in two or more shifts this week: proposed, never added silently. */
export function SuggestionList({ suggestions, week, workers, onStarted }: Props & { suggestions: Suggestion[] }) {
  if (suggestions.length === 0) return null;
  const add = async (s: Suggestion) => {
    const situation = `班前排查${s.shifts}次：${reasonText(s)}`.slice(0, TEXT_MAX);
    const r = await save(() => addHelpRecord(week, s.workerId, { situation }));
    if (r) onStarted(r);
  };
  return (
    <section class="card wk-suggest" aria-label="建议关注">
      <h2>建议关注（{suggestions.length}）</h2>
      {suggestions.map((s) => {
        const name = workerName(workers, s.workerId);
        return (
          <div class="wk-carry-item" key={s.workerId} data-testid="suggestion">
            <p><b>{name}</b>：本周 {s.shifts} 个班次排查为薄弱人员（{s.days.map(monthDay).join('、')}）</p>
            <p class="hint">原因：{reasonText(s) || '未填'}</p>
            <button type="button" class="wide" aria-label={`为${name}添加帮扶`} onClick={() => void add(s)}>+ 添加帮扶</button>
          </div>
        );
      })}
    </section>
  );
}
