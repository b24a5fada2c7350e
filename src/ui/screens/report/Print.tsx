import { latestSubmission } from '../../../domain/report';
import { WEEK_RULE_NOTE } from '../../../domain/report-figures';
import { monthLabel } from '../../../domain/calendar';
import type { MonthKey, Team } from '../../../domain/types';
import { getReport, monthFigures } from '../../../db/reports';
import { useLive } from '../../hooks';
import { PrintFigures, PrintText } from './PrintParts';
import { changedSinceSubmit, dataChanges, timeLabel } from './report-text';
import './print.css';

/**
 * A4 print of the month's report. A submitted report prints as submitted (the snapshot the
 * branch received); a draft prints the live figures and current text, marked 草稿.
 */
export function ReportPrint({ team, month }: { team: Team; month: MonthKey }) {
  const report = useLive(async () => (await getReport(month)) ?? null, [month]);
  const live = useLive(() => monthFigures(month), [month]);
  if (report === undefined || live === undefined) return <main><p class="muted">加载中…</p></main>;
  const sent = report ? latestSubmission(report) : null;
  const figures = sent?.figures ?? live;
  const text = sent?.text ?? report;
  return (
    <main class="report-print">
      <div class="print-bar no-print">
        <a class="btn" href={`/report/${month}`}>‹ 返回</a>
        <button type="button" class="primary" onClick={() => window.print()}>打印 / 存为PDF</button>
      </div>
      {sent && report && (changedSinceSubmit(report) || dataChanges(report, live).length > 0) && (
        <p class="hint no-print">提交后内容或数据有变化，尚未重新提交；这里打印的是已提交的第{sent.revision}版。</p>
      )}
      <article class="sheet-a4">
        <h1>班组小政委月度工作汇报</h1>
        <table class="meta">
          <tbody>
            <tr><th>区队 · 班组</th><td>{team.district} · {team.name}</td><th>小政委</th><td>{team.instructorName}</td></tr>
            <tr>
              <th>汇报月份</th><td>{monthLabel(month)}</td>
              <th>版本</th>
              <td data-testid="print-version">
                {sent ? `第${sent.revision}版 · ${timeLabel(sent.at, team.timeZone)}提交` : '草稿（未提交）'}
                {report && report.submissions.length > 1 && '（已修订）'}
              </td>
            </tr>
          </tbody>
        </table>
        <PrintFigures figures={figures} />
        <PrintText text={text} adoptedIds={report?.review?.adoptedIdeaIds} />
        {report?.review && (
          <section>
            <h2>党支部审阅</h2>
            <p>评分：{report.review.score ?? '—'} 分　{report.review.feedback && `反馈意见：${report.review.feedback}`}</p>
          </section>
        )}
        <p class="note">注：周帮扶按自然周（周一至周日）统计，{WEEK_RULE_NOTE}；各项数据由日跟班、周帮扶、隐患台账记录自动统计。</p>
        <div class="signatures">
          <span>小政委签字：<i /></span>
          <span>党支部书记签字：<i /></span>
          <span>日期：<i /></span>
        </div>
      </article>
    </main>
  );
}
