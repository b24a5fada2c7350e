import { useState } from 'preact/hooks';
import { attendance, sectionDone } from '../../../domain/checklist';
import { CharCount } from '../../components/CharCount';
import { Section } from '../../components/Section';
import { toggleIn, WorkerPicker } from '../../components/WorkerPicker';
import { useDraft } from '../../form-draft';
import { GuestList } from './GuestList';
import type { SectionProps } from './types';

/** 班前会: roll call (应到/实到, absentees from the roster, temporary workers of this shift) and documents relayed. */
export function RollCallSection({ duty, edit, workers, draftKey }: SectionProps & { draftKey: string }) {
  const [picking, setPicking] = useState(false);
  const rc = duty?.rollCall;
  const att = attendance(duty, workers.length);
  const absent = att.absentees;
  const nameOf = (id: string) => workers.find((w) => w.id === id)?.name ?? '已移除人员';
  // 应到 of the roster alone: what 全员到岗 and the picker store (guests are counted on top).
  const rosterExpected = rc?.expected ?? workers.length;
  return (
    <Section title="班前会点名" done={!!duty && sectionDone(duty, 'rollCall')} id="sec-rollcall">
      <p>
        应到 <b data-testid="expected">{att.expected}</b> 人，实到 <b data-testid="present">{att.present}</b> 人
      </p>
      <div class="row">
        <button type="button" class={rc?.confirmed && absent.length === 0 ? 'on' : ''} aria-pressed={Boolean(rc?.confirmed && absent.length === 0)}
          onClick={() => edit((d) => ({ ...d, rollCall: { ...d.rollCall, expected: rosterExpected, absentees: [], confirmed: true } }), absent.length ? `已清空缺勤名单（${absent.length} 人）` : undefined)}>
          全员到岗
        </button>
        <button type="button" class={absent.length > 0 ? 'on' : ''} aria-pressed={absent.length > 0} onClick={() => setPicking(true)}>
          有缺勤{absent.length > 0 ? `（${absent.length}）` : ''}
        </button>
      </div>
      {absent.length > 0 && <p class="hint">缺勤：{absent.map(nameOf).join('、')}</p>}
      {att.sentOff.length > 0 && <p class="hint" data-testid="sent-off">安排休息/停止下井（不计实到）：{att.sentOff.map(nameOf).join('、')}</p>}
      <GuestList duty={duty} edit={edit} draftKey={draftKey} />
      {picking && (
        <WorkerPicker title="选择缺勤人员" workers={workers} selected={absent} onClose={() => setPicking(false)}
          onToggle={(id) => edit((d) => ({ ...d, rollCall: { ...d.rollCall, expected: rosterExpected, absentees: toggleIn(d.rollCall.absentees, id), confirmed: true } }))} />
      )}
    </Section>
  );
}

/** 文件 title limit (the record schema's). */
const DOCUMENT_MAX = 100;

export function DocumentsSection({ duty, edit, recentDocuments, draftKey }: SectionProps & { recentDocuments: string[]; draftKey: string }) {
  const [draft, setDraft, clearDraft] = useDraft(`doc.${draftKey}`, '');
  const items = duty?.documents.items ?? [];
  const add = (title: string) => {
    const t = title.trim();
    if (!t || t.length > DOCUMENT_MAX) return; // the counter says why

    edit((d) => (d.documents.items.includes(t) ? d : { ...d, documents: { items: [...d.documents.items, t], none: false } }));
    clearDraft();
  };
  return (
    <Section title="上级文件传达" done={!!duty && sectionDone(duty, 'documents')} id="sec-documents">
      <button type="button" class={duty?.documents.none ? 'on' : ''} aria-pressed={Boolean(duty?.documents.none)}
        onClick={() => edit((d) => ({ ...d, documents: { items: d.documents.items, none: !d.documents.none } }), duty?.documents.none ? '已取消「本班无文件传达」' : undefined)}>
        本班无文件传达
      </button>
      {recentDocuments.filter((r) => !items.includes(r)).length > 0 && (
        <div class="row" style={{ marginTop: '8px' }}>
          {recentDocuments.filter((r) => !items.includes(r)).map((r) => (
            <button type="button" class="chip" key={r} onClick={() => add(r)}>+ {r}</button>
          ))}
        </div>
      )}
      <form class="row" style={{ marginTop: '8px' }} onSubmit={(e) => (e.preventDefault(), add(draft))}>
        <input aria-label="文件名称或文号" placeholder="文件名称或文号" style={{ flex: '1 1 10em' }} value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit">添加</button>
      </form>
      {draft.length > 0 && <CharCount length={draft.length} max={DOCUMENT_MAX} />}
      <ul class="list">
        {items.map((t) => (
          <li key={t} class="row" style={{ justifyContent: 'space-between' }}>
            <span>{t}</span>
            <button type="button" aria-label={`删除${t}`}
              onClick={() => edit((d) => ({ ...d, documents: { ...d.documents, items: d.documents.items.filter((x) => x !== t) } }), `已删除文件：${t}`)}>✕</button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
