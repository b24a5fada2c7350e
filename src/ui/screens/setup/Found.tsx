import { useState } from 'preact/hooks';
import { setJoinState, type JoinState, type ServerNames } from '../../../db/join';
import { saveTeam } from '../../../db/team';
import { save } from '../../hooks';
import { navigate } from '../../router';
import { RosterEditor } from './RosterEditor';
import { TeamForm } from './TeamForm';

/**
 * Founding a team: its instructor, district, name and shifts, then the roster. Offline from a
 * new phone (join = null), or after enrolling into a team the server holds no data of yet
 * (join.phase team/roster: the names are the server's, and the step survives a reload).
 */
export function Found(props: { join: JoinState | null; names: ServerNames | null; userName: string; after: string; hasTeam: boolean }) {
  const { join, names } = props;
  const [localStep, setStep] = useState<1 | 2>(props.hasTeam ? 2 : 1);
  const step = join ? (join.phase === 'roster' ? 2 : 1) : localStep;
  return (
    <main>
      <h1 style={{ margin: '8px 0 12px' }}>首次设置</h1>
      {step === 1 ? (
        <div class="card">
          <p class="hint">第 1 步（共 2 步）：班组信息。全部保存在本机，无需网络。</p>
          <TeamForm
            submitLabel="下一步：花名册"
            initial={names ? { name: names.teamName, district: names.district, instructorName: props.userName } : undefined}
            onSubmit={async (t) => {
              // Stay on /setup once the team exists, so the app does not jump past the roster step.
              if (!join) navigate('/setup', true);
              if (await save(async () => {
                await saveTeam(t);
                if (join) await setJoinState({ ...join, phase: 'roster' });
                return true;
              })) setStep(2);
            }}
          />
        </div>
      ) : (
        <div class="card">
          <p class="hint">第 2 步（共 2 步）：班组花名册。以后可在「设置」里修改。</p>
          <RosterEditor />
          <button type="button" class="primary wide" style={{ marginTop: '12px' }} onClick={async () => {
            if (join) await save(() => setJoinState(null));
            navigate(props.after, true);
          }}>
            开始使用
          </button>
        </div>
      )}
    </main>
  );
}
