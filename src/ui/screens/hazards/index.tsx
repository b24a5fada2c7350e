import { useState } from 'preact/hooks';
import { localDay } from '../../../domain/calendar';
import { isOverdue, sortLedger } from '../../../domain/hazard';
import { matchesQuery } from '../../../domain/search';
import type { Team } from '../../../domain/types';
import { hazardLists } from '../../../db/hazard-lists';
import { addHazard, listHazards } from '../../../db/hazards';
import { useStoredDraft } from '../../draft';
import { save, useLive } from '../../hooks';
import { HazardCard } from './HazardCard';
import { EMPTY_HAZARD_DRAFT, HazardForm } from './HazardForm';

type Filter = 'open' | 'overdue' | 'closed' | 'all';
const FILTERS: [Filter, string][] = [['open', '未销号'], ['overdue', '超期'], ['closed', '已销号'], ['all', '全部']];

/** 隐患/问题台账: open items of every shift, 销号 with a note, reopen, correct; closed ones stay findable. */
export function HazardsScreen({ team }: { team: Team }) {
  const today = localDay(Date.now(), team.timeZone);
  const all = useLive(() => listHazards(), []) ?? [];
  const lists = useLive(() => hazardLists(), []);
  // Opened from 搜索 (/hazards?q=…): the item may be closed, so every item is looked through.
  const [query, setQuery] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [filter, setFilter] = useState<Filter>(query ? 'all' : 'open');
  const [draft, setDraft, discard] = useStoredDraft('hazard:ledger', EMPTY_HAZARD_DRAFT);
  const keep = (h: (typeof all)[number]) =>
    (filter === 'all' || (filter === 'overdue' ? isOverdue(h, today) : h.status === filter))
    && matchesQuery([h.description, h.responsible, h.closeNote], query);
  const shown = sortLedger(all.filter(keep), today);
  const openCount = all.filter((h) => h.status === 'open').length;
  const overdueCount = all.filter((h) => isOverdue(h, today)).length;
  return (
    <main>
      <h1 style={{ margin: '8px 0' }}>隐患/问题台账</h1>
      <div class="row" role="tablist">
        {FILTERS.map(([k, label]) => (
          <button type="button" role="tab" key={k} aria-selected={filter === k} class={filter === k ? 'primary' : ''} onClick={() => setFilter(k)}>
            {label}{k === 'open' ? `（${openCount}）` : k === 'overdue' ? `（${overdueCount}）` : ''}
          </button>
        ))}
      </div>
      <input type="search" class="hz-search" aria-label="在台账中查找" placeholder="查找：内容、责任人" value={query}
        onInput={(e) => setQuery(e.currentTarget.value)} />
      <button type="button" class="wide" style={{ margin: '8px 0' }} disabled={!draft}
        onClick={() => draft && setDraft({ ...draft, open: !draft.open })}>+ 登记隐患/问题</button>
      {draft?.open && (
        <div class="card">
          <HazardForm draft={draft} onChange={setDraft} foundDay={today} lists={lists} onCancel={discard}
            onSubmit={async (input) => {
              const ok = !!(await save(() => addHazard({ day: today, shiftName: '', dutyId: null }, input)));
              if (ok) discard();
              return ok;
            }} />
        </div>
      )}
      {shown.length === 0 && <p class="muted">{query ? '没有找到匹配的隐患。' : filter === 'open' ? '没有未销号的隐患。' : '暂无记录。'}</p>}
      {shown.map((h) => <HazardCard key={h.id} h={h} today={today} lists={lists} />)}
    </main>
  );
}
