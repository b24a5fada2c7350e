import type { Team } from '../../../domain/types';

/** A person's page: timeline of every record about one worker (placeholder). */
export function PersonScreen(_props: { team: Team; workerId: string }) {
  return <main><h1>人员档案</h1><p class="muted">即将推出。</p></main>;
}
