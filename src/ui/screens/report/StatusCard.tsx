import { isRevised, latestSubmission, type MonthlyReport } from '../../../domain/report';
import { reviewIsCurrent, STATUS_LABELS, statusOf, timeLabel } from './report-text';

/** Where the report stands: draft, submitted (waiting to be sent), revised, reviewed. */
export function StatusCard({ report, timeZone }: { report: MonthlyReport | undefined; timeZone: string }) {
  const status = statusOf(report);
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
