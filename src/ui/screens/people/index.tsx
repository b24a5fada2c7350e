import type { Team } from '../../../domain/types';

/** 人员: the roster with each person's page (placeholder until the people ledger lands). */
export function PeopleScreen(_props: { team: Team }) {
  return <main><h1>人员</h1><p class="muted">即将推出。</p></main>;
}
