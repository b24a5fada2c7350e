import { addDays, dayLabel, isoWeekKey, localDay } from '../../../domain/calendar';
import { unfinishedShifts, weekHelpDue } from '../../../domain/self-reminders';
import type { Team } from '../../../domain/types';
import { weekStatus } from '../../../domain/weekly';
import { aboutItem, aboutLabel, type AboutItem } from '../../../domain/reminders';
import { dutyProgress } from '../../../domain/checklist';
import { isSubmitted } from '../../../domain/report';
import { getReportRecord } from '../../../db/reports';
import { dutiesBetween } from '../../../db/duties';
import { listHazards } from '../../../db/hazards';
import { dismissReminder, openReminders } from '../../../db/reminders';
import { getScreening, helpRecordsOfWeeks } from '../../../db/weekly';
import { now } from '../../../db/clock';
import { save, useLive } from '../../hooks';
import { getSyncEngine } from '../../syncEngine';

/** Is the item a reminder is about done on this phone? (Read inside a live query: re-checked on every change.) */
async function itemDone(item: AboutItem | null): Promise<boolean> {
  if (!item) return false;
  if (item.kind === 'report') return isSubmitted(await getReportRecord(item.key));
  if (item.kind === 'week') return weekStatus(await getScreening(item.key), await helpRecordsOfWeeks([item.key])) === 'done';
  const hazards = await listHazards();
  return (await dutiesBetween(item.key, item.key)).some((d) => dutyProgress(d, hazards.filter((h) => h.dutyId === d.id).length).complete);
}

const LINK = { textDecoration: 'none', minHeight: '52px', borderRadius: '10px', margin: '8px 0' };

/**
 * Notices on the home screen: the branch's 提醒 (until 知道了, which is sent back as 已读) and
 * the phone's own, computed offline (src/domain/self-reminders.ts): a 日跟班 left unfinished
 * after its shift, and the week's 周帮扶 on its last day. The 月汇报 one is ReportDueBanner.
 */
export function Notices({ team }: { team: Team }) {
  // To the minute: the notices are recomputed when the screen renders in a new minute, not on every render.
  const minute = Math.floor(now() / 60_000);
  const nowMs = minute * 60_000;
  const today = localDay(nowMs, team.timeZone);
  // A reminder about an item (a day, a week, a report) closes once that item is done here.
  const reminders = useLive(async () => {
    const out = [];
    for (const r of await openReminders()) if (!(await itemDone(aboutItem(r.about)))) out.push(r);
    return out;
  }, []) ?? [];
  const own = useLive(async () => {
    const duties = await dutiesBetween(addDays(today, -3), today);
    const hazards = await listHazards();
    const count = (dutyId: string) => hazards.filter((h) => h.dutyId === dutyId && !h.deleted).length;
    const week = isoWeekKey(today);
    const status = weekStatus(await getScreening(week), await helpRecordsOfWeeks([week]));
    return { shifts: unfinishedShifts(nowMs, today, team, duties, count), week: weekHelpDue(today, () => status) };
  }, [minute, team]);
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: team.timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const dismiss = async (id: string) => {
    await save(() => dismissReminder(id, now()));
    // 已读 reaches the secretary with the next sync: start one now if there is coverage.
    void getSyncEngine().syncNow();
  };
  return (
    <div data-testid="notices">
      {reminders.map((r) => (
        <div class="banner info" role="status" data-testid="reminder" key={r.id} style={{ borderRadius: '10px', margin: '8px 0' }}>
          <span>
            <b>{r.from || '党支部'}提醒</b>（{fmt.format(new Date(r.sentAt))}）：{aboutLabel(r.about) ? `${aboutLabel(r.about)}还未完成。` : ''}{r.text || (aboutLabel(r.about) ? '' : '请按时完成日跟班、周帮扶和月汇报')}
          </span>
          <button type="button" onClick={() => void dismiss(r.id)} data-testid="reminder-dismiss" style={{ minHeight: '44px', minWidth: '72px' }}>知道了</button>
        </div>
      ))}
      {own?.shifts.map((s) => (
        <a class="banner warn" href={`/shift/${s.day}/${s.shiftId}`} data-testid="unfinished-shift" key={`${s.day}/${s.shiftId}`} style={LINK}>
          <span>✎ {dayLabel(s.day)} {s.shiftName}的日跟班还未填完，班已结束，请补全</span>
          <span aria-hidden="true">›</span>
        </a>
      ))}
      {own?.week && (
        <a class="banner warn" href={`/week/${own.week}`} data-testid="week-due" style={LINK}>
          <span>♥ 今天是本周最后一天，本周的周帮扶还未完成</span>
          <span aria-hidden="true">›</span>
        </a>
      )}
    </div>
  );
}
