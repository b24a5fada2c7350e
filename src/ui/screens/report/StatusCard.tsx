import { isRevised, latestSubmission, type MonthlyReport } from '../../../domain/report';
import type { FigureChange } from '../../../domain/report-diff';
import { reviewIsCurrent, STATUS_LABELS, statusOf, timeLabel } from './report-text';

/**
 * Where the report stands: draft, submitted (waiting to be sent), edited, figures changed
 * since submitting (with each changed figure, old → new), reviewed.
 */
export function StatusCard({ report, changes, timeZone }: { report: MonthlyReport | undefined; changes: FigureChange[]; timeZone: string }) {
  const status = statusOf(report, changes.length > 0);
  const last = report && latestSubmission(report);
  return (
    <section class={`card status-${status}`} data-testid="report-status">
      <div class="row">
        <span class="badge status-badge" data-testid="status-label">{STATUS_LABELS[status]}</span>
        {last && <span class="badge" data-testid="revision">第{last.revision}版</span>}
        {report && isRevised(report) && <span class="badge warn" data-testid="revised">已修订</span>}
      </div>
      {last && <p class="hint">最近提交：{timeLabel(last.at, timeZone)}{status === 'pending' && '，有信号时自动发送给党支部'}</p>}
      {status === 'edited' && <p class="hint">提交后又修改过：再次提交后作为第{(last?.revision ?? 0) + 1}版发送，党支部会看到“已修订”。</p>}
      {changes.length > 0 && (
        <div data-testid="data-changes">
          <p class="hint">第{last?.revision}版提交后记录有变动，本月数据与提交时不同：</p>
          <ul class="list">
            {changes.map((c) => (
              <li key={c.key} data-testid="data-change">{c.label}：{c.from} → <b>{c.to}</b> {c.unit}</li>
            ))}
          </ul>
          <p class="hint">请重新提交，党支部才能看到新的数据。</p>
        </div>
      )}
      {report?.review && <Review report={report} />}
      {report && report.submissions.length > 1 && (
        <details data-testid="history">
          <summary>修订记录（{report.submissions.length}版）</summary>
          <ul class="list">
            {[...report.submissions].reverse().map((s) => (
              <li key={s.revision}>
                第{s.revision}版 · {timeLabel(s.at, timeZone)} 提交 · 跟班 {s.figures.daily.followed.value} 班 · 谈心 {s.figures.daily.talks.count.value} 人次
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The branch secretary's review, pulled by sync; it may be of an earlier revision. */
function Review({ report }: { report: MonthlyReport }) {
  const review = report.review!;
  const adopted = report.ideas.filter((i) => review.adoptedIdeaIds.includes(i.id));
  return (
    <div class="review" data-testid="review">
      <h3>党支部审阅{!reviewIsCurrent(report) && <small>（针对上一版）</small>}</h3>
      {review.score !== null && <p>评分：<b class="score">{review.score}</b> 分</p>}
      {review.feedback && <p>反馈意见：{review.feedback}</p>}
      {adopted.length > 0 && <p>采纳的金点子：{adopted.map((i) => i.title).join('、')}</p>}
    </div>
  );
}
