import { useState } from 'preact/hooks';
import { sectionDone } from '../../../domain/checklist';
import { Section } from '../../components/Section';
import { toggleIn, WorkerPicker } from '../../components/WorkerPicker';
import type { SectionProps } from './types';

/** 班前会: roll call (应到/实到, absentees from the roster) and documents relayed (上级文件传达). */
export function RollCallSection({ duty, edit, workers }: SectionProps) {
  const [picking, setPicking] = useState(false);
  const rc = duty?.rollCall;
  const expected = rc?.expected ?? workers.length;
  const absent = rc?.absentees ?? [];
  const present = Math.max(0, expected - absent.length);
  return (
    <Section title="班前会点名" done={!!duty && sectionDone(duty, 'rollCall')} id="sec-rollcall">
      <p>
        应到 <b data-testid="expected">{expected}</b> 人，实到 <b data-testid="present">{present}</b> 人
      </p>
      <div class="row">
        <button type="button" class={rc?.confirmed && absent.length === 0 ? 'on' : ''} aria-pressed={Boolean(rc?.confirmed && absent.length === 0)}
          onClick={() => edit((d) => ({ ...d, rollCall: { expected, absentees: [], confirmed: true } }))}>
          全员到岗
        </button>
        <button type="button" class={absent.length > 0 ? 'on' : ''} aria-pressed={absent.length > 0} onClick={() => setPicking(true)}>
          有缺勤{absent.length > 0 ? `（${absent.length}）` : ''}
        </button>
      </div>
      {absent.length > 0 && <p class="hint">缺勤：{absent.map((id) => workers.find((w) => w.id === id)?.name ?? '已移除人员').join('、')}</p>}
      {picking && (
        <WorkerPicker title="选择缺勤人员" workers={workers} selected={absent} onClose={() => setPicking(false)}
          onToggle={(id) => edit((d) => ({ ...d, rollCall: { expected, absentees: toggleIn(d.rollCall.absentees, id), confirmed: true } }))} />
      )}
    </Section>
  );
}

export function DocumentsSection({ duty, edit, recentDocuments }: SectionProps & { recentDocuments: string[] }) {
  const [draft, setDraft] = useState('');
  const items = duty?.documents.items ?? [];
  const add = (title: string) => {
    const t = title.trim();
    if (!t) return;
    edit((d) => (d.documents.items.includes(t) ? d : { ...d, documents: { items: [...d.documents.items, t], none: false } }));
    setDraft('');
  };
  return (
    <Section title="上级文件传达" done={!!duty && sectionDone(duty, 'documents')} id="sec-documents">
      <button type="button" class={duty?.documents.none ? 'on' : ''} aria-pressed={Boolean(duty?.documents.none)}
        onClick={() => edit((d) => ({ ...d, documents: { items: d.documents.items, none: !d.documents.none } }))}>
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
        <input aria-label="文件名称或文号" placeholder="文件名称或文号" style={{ flex: '1 1 10em' }} value={draft} maxLength={100}
          onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit">添加</button>
      </form>
      <ul class="list">
        {items.map((t) => (
          <li key={t} class="row" style={{ justifyContent: 'space-between' }}>
            <span>{t}</span>
            <button type="button" aria-label={`删除${t}`}
              onClick={() => edit((d) => ({ ...d, documents: { ...d.documents, items: d.documents.items.filter((x) => x !== t) } }))}>✕</button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
