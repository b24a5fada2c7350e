import type { Team } from '../../../domain/types';

/** 周帮扶 (placeholder until the weekly screens land). */
export function WeekScreen(_props: { team: Team; week?: string }) {
  return <main><h1>周帮扶</h1><p class="muted">即将推出。</p></main>;
}
