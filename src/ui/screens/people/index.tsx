import { localDay } from '../../../domain/calendar';
import type { Team } from '../../../domain/types';
import { isPairActive, listPairs } from '../../../db/people';
import { listWorkers } from '../../../db/team';
import { useLive } from '../../hooks';
import '../week/week.css';
import { HardshipSection } from './HardshipSection';
import { PairsSection } from './PairsSection';

/** 人员台账: the roster with each person's page, the 1+X pairs and the 困难职工台账. */
export function PeopleScreen({ team }: { team: Team }) {
  const today = localDay(Date.now(), team.timeZone);
  const all = useLive(() => listWorkers(true), []);
  const pairs = useLive(() => listPairs(), []);
  if (!all || !pairs) return <main><p class="muted">加载中…</p></main>;
  const workers = all.filter((w) => !w.deleted);
  const paired = new Set(pairs.filter((p) => isPairActive(p, today)).flatMap((p) => [p.mentorId, ...p.workerIds]));
  return (
    <main class="wk-page">
      <div class="row wk-between">
        <h1>人员台账</h1>
        <a class="btn" href="/week">周帮扶 →</a>
      </div>
      <section class="card" aria-label="花名册">
        <h2>花名册（{workers.length}人）</h2>
        {workers.length === 0 && <p class="hint">花名册还没有人员，请先在「设置」里添加。</p>}
        <ul class="list" data-testid="people-roster">
          {workers.map((w) => (
            <li key={w.id}>
              <a class="wk-name" href={`/person/${w.id}`}>{w.name}</a>
              <span class="muted"> {w.post}</span>
              {w.partyMember && <span class="badge wk-reported"> ☆ 党员</span>}
              {paired.has(w.id) && <span class="badge wk-resolved"> 1+X</span>}
            </li>
          ))}
        </ul>
      </section>
      <PairsSection pairs={pairs} workers={all} today={today} />
      <HardshipSection workers={all} today={today} />
    </main>
  );
}
