import { addMonths, localDay, monthKey, monthLabel } from '../../../domain/calendar';
import { dueTeamOf, monthDue } from '../../../domain/due';
import { DEFAULT_REPORT_DUE_DAY } from '../../../domain/reminders';
import { isSubmitted, reportDue, reportDueBy } from '../../../domain/report';
import { reportNotice } from '../../../domain/self-reminders';
import type { MonthKey, Team } from '../../../domain/types';
import { reportDueDay } from '../../../db/branch-config';
import { firstRecordDays } from '../../../db/duties';
import { getReportRecord } from '../../../db/reports';
import { useLive } from '../../hooks';

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

/**
 * 月汇报 reminder for the home screen: in the last three days of a month, and from the 1st of
 * the next until that month's report is submitted (past the branch's due day it says so).
 * The due day is the branch's setting, pulled with its config (default the 5th). Kept tiny
 * (global styles only, no report screen imports) because it sits in the phone's first load.
 */
/** In place of the report of a month that ended before the team was set up: nothing to submit. */
export function NotDueNotice({ first }: { first: string }) {
  return (
    <p class="card muted" data-testid="report-not-due">
      班组于{Number(first.slice(5, 7))}月{Number(first.slice(8))}日开始使用，这个月无需提交月汇报。
    </p>
  );
}

export function ReportDueBanner({ team, except }: { team: Team; except?: MonthKey }) {
  const today = localDay(Date.now(), team.timeZone);
  const thisMonth = monthKey(today);
  const lastMonth = addMonths(thisMonth, -1);
  const dueDay = useLive(() => reportDueDay(), []) ?? DEFAULT_REPORT_DUE_DAY;
  const due = useLive(async () => {
    // Last month first: early in a month that is the one still owed.
    // A month that ended before the team was set up owes no report (due.ts).
    const owes = dueTeamOf(team, await firstRecordDays());
    const owed = (m: MonthKey) => monthDue(owes, m, Date.now(), false) !== 'before-team';
    const last = await getReportRecord(lastMonth);
    const notice = owed(lastMonth) ? reportNotice(today, () => isSubmitted(last), dueDay) : null;
    if (notice) return notice;
    if (owed(thisMonth) && reportDue(today, thisMonth, await getReportRecord(thisMonth), dueDay)) return { month: thisMonth, dueBy: reportDueBy(thisMonth, dueDay), overdue: false };
    return null;
  }, [today, dueDay]);
  if (!due || due.month === except) return null; // `except`: the report screen already showing that month
  return (
    <a class="banner warn" href={`/report/${due.month}`} data-testid="report-due" style={{ textDecoration: 'none', minHeight: '52px', borderRadius: '10px', margin: '8px 0' }}>
      <span>✎ {monthLabel(due.month)}的月汇报还未提交，{due.overdue ? `已过截止日（${md(due.dueBy)}），请尽快提交` : `请在${md(due.dueBy)}前提交`}</span>
      <span aria-hidden="true">›</span>
    </a>
  );
}
