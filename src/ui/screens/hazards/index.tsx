import { useState } from 'preact/hooks';
import { localDay } from '../../../domain/calendar';
import { isOverdue, sortLedger } from '../../../domain/hazard';
import type { Hazard, Team } from '../../../domain/types';
import { addHazard, closeItem, listHazards, reopenItem } from '../../../db/hazards';
import { save, useLive } from '../../hooks';
import { HazardForm } from './HazardForm';
import { PhotoSlot } from '../../photos';

type Filter = 'open' | 'closed' | 'all';
const FILTERS: [Filter, string][] = [['open', '未销号'], ['closed', '已销号'], ['all', '全部']];

/** 隐患/问题台账: open items of every shift, 销号 with a note, reopen; closed ones stay findable. */
export function HazardsScreen({ team }: { team: Team }) {
  const today = localDay(Date.now(), team.timeZone);
  const all = useLive(() => listHazards(), []) ?? [];
  const [filter, setFilter] = useState<Filter>('open');
  const [adding, setAdding] = useState(false);
  const shown = sortLedger(all.filter((h) => filter === 'all' || h.status === filter), today);
  const openCount = all.filter((h) => h.status === 'open').length;
  return (
    <main>
      <h1 style={{ margin: '8px 0' }}>隐患/问题台账</h1>
      <div class="row" role="tablist">
        {FILTERS.map(([k, label]) => (
          <button type="button" role="tab" key={k} aria-selected={filter === k} class={filter === k ? 'primary' : ''} onClick={() => setFilter(k)}>
            {label}{k === 'open' ? `（${openCount}）` : ''}
          </button>
        ))}
      </div>
      <button type="button" class="wide" style={{ margin: '8px 0' }} onClick={() => setAdding(!adding)}>+ 登记隐患/问题</button>
      {adding && (
        <div class="card">
          <HazardForm onAdd={async (input) => {
            const ok = !!(await save(() => addHazard({ day: today, shiftName: '', dutyId: null }, input)));
            if (ok) setAdding(false);
            return ok;
          }} />
        </div>
      )}
      {shown.length === 0 && <p class="muted">{filter === 'open' ? '没有未销号的隐患。' : '暂无记录。'}</p>}
      {shown.map((h) => <HazardCard key={h.id} h={h} today={today} />)}
    </main>
  );
}

function HazardCard({ h, today }: { h: Hazard; today: string }) {
  const [note, setNote] = useState('');
  const [acting, setActing] = useState(false);
  const overdue = isOverdue(h, today);
  const act = async () => {
    const r = await save(() => (h.status === 'open' ? closeItem(h.id, today, note) : reopenItem(h.id, today, note)));
    if (r) { setNote(''); setActing(false); }
  };
  return (
    <article class="card" data-testid="hazard" data-status={h.status}>
      <div class="row">
        <span class="badge">{h.status === 'open' ? '○ 未销号' : '● 已销号'}</span>
        {overdue && <span class="badge error">⚠ 已超期</span>}
      </div>
      <p style={{ margin: '6px 0' }}>{h.description}</p>
      <p class="hint">
        {h.foundDay} {h.shiftName} 发现
        {h.responsible && ` · 责任人 ${h.responsible}`}
        {h.deadline && ` · 期限 ${h.deadline}`}
        {h.closedDay && ` · ${h.closedDay} 销号${h.closeNote ? `：${h.closeNote}` : ''}`}
      </p>
      <PhotoSlot ownerTable="hazards" ownerId={h.id} role="found" label="隐患照片（整改前）" />
      {(acting || h.status === 'closed') && (
        <PhotoSlot ownerTable="hazards" ownerId={h.id} role="fixed" label="整改后照片" />
      )}
      {h.history.length > 0 && (
        <details><summary>处理记录（{h.history.length}）</summary>
          <ul>{h.history.map((e) => <li key={e.at}>{e.day} {e.action === 'close' ? '销号' : '重新打开'}{e.note && `：${e.note}`}</li>)}</ul>
        </details>
      )}
      {acting ? (
        <div class="stack">
          <input aria-label="说明" placeholder={h.status === 'open' ? '整改验收情况' : '重新打开的原因'} value={note} maxLength={100}
            onInput={(e) => setNote(e.currentTarget.value)} />
          <div class="row">
            <button type="button" class="primary" onClick={act}>{h.status === 'open' ? '确认销号' : '确认重新打开'}</button>
            <button type="button" onClick={() => setActing(false)}>取消</button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setActing(true)}>{h.status === 'open' ? '销号' : '重新打开'}</button>
      )}
    </article>
  );
}
