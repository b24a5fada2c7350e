import { useState } from 'preact/hooks';
import type { Team } from '../../../domain/types';
import type { JoinState, ServerNames } from '../../../db/join';
import { lazyScreen } from '../../lazy';
import { installWay, isStandalone } from '../../install';
import { Choice } from './Choice';
import { WeChatGate } from './WeChatGate';

// The first visit shows the choice only; each path is its own chunk, fetched on the tap (all are
// precached by the service worker once the first visit has installed it, so this works offline).
// The join flow carries the sync engine; founding carries the team form and its validation.
const JoinFlow = lazyScreen(() => import('./JoinFlow').then((m) => m.JoinFlow));
const Found = lazyScreen(() => import('./Found').then((m) => m.Found));

export interface SetupProps {
  team: Team | null;
  join: JoinState | null;
  /** The team's names on the server, once this phone is enrolled. */
  names: ServerNames | null;
  /** The name typed when this phone joined (prefills the founding form after an empty restore). */
  userName: string;
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
  // Inside WeChat setup stops here until the user chooses, knowingly, to go on (for this visit only).
  const [inWeChat, setInWeChat] = useState(() => installWay(navigator.userAgent, isStandalone(), false) === 'wechat');
  if (inWeChat && !team && !join) return <WeChatGate onContinue={() => setInWeChat(false)} />;

  if (join?.phase === 'restore' || (mode === 'join' && !join)) {
    return <JoinFlow join={join} names={names} code={new URLSearchParams(location.search).get('code') ?? ''} onBack={() => setMode('choose')} />;
  }
  if (join) return <Found join={join} names={names} userName={props.userName} after="/" hasTeam={team !== null} />;
  if (mode === 'choose') return <Choice onFound={() => setMode('found')} onJoin={() => setMode('join')} />;
  return <Found join={null} names={null} userName="" after={after} hasTeam={team !== null} />;
}
