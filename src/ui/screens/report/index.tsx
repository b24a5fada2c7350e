import { useState } from 'preact/hooks';
import { addMonths, localDay, monthDays, monthKey, monthLabel } from '../../../domain/calendar';
import { validateForSubmit } from '../../../domain/report';
import type { MonthKey, Team } from '../../../domain/types';
import { firstRecordDays } from '../../../db/duties';
import { getReport, monthFigures } from '../../../db/reports';
import { useLive } from '../../hooks';
import { lazyScreen } from '../../lazy';
import { NotDueNotice, ReportDueBanner } from './DueBanner';
import { dueTeamOf, monthDue } from '../../../domain/due';
import { Figures } from './Figures';
import { dataChanges, EMPTY_TEXT } from './report-text';
import { StatusCard } from './StatusCard';
import { SubmitCard } from './SubmitCard';
import { useReportWriter } from './useReportWriter';
import { WrittenParts } from './WrittenParts';
import './report.css';

// The print view (and its A4 stylesheet) loads only when printing.
const ReportPrint = lazyScreen(() => import('./Print').then((m) => m.ReportPrint));

function validMonth(m: string): boolean {
  try {
    return /^\d{4}-\d{2}$/.test(m) && monthDays(m).length > 0;
  } catch {
    return false;
  }
}

/** 月汇报 of one month (the current one by default); `print` shows the A4 view. */
export function ReportScreen({ team, month, print }: { team: Team; month?: string; print?: boolean }) {
  const current = monthKey(localDay(Date.now(), team.timeZone));
  const m = month ?? current;
  if (!validMonth(m)) return <main><p class="error">月份不正确。</p><a href="/report">回到本月汇报</a></main>;
  if (print) return <ReportPrint team={team} month={m} />;
  return <ReportEditor key={m} team={team} month={m} current={current} />;
}

function ReportEditor({ team, month, current }: { team: Team; month: MonthKey; current: MonthKey }) {
  const report = useLive(async () => (await getReport(month)) ?? null, [month]);
  const figures = useLive(() => monthFigures(month), [month]);
  const due = useLive(async () => dueTeamOf(team, await firstRecordDays()), [team.rev]);
  const { edit, submit } = useReportWriter(month);
  // Messages appear after a refused submit, then follow the text as it is filled in.
  const [refused, setRefused] = useState(false);
  const v = validateForSubmit(report ?? EMPTY_TEXT);
  const issues = refused && !v.ok ? v.issues : [];
  const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
  const next = addMonths(month, 1);
  const changes = dataChanges(report ?? undefined, figures);
  return (
    <main class="report">
      <div class="row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
        <a class="btn" href={`/report/${addMonths(month, -1)}`} aria-label="上个月">‹</a>
        <h1 data-testid="report-month">{monthLabel(month)} 月汇报</h1>
        {next <= current ? <a class="btn" href={`/report/${next}`} aria-label="下个月">›</a> : <span class="btn-space" />}
      </div>
      <ReportDueBanner team={team} except={month} />
      {report === undefined || figures === undefined || due === undefined ? (
        <p class="muted">正在统计本月数据…</p>
      ) : report === null && monthDue(due, month, Date.now(), false) === 'before-team' ? (
        <NotDueNotice first={due.firstDay} />
      ) : (
        <>
          <StatusCard report={report ?? undefined} changes={changes} timeZone={team.timeZone} />
          <Figures figures={figures} today={localDay(Date.now(), team.timeZone)} />
          <WrittenParts text={report ?? EMPTY_TEXT} edit={edit} issues={byPath} />
          <SubmitCard report={report ?? undefined} figuresChanged={changes.length > 0} submit={submit} issues={issues} onRefused={() => setRefused(true)} />
          <a class="btn wide" href={`/report/${month}/print`}>打印 / 存为PDF</a>
        </>
      )}
    </main>
  );
}
