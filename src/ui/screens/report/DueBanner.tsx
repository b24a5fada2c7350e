import { addMonths, localDay, monthKey, monthLabel } from '../../../domain/calendar';
import { dueTeamOf, monthDue } from '../../../domain/due';
import { reportDue, reportDueBy } from '../../../domain/report';
import type { MonthKey, Team } from '../../../domain/types';
import { firstRecordDays } from '../../../db/duties';
import { getReportRecord } from '../../../db/reports';
import { useLive } from '../../hooks';

/**
 * 月汇报 reminder for the home screen: in the last three days of a month and the first five
 * of the next while that month's report is not submitted. Kept tiny (global styles only, no
 * report screen imports) because it sits in the phone's first load.
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
  const due = useLive(async () => {
    // Last month first: early in a month that is the one still owed.
    // A month that ended before the team was set up owes no report (due.ts).
    const due = dueTeamOf(team, await firstRecordDays());
    for (const m of [lastMonth, thisMonth]) {
      if (monthDue(due, m, Date.now(), false) !== 'before-team' && reportDue(today, m, await getReportRecord(m))) return m;
    }
    return null;
  }, [today]);
  if (!due || due === except) return null; // `except`: the report screen already showing that month
  const by = reportDueBy(due);
  return (
    <a class="banner warn" href={`/report/${due}`} data-testid="report-due" style={{ textDecoration: 'none', minHeight: '52px', borderRadius: '10px', margin: '8px 0' }}>
      <span>✎ {monthLabel(due)}的月汇报还未提交，请在{Number(by.slice(5, 7))}月{Number(by.slice(8))}日前提交</span>
      <span aria-hidden="true">›</span>
    </a>
  );
}
