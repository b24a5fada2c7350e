import { dayLabel, addDays, shiftsInDayOrder } from '../../../domain/calendar';
import { dutyProgress, recentDistinct, SECTION_LABELS } from '../../../domain/checklist';
import type { Team } from '../../../domain/types';
import { findDuty, recentDuties } from '../../../db/duties';
import { hazardsOfDuty } from '../../../db/hazards';
import { listWorkers } from '../../../db/team';
import { useLive, useLiveFrom } from '../../hooks';
import { useState } from 'preact/hooks';
import { takeFirstShift } from './prime';
import { HazardSection } from './HazardSection';
import { DistrictMeetingSection, LessonSection, OrganisationSection } from './MeetingSections';
import { WeakSection, TalksSection } from './PeopleSections';
import { DocumentsSection, RollCallSection } from './PreShiftSection';
import { useDutyEditor } from './useDutyEditor';
import { ReportDueBanner } from '../report/DueBanner';
import { Notices } from './Notices';
import { PhotoSlot } from '../../photos';

export { primeShift } from './prime';

/** 日跟班: every duty of one shift on one screen, saved tap by tap. */
export function ShiftScreen({ team, day, shiftId, isCurrent }: { team: Team; day: string; shiftId: string; isCurrent: boolean }) {
  const shift = team.shifts.find((s) => s.id === shiftId);
  // Read before the first render at a start (prime.ts); live from then on.
  const [first] = useState(() => takeFirstShift(day, shiftId));
  const workers = useLiveFrom(() => listWorkers(), first?.workers) ?? [];
  // undefined while loading, null when the shift has no record yet: never show "0/9" for a shift not read yet.
  const loaded = useLiveFrom(async () => (await findDuty(day, shiftId)) ?? null, first?.duty, [day, shiftId]);
  const duty = loaded ?? undefined;
  const hazardCount = useLiveFrom(async () => (duty ? (await hazardsOfDuty(duty.id)).length : 0), first?.hazardCount, [duty?.id]) ?? 0;
  const recent = useLive(() => recentDuties(30), []) ?? [];
  const { edit, ensure } = useDutyEditor(day, shift, workers.length);
  if (!shift) return <main><p class="error">找不到该班次，可能已在设置中删除。</p><a href="/">回到今天</a></main>;

  const progress = duty ? dutyProgress(duty, hazardCount) : null;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? Object.keys(SECTION_LABELS).length;
  const props = { duty, edit, workers };
  return (
    <main>
      {isCurrent && <Notices team={team} />}
      {isCurrent && <ReportDueBanner team={team} />}
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <a class="btn" href={`/shift/${addDays(day, -1)}/${shiftId}`} aria-label="前一天">‹</a>
        <div style={{ textAlign: 'center' }}>
          <b data-testid="shift-day">{dayLabel(day)}</b>
          {isCurrent && <span class="badge ok" style={{ marginLeft: '6px' }}>当前班</span>}
        </div>
        <a class="btn" href={`/shift/${addDays(day, 1)}/${shiftId}`} aria-label="后一天">›</a>
      </div>
      <div class="row" style={{ margin: '8px 0 0' }} role="tablist" aria-label="班次">
        {shiftsInDayOrder(team).map((s) => (
          <a key={s.id} role="tab" aria-selected={s.id === shiftId} class={s.id === shiftId ? 'btn primary' : 'btn'} href={`/shift/${day}/${s.id}`}>
            {s.name}
          </a>
        ))}
      </div>
      <div class="card" data-testid="progress">
        <div class="row" style={{ justifyContent: 'space-between' }}>
          <b>{shift.name}（{shift.start}–{shift.end}）</b>
          <span data-testid="progress-text">{loaded === undefined ? '读取中…' : duty?.dayOff ? '本班休息' : `已完成 ${done}/${total}`}</span>
        </div>
        <div class="progress" aria-hidden="true"><div style={{ width: `${(done / total) * 100}%` }} /></div>
        {progress && !progress.complete && <p class="hint">还差：{progress.missing.map((k) => SECTION_LABELS[k]).join('、')}</p>}
        {progress?.complete && !duty?.dayOff && <p class="ok">✓ 本班日跟班已全部完成</p>}
        <button type="button" class={duty?.dayOff ? 'on' : 'ghost'} onClick={() => edit((d) => ({ ...d, dayOff: !d.dayOff }), duty?.dayOff ? '已取消「本班休息/请假」' : undefined)}>
          {duty?.dayOff ? '✓ 本班休息/请假（点此取消）' : '本班我休息/请假'}
        </button>
      </div>
      {!duty?.dayOff && (
        <>
          <DistrictMeetingSection {...props} />
          <RollCallSection key={`rc.${day}.${shiftId}`} {...props} draftKey={`${day}.${shiftId}`} />
          <section class="card" id="sec-photos">
            <h2>班前会留痕</h2>
            <PhotoSlot ownerTable="duties" ownerId={duty?.id} role="meeting" label="拍班前会照片" ensureOwner={async () => (await ensure()).id} />
            <PhotoSlot ownerTable="duties" ownerId={duty?.id} role="document" label="拍传达文件首页" ensureOwner={async () => (await ensure()).id} />
          </section>
          <DocumentsSection key={`doc.${day}.${shiftId}`} {...props} draftKey={`${day}.${shiftId}`} recentDocuments={recentDistinct(recent.flatMap((d) => d.documents.items), 4)} />
          <LessonSection {...props} recentTopics={recentDistinct(recent.map((d) => d.lessonTopic), 4)} />
          <WeakSection {...props} />
          <TalksSection {...props} />
          <OrganisationSection {...props} />
          <HazardSection {...props} ensure={ensure} day={day} draftKey={`${day}/${shiftId}`} />
        </>
      )}
    </main>
  );
}
