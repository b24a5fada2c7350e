import { useState } from 'preact/hooks';
import { isOverdue, isReviewed, overdueDays } from '../../../domain/hazard';
import { labelOf, type HazardLists } from '../../../domain/hazard-lists';
import type { DayKey, Hazard } from '../../../domain/types';
import { closeItem, editItem, reopenItem, reviewItem, withdrawItem } from '../../../db/hazards';
import { useStoredDraft } from '../../draft';
import { save } from '../../hooks';
import { PhotoSlot } from '../../photos';
import { draftOf, HazardForm } from './HazardForm';
import { ACTION_LABEL, changeText } from './hazard-text';

type Mode = 'close' | 'reopen' | 'review' | 'withdraw';
const NOTE: Record<Mode, { placeholder: string; confirm: string; required: boolean }> = {
  close: { placeholder: '整改验收情况', confirm: '确认销号', required: false },
  reopen: { placeholder: '重新打开的原因', confirm: '确认重新打开', required: false },
  review: { placeholder: '复查情况（谁复查、结果）', confirm: '确认复查合格', required: false },
  withdraw: { placeholder: '删除原因（如：误登记、重复登记、测试）', confirm: '确认删除', required: true },
};

/** One item of the ledger: state, overdue days, history of changes, and what can be done to it. */
export function HazardCard({ h, today, lists }: { h: Hazard; today: DayKey; lists: HazardLists | undefined }) {
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<Mode | null>(null);
  const [noteError, setNoteError] = useState('');
  const [edit, setEdit, discardEdit] = useStoredDraft(`hazard-edit:${h.id}`, draftOf(h));
  const overdue = isOverdue(h, today);
  const needsReview = !!lists?.reviewBeforeClose && h.status === 'open' && !isReviewed(h);
  const act = async () => {
    if (!mode) return;
    if (NOTE[mode].required && !note.trim()) return setNoteError('请填写删除原因');
    const r = await save(() => (mode === 'close' ? closeItem(h.id, today, note) : mode === 'reopen' ? reopenItem(h.id, today, note)
      : mode === 'review' ? reviewItem(h.id, today, note) : withdrawItem(h.id, today, note)));
    if (r) { setNote(''); setMode(null); setNoteError(''); }
  };
  const category = lists ? labelOf(lists.categories, h.category) : '';
  const severity = lists ? labelOf(lists.severities, h.severity) : '';
  return (
    <article class={overdue ? 'card hz-overdue' : 'card'} data-testid="hazard" data-status={h.status}>
      <div class="row">
        <span class="badge">{h.status === 'open' ? '○ 未销号' : '● 已销号'}</span>
        {overdue && <span class="badge error" data-testid="overdue">⚠ 已超期 {overdueDays(h, today)} 天</span>}
        {h.status === 'open' && isReviewed(h) && <span class="badge ok">已复查</span>}
        {(category || severity) && <span class="badge">{[category, severity].filter(Boolean).join(' · ')}</span>}
      </div>
      <p style={{ margin: '6px 0' }}>{h.description}</p>
      <p class="hint">
        {h.foundDay} {h.shiftName} 发现
        {h.responsible && ` · 责任人 ${h.responsible}`}
        {h.deadline && ` · 期限 ${h.deadline}`}
        {h.closedDay && ` · ${h.closedDay} 销号${h.closeNote ? `：${h.closeNote}` : ''}`}
      </p>
      <PhotoSlot ownerTable="hazards" ownerId={h.id} role="found" label="隐患照片（整改前）" />
      {(mode === 'close' || h.status === 'closed') && (
        <PhotoSlot ownerTable="hazards" ownerId={h.id} role="fixed" label="整改后照片" />
      )}
      {h.history.length > 0 && (
        <details class="hz-history"><summary>处理记录（{h.history.length}）</summary>
          <ul>{h.history.map((e, i) => (
            <li key={`${e.at}-${i}`}>{e.day} {ACTION_LABEL[e.action]}{e.note && `：${e.note}`}
              {e.changes && e.changes.length > 0 && <span class="hint">（{e.changes.map((c) => changeText(c, lists)).join('；')}）</span>}</li>
          ))}</ul>
        </details>
      )}
      {edit?.open ? (
        <div class="card">
          <HazardForm draft={edit} onChange={setEdit} foundDay={h.foundDay} lists={lists} submitLabel="保存修改"
            onCancel={discardEdit}
            onSubmit={async (input) => {
              const ok = !!(await save(() => editItem(h.id, today, input)));
              if (ok) discardEdit();
              return ok;
            }} />
        </div>
      ) : mode ? (
        <div class="stack">
          <input aria-label="说明" placeholder={NOTE[mode].placeholder} value={note} maxLength={100}
            onInput={(e) => { setNote(e.currentTarget.value); setNoteError(''); }} />
          {noteError && <p class="error" role="alert">{noteError}</p>}
          <div class="row">
            <button type="button" class="primary" onClick={act}>{NOTE[mode].confirm}</button>
            <button type="button" onClick={() => { setMode(null); setNoteError(''); }}>取消</button>
          </div>
        </div>
      ) : (
        <div class="row">
          {needsReview && <button type="button" onClick={() => setMode('review')}>复查</button>}
          <button type="button" disabled={needsReview} onClick={() => setMode(h.status === 'open' ? 'close' : 'reopen')}>
            {h.status === 'open' ? '销号' : '重新打开'}</button>
          <button type="button" onClick={() => edit && setEdit({ ...draftOf(h), open: true })}>修改</button>
          <button type="button" class="ghost" onClick={() => setMode('withdraw')}>删除</button>
        </div>
      )}
      {needsReview && !mode && !edit?.open && <p class="hint">本支部要求先复查合格再销号。</p>}
    </article>
  );
}
