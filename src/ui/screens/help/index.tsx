/** 帮助：换手机、代班 — how a team moves to a new phone and how a substitute follows the shift. */
export function HelpScreen() {
  return (
    <main class="stack">
      <h1 style={{ margin: '8px 0 12px' }}>换手机、代班</h1>

      <section class="card stack" aria-labelledby="help-new-phone">
        <h2 id="help-new-phone">换新手机</h2>
        <ol class="stack">
          <li>
            <strong>旧手机还能用：先发送。</strong>在旧手机上打开「我的 → 数据发送」，到有信号的地方点「立即发送」，
            直到显示「已全部发送」。还没发送的记录只存在旧手机里，停用或清除之后就找不回来了。
          </li>
          <li>
            <strong>新手机登记。</strong>向党支部书记要一个登记码（或登记链接），在新手机上打开应用，
            选「加入已有班组」，填自己的姓名和设备名称，输入登记码。
          </li>
          <li>
            <strong>数据自动恢复。</strong>班组、班次、人员、未销号的隐患、本周的帮扶、本月的日跟班和支部下发的配置，
            都从服务器恢复到新手机，不用再填花名册。恢复时需要信号；中途断了也没关系，下次打开会接着恢复。
          </li>
          <li>
            <strong>请书记停用旧手机。</strong>书记在设备列表里点旧手机的「停用」。停用后旧手机不能再发送，
            它上面没发送的记录留在旧手机里，不会到服务器。旧手机丢了、坏了，没发送的记录就只能补记。
          </li>
        </ol>
      </section>

      <section class="card stack" aria-labelledby="help-substitute">
        <h2 id="help-substitute">代班（小政委休假、出差时）</h2>
        <ol class="stack">
          <li>
            <strong>用代班同志自己的手机。</strong>向党支部书记要一个本班组的登记码，在自己的手机上打开应用，
            选「加入已有班组」，姓名填自己的，输入登记码。班组的人员和记录会恢复到这部手机。
          </li>
          <li>
            <strong>照常跟班记录。</strong>两部手机记的内容都发送到同一个班组，在服务器上合在一起，
            谁记的都不会丢，下次同步后两部手机都能看到。同一个班次两部手机都记了，打的勾合并在一起，不会互相覆盖。
          </li>
          <li>
            <strong>代班结束。</strong>把记录发送完（显示「已全部发送」），再请书记停用这部手机；
            小政委回来后照常用原来的手机，代班期间的记录同步后也会出现在他的手机上。
          </li>
        </ol>
      </section>

      <p class="hint">不要把登记码发给班组以外的人：凭登记码就能看到本班组的人员和记录。</p>
      <a href="/sync">去「数据发送」</a>
    </main>
  );
}
