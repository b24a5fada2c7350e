import { useMemo, useState } from 'preact/hooks';
import { localDay } from '../../../domain/calendar';
import { SEARCH_KIND_LABELS, searchEntries, type SearchKind } from '../../../domain/search-index';
import type { Team } from '../../../domain/types';
import { loadSearchIndex } from '../../../db/search';
import { useLive } from '../../hooks';
import './search.css';

const KINDS = Object.keys(SEARCH_KIND_LABELS) as SearchKind[];

/**
 * 搜索: one box over people, hazards, help records and shift notes, offline (the phone's own
 * records), with filters by person, type and overdue. The index is read once and kept live;
 * each keystroke only filters it in memory.
 */
export function SearchScreen({ team }: { team: Team }) {
  const today = localDay(Date.now(), team.timeZone);
  const index = useLive(() => loadSearchIndex(today), [today]);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<SearchKind | 'all'>('all');
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const people = useMemo(() => (index ?? []).filter((e) => e.kind === 'person'), [index]);
  const filtering = query.trim() !== '' || kind !== 'all' || workerId !== null || overdueOnly;
  const found = index && filtering ? searchEntries(index, query, { kind, workerId, overdueOnly }) : null;
  return (
    <main class="search">
      <h1 style={{ margin: '8px 0' }}>搜索</h1>
      <input type="search" aria-label="搜索" placeholder="姓名、隐患、帮扶情况、班前教育…" value={query}
        onInput={(e) => setQuery(e.currentTarget.value)} />
      <div class="row sr-filters">
        <select aria-label="类型" value={kind} onChange={(e) => setKind(e.currentTarget.value as SearchKind | 'all')}>
          <option value="all">全部类型</option>
          {KINDS.map((k) => <option key={k} value={k}>{SEARCH_KIND_LABELS[k]}</option>)}
        </select>
        <select aria-label="人员" value={workerId ?? ''} onChange={(e) => setWorkerId(e.currentTarget.value || null)}>
          <option value="">全部人员</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </select>
        <button type="button" class={overdueOnly ? 'on' : ''} aria-pressed={overdueOnly} onClick={() => setOverdueOnly(!overdueOnly)}>只看超期</button>
      </div>
      {index === undefined ? <p class="muted">正在读取手机里的记录…</p>
        : !found ? <p class="hint">输入文字或选择筛选条件。只查本手机里的记录，不需要网络。</p>
        : found.total === 0 ? <p class="muted" data-testid="search-count">没有找到。</p>
        : (
          <>
            <p class="hint" data-testid="search-count">共 {found.total} 条{found.total > found.items.length ? `，显示前 ${found.items.length} 条` : ''}</p>
            <ul class="list sr-results">
              {found.items.map((e) => (
                <li key={`${e.kind}-${e.id}`} data-testid="search-result" data-kind={e.kind}>
                  <a href={e.href}>
                    <span class="badge">{SEARCH_KIND_LABELS[e.kind]}</span>{e.overdue && <span class="badge error">超期</span>} <b>{e.title}</b>
                    {e.detail && <><br /><span class="hint">{e.detail}</span></>}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
    </main>
  );
}
