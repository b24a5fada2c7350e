import { useEffect } from 'preact/hooks';
import { beginJoin, type JoinState, type ServerNames } from '../../../db/join';
import { save } from '../../hooks';
import { getSyncEngine } from '../../syncEngine';
import { JoinForm } from './JoinForm';
import { Restore } from './Restore';

/**
 * Joining a team that exists: enrol with the code (form), then restore the team from the
 * server before the first screen (Restore). A phone enrolled whose join state was never
 * written (the page died in between) goes straight to the restore.
 */
export function JoinFlow(props: { join: JoinState | null; names: ServerNames | null; code: string; onBack: () => void }) {
  const engine = getSyncEngine();
  const orphan = !props.join && props.names !== null;
  useEffect(() => {
    if (orphan) void save(() => beginJoin(null, 0)); // any sync that succeeds from now on restores
  }, [orphan]);
  if (props.join) return <Restore engine={engine} join={props.join} names={props.names} />;
  if (orphan) return null;
  return <JoinForm engine={engine} code={props.code} onBack={props.onBack} />;
}
