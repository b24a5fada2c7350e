/** The first question of a new phone: a new team, or one that already has a phone. */
export function Choice(props: { onFound: () => void; onJoin: () => void }) {
  return (
    <main>
      <h1 style={{ margin: '8px 0 12px' }}>首次设置</h1>
      <div class="card stack">
        <p>这部手机用于：</p>
        <button type="button" class="primary wide" onClick={props.onFound}>新建班组</button>
        <p class="hint">本班组第一次使用，还没有别的手机登记过：填写班组信息和花名册，不需要网络。</p>
      </div>
      <div class="card stack">
        <button type="button" class="wide" onClick={props.onJoin}>加入已有班组</button>
        <p class="hint">换了新手机、代班，或本班组已有手机在用：输入党支部书记给的登记码，班组的人员和记录从服务器恢复，不用再填花名册。</p>
      </div>
      <p class="hint"><a class="btn" href="/help">换手机、代班怎么办？</a></p>
    </main>
  );
}
