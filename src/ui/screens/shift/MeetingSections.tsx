import { sectionDone } from '../../../domain/checklist';
import { Section } from '../../components/Section';
import { TextField } from '../../components/TextField';
import type { SectionProps } from './types';

/** 区队早会: attended or not, and what it asked for. */
export function DistrictMeetingSection({ duty, edit }: SectionProps) {
  const attended = duty?.districtMeeting.attended ?? null;
  const set = (v: boolean) => edit((d) => ({ ...d, districtMeeting: { ...d.districtMeeting, attended: v } }));
  return (
    <Section title="区队早会" done={!!duty && sectionDone(duty, 'districtMeeting')} id="sec-district">
      <div class="row">
        <button type="button" class={attended === true ? 'on' : ''} aria-pressed={attended === true} onClick={() => set(true)}>已参加</button>
        <button type="button" class={attended === false ? 'on' : ''} aria-pressed={attended === false} onClick={() => set(false)}>未参加</button>
      </div>
      {attended === true && (
        <TextField label="早会要求" placeholder="早会要求（可不填）" value={duty?.districtMeeting.note ?? ''}
          onSave={(v) => edit((d) => ({ ...d, districtMeeting: { ...d.districtMeeting, note: v } }))} />
      )}
    </Section>
  );
}

/** 班前教育60秒 and 安全确认: recent topics come back with one tap. */
export function LessonSection({ duty, edit, recentTopics }: SectionProps & { recentTopics: string[] }) {
  const topic = duty?.lessonTopic ?? '';
  return (
    <>
      <Section title="班前教育60秒" done={!!duty && sectionDone(duty, 'lesson')} id="sec-lesson">
        {recentTopics.length > 0 && (
          <div class="row" style={{ marginBottom: 0 }}>
            {recentTopics.map((t) => (
              <button type="button" key={t} class={t === topic ? 'chip on' : 'chip'} aria-pressed={t === topic} onClick={() => edit((d) => ({ ...d, lessonTopic: t }))}>{t}</button>
            ))}
          </div>
        )}
        <TextField label="教育主题" placeholder="本班教育主题" value={topic} onSave={(v) => edit((d) => ({ ...d, lessonTopic: v }))} />
      </Section>
      <Section title="安全确认" done={!!duty && sectionDone(duty, 'safety')} id="sec-safety">
        <button type="button" class={duty?.safetyConfirmed ? 'on wide' : 'wide'} aria-pressed={Boolean(duty?.safetyConfirmed)}
          onClick={() => edit((d) => ({ ...d, safetyConfirmed: !d.safetyConfirmed }), duty?.safetyConfirmed ? '已取消安全确认' : undefined)}>
          {duty?.safetyConfirmed ? '✓ 已完成安全确认' : '完成安全确认'}
        </button>
      </Section>
    </>
  );
}

/** 生产期间人员组织: a tap for "normal", or a note. */
export function OrganisationSection({ duty, edit }: SectionProps) {
  return (
    <Section title="生产期间人员组织" done={!!duty && sectionDone(duty, 'organisation')} id="sec-organisation">
      <button type="button" class={duty?.organisationDone ? 'on wide' : 'wide'} aria-pressed={Boolean(duty?.organisationDone)}
        onClick={() => edit((d) => ({ ...d, organisationDone: !d.organisationDone }), duty?.organisationDone ? '已取消「人员组织正常」' : undefined)}>
        {duty?.organisationDone ? '✓ 人员组织正常' : '人员组织正常'}
      </button>
      <TextField label="人员组织情况" placeholder="调整、补岗等情况（可不填）" value={duty?.organisationNote ?? ''}
        onSave={(v) => edit((d) => ({ ...d, organisationNote: v }))} />
    </Section>
  );
}
