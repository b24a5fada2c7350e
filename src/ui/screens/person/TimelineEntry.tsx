import { WEAK_ACTIONS, WEAK_REASONS } from '../../../domain/checklist';
import { weekLabel } from '../../../domain/calendar';
import { riskTypeLabels, type RiskType } from '../../../domain/risk-types';
import type { Worker } from '../../../domain/types';
import { HARDSHIP_HELP_LABELS } from '../../../domain/weekly';
import { TIMELINE_KIND_LABELS, type TimelineItem } from '../../../domain/weekly-timeline';
import { ResultBadge } from '../week/PrevRecord';
import { workerName } from '../week/strings';

/** One line of a person's timeline: what kind of record, and its gist. */
export function TimelineEntry({ item: it, types, workers }: { item: TimelineItem; types: RiskType[]; workers: Worker[] }) {
  const kind = <span class="wk-kind">{TIMELINE_KIND_LABELS[it.kind]}</span>;
  switch (it.kind) {
    case 'screening': {
      const reasons = [...it.reasons.filter((r) => r !== 'other').map((r) => WEAK_REASONS[r]), it.reasonOther].filter(Boolean);
      const actions = [...it.actions.filter((a) => a !== 'other').map((a) => WEAK_ACTIONS[a]), it.actionOther].filter(Boolean);
      return (
        <div>
          {kind} <span class="muted">{it.shiftName}</span>
          <div>{reasons.join('、') || '未填原因'}{actions.length > 0 && ` → ${actions.join('、')}`}</div>
        </div>
      );
    }
    case 'talk':
      return <div>{kind} <span class="muted">{it.shiftName ?? '周帮扶'}</span></div>;
    case 'help':
      return (
        <div>
          {kind} <span class="muted">{weekLabel(it.week).split(' ')[0]}</span> <ResultBadge result={it.result} />
          <div>{riskTypeLabels(types, it.riskTypeIds).join('、') || '未选类型'}</div>
          <a href={`/week/${it.week}`}>查看该周 →</a>
        </div>
      );
    case 'hardship':
      return (
        <div>
          {kind} {it.hardshipKind || '（详情已从本机清除）'}
          <div>{HARDSHIP_HELP_LABELS[it.help]}{it.help === 'fund' && it.amountYuan !== null ? ` ${it.amountYuan}元` : ''}</div>
        </div>
      );
    case 'pairing':
      return (
        <div>
          {kind} {it.role === 'mentor' ? '作为帮扶党员' : `由 ${workerName(workers, it.mentorId)} 帮扶`}
          <div class="muted">
            {it.role === 'mentor' && `帮扶 ${it.workerIds.map((id) => workerName(workers, id)).join('、')}`}
            {it.until && `（${it.until} 结束）`}
          </div>
        </div>
      );
  }
}
