import type { Team } from '../../../domain/types';
import { enrolCodeFromUrl } from '../../../sync';
import { useSignal } from '../../signal';
import { storageState } from '../../storage';
import { OutboxScreen } from '../../sync';
import { getSyncEngine } from '../../syncEngine';

/** 数据发送 (/sync) and enrolment links (/enrol?code=…): the outbox, 立即发送, 设备登记. */
export function SyncScreen({ team }: { team: Team }) {
  const st = useSignal(storageState);
  return (
    <main>
      {st.persisted === false && (
        <div class="banner warn" role="alert">本机未开启持久存储：未发送的记录在手机空间紧张时可能被浏览器清除，请尽快发送，或到「设置」申请持久存储。</div>
      )}
      <OutboxScreen engine={getSyncEngine()} enrolCode={enrolCodeFromUrl(location.href) ?? ''} deviceName={`${team.instructorName}的手机`} />
      <p class="hint"><a class="btn" href="/help">换手机、代班怎么办？</a></p>
    </main>
  );
}
