import type { Team } from '../../../domain/types';

/** 月汇报 (placeholder until the monthly report screens land). */
export function ReportScreen(_props: { team: Team; month?: string; print?: boolean }) {
  return <main><h1>月汇报</h1><p class="muted">即将推出。</p></main>;
}
