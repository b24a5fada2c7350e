/**
 * 忘记PIN: the honest answer (see ./index.tsx). No recovery, no backdoor; the sync line shows
 * whether clearing the site's data would lose anything that has not reached the server.
 */
import { SyncBadge } from '../sync/SyncBadge';
import { getSyncEngine } from '../syncEngine';

export function ForgotPin({ onBack }: { onBack: () => void }) {
  return (
    <section class="pin-forgot-card" aria-labelledby="pin-forgot-title">
      <h2 id="pin-forgot-title">忘记 PIN</h2>
      <p>
        <b>PIN 无法找回，也没有万能密码。</b>手机里只保存了 PIN 的校验值，服务器和党支部书记也无法解除。
      </p>
      <p>
        唯一的办法：在手机浏览器的设置里找到「网站设置」中的本网站，选择「清除数据」。这会删除手机上的
        <b>全部记录和设置</b>，之后需要重新设置班组并登记设备。
      </p>
      <p>
        已发送到服务器的记录不会丢失；<b>还没发送的记录会永久丢失</b>。锁定时记录照常自动发送，清除前请先到有信号的地方，等到下面显示「已全部发送」：
      </p>
      <div class="pin-sync">
        <SyncBadge engine={getSyncEngine()} />
      </div>
      <p>想不起来时先别清除：可以继续尝试，错误 5 次后需要等待一会儿才能再试，但不会删除任何记录。</p>
      <button type="button" class="primary wide" onClick={onBack}>返回输入 PIN</button>
    </section>
  );
}
