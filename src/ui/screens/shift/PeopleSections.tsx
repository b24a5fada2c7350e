import { useState } from 'preact/hooks';
import { sectionDone, WEAK_ACTIONS, WEAK_REASONS } from '../../../domain/checklist';
import type { DailyDuty, WeakAction, WeakReason, WeakWorkerScreening } from '../../../domain/types';
import { Chip } from '../../components/Chip';
import { Section } from '../../components/Section';
import { TextField } from '../../components/TextField';
import { toggleIn, WorkerPicker } from '../../components/WorkerPicker';
import type { SectionProps } from './types';

const emptyEntry = (workerId: string): WeakWorkerScreening => ({ workerId, reasons: [], reasonOther: '', actions: [], actionOther: '' });

function changeEntry(d: DailyDuty, workerId: string, fn: (e: WeakWorkerScreening) => WeakWorkerScreening): DailyDuty {
  return { ...d, weak: { none: false, entries: d.weak.entries.map((e) => (e.workerId === workerId ? fn(e) : e)) } };
}

/** 班前薄弱人员排查: who, why (chips), what was done (chips). */
export function WeakSection({ duty, edit, workers }: SectionProps) {
  const [picking, setPicking] = useState(false);
  const entries = duty?.weak.entries ?? [];
  const nameOf = (id: string) => workers.find((w) => w.id === id)?.name ?? '已移除人员';
  // Taking a person off loses what was ticked for them: offered 撤销.
  const togglePerson = (id: string) =>
    edit((d) => {
      const has = d.weak.entries.some((e) => e.workerId === id);
      const list = has ? d.weak.entries.filter((e) => e.workerId !== id) : [...d.weak.entries, emptyEntry(id)];
      return { ...d, weak: { none: false, entries: list } };
    }, entries.some((e) => e.workerId === id) ? `已移除薄弱人员：${nameOf(id)}` : undefined);
  return (
    <Section title="薄弱人员排查" done={!!duty && sectionDone(duty, 'weak')} id="sec-weak">
      <div class="row">
        <button type="button" class={duty?.weak.none ? 'on' : ''} aria-pressed={Boolean(duty?.weak.none)} disabled={entries.length > 0}
          onClick={() => edit((d) => ({ ...d, weak: { none: !d.weak.none, entries: [] } }), duty?.weak.none ? '已取消「无薄弱人员」' : undefined)}>无薄弱人员</button>
        <button type="button" onClick={() => setPicking(true)}>+ 选择人员</button>
      </div>
      {entries.map((e) => (
        <div class="card" key={e.workerId} data-testid="weak-entry" style={{ marginTop: '8px' }}>
          <b>{nameOf(e.workerId)}</b>
          <p class="hint">原因</p>
          <div class="row">
            {(Object.keys(WEAK_REASONS) as WeakReason[]).map((r) => (
              <Chip key={r} label={WEAK_REASONS[r]} on={e.reasons.includes(r)}
                onToggle={() => edit((d) => changeEntry(d, e.workerId, (x) => ({ ...x, reasons: toggleIn(x.reasons, r) as WeakReason[] })))} />
            ))}
          </div>
          {e.reasons.includes('other') && (
            <TextField label="其他原因" placeholder="其他原因（简要）" value={e.reasonOther} maxLength={50}
              onSave={(v) => edit((d) => changeEntry(d, e.workerId, (x) => ({ ...x, reasonOther: v })))} />
          )}
          <p class="hint">措施</p>
          <div class="row">
            {(Object.keys(WEAK_ACTIONS) as WeakAction[]).map((a) => (
              <Chip key={a} label={WEAK_ACTIONS[a]} on={e.actions.includes(a)}
                onToggle={() => edit((d) => changeEntry(d, e.workerId, (x) => ({ ...x, actions: toggleIn(x.actions, a) as WeakAction[] })))} />
            ))}
          </div>
          {e.actions.includes('other') && (
            <TextField label="其他措施" placeholder="其他措施（简要）" value={e.actionOther} maxLength={50}
              onSave={(v) => edit((d) => changeEntry(d, e.workerId, (x) => ({ ...x, actionOther: v })))} />
          )}
        </div>
      ))}
      <p class="hint">涉及健康、家庭等情况请简要记录，不写病名和隐私细节。</p>
      {picking && (
        <WorkerPicker title="选择薄弱人员" workers={workers} selected={entries.map((e) => e.workerId)}
          onToggle={togglePerson} onClose={() => setPicking(false)} />
      )}
    </Section>
  );
}

/** 思想引导: face-to-face talks; the count is a figure the branch watches. */
export function TalksSection({ duty, edit, workers }: SectionProps) {
  const [picking, setPicking] = useState(false);
  const ids = duty?.talks.workerIds ?? [];
  return (
    <Section title="思想引导（面对面谈心）" done={!!duty && sectionDone(duty, 'talks')} id="sec-talks">
      <p>本班谈心 <b data-testid="talk-count">{ids.length}</b> 人{ids.length > 0 && `：${ids.map((id) => workers.find((w) => w.id === id)?.name ?? '已移除人员').join('、')}`}</p>
      <div class="row">
        <button type="button" onClick={() => setPicking(true)}>选择谈心人员</button>
        <button type="button" class={duty?.talks.none ? 'on' : ''} aria-pressed={Boolean(duty?.talks.none)} disabled={ids.length > 0}
          onClick={() => edit((d) => ({ ...d, talks: { workerIds: [], none: !d.talks.none } }), duty?.talks.none ? '已取消「本班未谈心」' : undefined)}>本班未谈心</button>
      </div>
      {picking && (
        <WorkerPicker title="选择谈心人员" workers={workers} selected={ids} onClose={() => setPicking(false)}
          onToggle={(id) => edit((d) => ({ ...d, talks: { workerIds: toggleIn(d.talks.workerIds, id), none: false } }))} />
      )}
    </Section>
  );
}
