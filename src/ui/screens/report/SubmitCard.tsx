import { useState } from 'preact/hooks';
import type { MonthlyReport, ReportIssue } from '../../../domain/report';
import { changedSinceSubmit, statusOf } from './report-text';
import type { ReportWriter } from './useReportWriter';

/**
 * Submits locally: the sync engine sends it when there is coverage. Validation messages are
 * listed here and beside their fields; nothing typed is cleared.
 */
export function SubmitCard(props: {
  report: MonthlyReport | undefined;
  submit: ReportWriter['submit'];
  /** Live issues once a submit was refused (they clear as the fields are filled). */
  issues: ReportIssue[];
  onRefused: () => void;
}) {
  const { issues } = props;
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const count = props.report?.submissions.length ?? 0;
  const needed = count === 0 || (props.report !== undefined && changedSinceSubmit(props.report));
  const run = async () => {
    setBusy(true);
    const r = await props.submit();
    setBusy(false);
    if (!r) return;
    if (!r.ok) props.onRefused();
    setDone(r.ok ? r.report.submissions.length : null);
  };
  return (
    <section class="card no-print" data-testid="submit-card">
      {issues.length > 0 && (
        <div role="alert" data-testid="submit-issues">
          <p class="error">还不能提交，请补充：</p>
          <ul>{issues.map((i) => <li key={i.path + i.message} class="error">{i.message}</li>)}</ul>
        </div>
      )}
      {/* Follows the record: once sync has sent it, no stale 待发送 under 已提交，已发送 (issue 15.11). */}
      {done !== null && !needed && <p class="ok" role="status" data-testid="submitted-msg">✓ 第{done}版已提交{statusOf(props.report) === 'pending' ? '（待发送），有信号时自动发送' : ''}。</p>}
      <button type="button" class="primary wide" disabled={busy || !needed} onClick={run}>
        {count === 0 ? '提交月汇报' : needed ? `提交修订（第${count + 1}版）` : '已提交，修改后可再次提交'}
      </button>
      <p class="hint">数据按提交时的记录生成快照；提交后仍可修改再提交，党支部会看到修订记录。</p>
    </section>
  );
}
