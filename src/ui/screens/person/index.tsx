import { dayLabel, localDay } from '../../../domain/calendar';
import type { Team } from '../../../domain/types';
import { personTimeline } from '../../../domain/weekly-timeline';
import { isPairActive, personSources } from '../../../db/people';
import { listWorkers } from '../../../db/team';
import { listRiskTypes } from '../../../db/weekly';
import { useLive } from '../../hooks';
import '../week/week.css';
import { REMOVED_WORKER, workerName } from '../week/strings';
import { TimelineEntry } from './TimelineEntry';

/** A person's page: their 1+X pair, then everything recorded about them, newest first. */
export function PersonScreen({ team, workerId }: { team: Team; workerId: string }) {
  const today = localDay(Date.now(), team.timeZone);
  const workers = useLive(() => listWorkers(true), []);
  const types = useLive(() => listRiskTypes(), []);
  const src = useLive(() => personSources(workerId), [workerId]);
  if (!workers || !types || !src) return <main><p class="muted">加载中…</p></main>;
  const w = workers.find((x) => x.id === workerId);
  const items = personTimeline(workerId, src);
  const pairs = src.pairs.filter((p) => !p.deleted && isPairActive(p, today));
  return (
    <main class="wk-page">
      <a class="btn" href="/people">‹ 人员台账</a>
      <div class="card" style={{ marginTop: '8px' }}>
        <h1 data-testid="person-name">{w?.name ?? REMOVED_WORKER}</h1>
        <p class="muted" style={{ margin: '4px 0' }}>
          {w?.post}
          {w?.partyMember && <span class="badge wk-reported" style={{ marginLeft: '8px' }}>☆ 党员</span>}
          {w?.deleted && <span class="badge wk-open" style={{ marginLeft: '8px' }}>已移出花名册</span>}
        </p>
        <div data-testid="person-pair">
          {pairs.length === 0 && <p class="hint">未参加 1+X 结对。</p>}
          {pairs.map((p) => (
            <p key={p.id} style={{ margin: '4px 0' }}>
              1+X：<b>☆ {workerName(workers, p.mentorId)}</b> 帮扶 {p.workerIds.map((id) => workerName(workers, id)).join('、')}
            </p>
          ))}
        </div>
      </div>
      <h2 class="wk-h2">记录（{items.length}）</h2>
      {items.length === 0 && <p class="muted">还没有与此人相关的记录。</p>}
      <ul class="list wk-timeline" data-testid="timeline">
        {items.map((it) => (
          <li key={`${it.kind}-${it.recordId}-${it.day}`} data-kind={it.kind}>
            <span class="wk-when">{dayLabel(it.day)}</span>
            <TimelineEntry item={it} types={types} workers={workers} />
          </li>
        ))}
      </ul>
    </main>
  );
}
