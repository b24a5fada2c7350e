import { useState } from 'preact/hooks';
import { saveTeam } from '../../../db/team';
import { save } from '../../hooks';
import { navigate } from '../../router';
import { RosterEditor } from './RosterEditor';
import { TeamForm } from './TeamForm';

/** First run, offline, no server: the instructor, the team and its shifts, then the roster. */
export function SetupScreen() {
  const [step, setStep] = useState<1 | 2>(1);
  // Opened from an enrolment link before setting up: go back to it when done.
  const [after] = useState(() => (location.pathname === '/enrol' ? location.pathname + location.search : '/'));
  return (
    <main>
      <h1 style={{ margin: '8px 0 12px' }}>首次设置</h1>
      {step === 1 ? (
        <div class="card">
          <p class="hint">第 1 步（共 2 步）：班组信息。全部保存在本机，无需网络。</p>
          <TeamForm submitLabel="下一步：花名册" onSubmit={async (t) => {
            // Stay on /setup once the team exists, so the app does not jump past the roster step.
            navigate('/setup', true);
            if (await save(() => saveTeam(t))) setStep(2);
          }} />
        </div>
      ) : (
        <div class="card">
          <p class="hint">第 2 步（共 2 步）：班组花名册。以后可在「设置」里修改。</p>
          <RosterEditor />
          <button type="button" class="primary wide" style={{ marginTop: '12px' }} onClick={() => navigate(after, true)}>
            开始使用
          </button>
        </div>
      )}
    </main>
  );
}
