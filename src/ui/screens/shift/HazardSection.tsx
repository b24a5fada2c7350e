import { sectionDone } from '../../../domain/checklist';
import type { DailyDuty } from '../../../domain/types';
import { hazardLists } from '../../../db/hazard-lists';
import { addHazard, hazardsOfDuty } from '../../../db/hazards';
import { Section } from '../../components/Section';
import { useStoredDraft } from '../../draft';
import { save, useLive } from '../../hooks';
import { EMPTY_HAZARD_DRAFT, HazardForm } from '../hazards/HazardForm';
import type { SectionProps } from './types';
import { PhotoSlot } from '../../photos';

/**
 * 隐患/问题 found on this shift: each becomes an open item of the ledger (销号 there). The form's
 * draft is kept per shift (`draftKey`), so leaving the screen loses nothing.
 */
export function HazardSection({ duty, edit, ensure, day, draftKey }: SectionProps & { ensure: () => Promise<DailyDuty>; day: string; draftKey: string }) {
  const [draft, setDraft, discard] = useStoredDraft(`hazard:shift:${draftKey}`, EMPTY_HAZARD_DRAFT);
  const lists = useLive(() => hazardLists(), []);
  const items = useLive(() => (duty ? hazardsOfDuty(duty.id) : Promise.resolve([])), [duty?.id]) ?? [];
  return (
    <Section title="隐患/问题" done={!!duty && sectionDone(duty, 'hazards', items.length)} id="sec-hazards">
      <div class="row">
        <button type="button" class={duty?.hazardsNone ? 'on' : ''} aria-pressed={Boolean(duty?.hazardsNone)} disabled={items.length > 0}
          onClick={() => edit((d) => ({ ...d, hazardsNone: !d.hazardsNone }), duty?.hazardsNone ? '已取消「无隐患」' : undefined)}>无隐患</button>
        <button type="button" disabled={!draft} onClick={() => draft && setDraft({ ...draft, open: !draft.open })}>+ 登记隐患/问题</button>
      </div>
      {draft?.open && (
        <HazardForm draft={draft} onChange={setDraft} foundDay={duty?.day ?? day} lists={lists}
          onSubmit={async (input) => {
            const ok = await save(async () => {
              const d = await ensure();
              if (d.hazardsNone) edit((x) => ({ ...x, hazardsNone: false }));
              return addHazard({ day: d.day, shiftName: d.shiftName, dutyId: d.id }, input);
            });
            if (ok) discard();
            return !!ok;
          }} />
      )}
      <ul class="list">
        {items.map((h) => (
          <li key={h.id}>
            <span class="badge">{h.status === 'open' ? '未销号' : '已销号'}</span> {h.description}
            {h.responsible && <span class="muted">（{h.responsible}）</span>}
            <PhotoSlot ownerTable="hazards" ownerId={h.id} role="found" label="拍隐患照片" />
          </li>
        ))}
      </ul>
      {items.length > 0 && <a class="hz-go" href="/hazards">到隐患台账销号 →</a>}
    </Section>
  );
}
