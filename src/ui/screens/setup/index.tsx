import { useState } from 'preact/hooks';
import type { Team } from '../../../domain/types';
import type { JoinState, ServerNames } from '../../../db/join';
import { lazyScreen } from '../../lazy';
import { Choice } from './Choice';
import { Found } from './Found';

// The join flow carries the sync engine: its own chunk, so a first visit that founds a team
// offline (the common case, and the first-load budget) does not download it.
const JoinFlow = lazyScreen(() => import('./JoinFlow').then((m) => m.JoinFlow));

export interface SetupProps {
  team: Team | null;
  join: JoinState | null;
  /** The team's names on the server, once this phone is enrolled. */
  names: ServerNames | null;
}

/**
 * First run. Two paths: founding a team (offline, no server: team, shifts, roster) and joining
 * one that exists (enrolment code or link: the team is restored from the server, no roster).
 */
export function SetupScreen(props: SetupProps) {
  const { team, join, names } = props;
  // An enrolment link, or a phone enrolled whose join was cut before it was written down.
  const [mode, setMode] = useState<'choose' | 'found' | 'join'>(() =>
    location.pathname === '/enrol' || (names !== null && team === null) ? 'join' : team ? 'found' : 'choose');
  const [after] = useState(() => (location.pathname === '/enrol' ? location.pathname + location.search : '/'));

  if (join?.phase === 'restore' || (mode === 'join' && !join)) {
    return <JoinFlow join={join} names={names} code={new URLSearchParams(location.search).get('code') ?? ''} onBack={() => setMode('choose')} />;
  }
  if (join) return <Found join={join} names={names} after="/" hasTeam={team !== null} />;
  if (mode === 'choose') return <Choice onFound={() => setMode('found')} onJoin={() => setMode('join')} />;
  return <Found join={null} names={null} after={after} hasTeam={team !== null} />;
}
