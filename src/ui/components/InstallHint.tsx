import { useState } from 'preact/hooks';
import { installPrompt, installWay, isStandalone } from '../install';
import { useSignal } from '../signal';
import { CopyLink } from './CopyLink';

/**
 * How to put the app on the home screen, for the browser at hand. Inside WeChat the service
 * worker is not dependable, so we send the user to the system browser (复制链接); that banner
 * cannot be closed: it stays on every screen until the app runs in a real browser.
 */
export function InstallHint() {
  const prompt = useSignal(installPrompt);
  const [hidden, setHidden] = useState(() => sessionStorage.getItem('installHintHidden') === '1');
  const way = installWay(navigator.userAgent, isStandalone(), prompt !== null);
  if ((hidden && way !== 'wechat') || way === 'installed' || way === 'menu') return null;
  const hide = () => {
    sessionStorage.setItem('installHintHidden', '1');
    setHidden(true);
  };
  return (
    <div class="banner warn" data-testid={`install-${way}`}>
      <div>
        {way === 'wechat' && (
          <span>
            微信内无法离线使用，井下记录可能丢失。请点右上角 <b>···</b> → <b>在浏览器打开</b>，或复制链接到手机浏览器打开，再添加到桌面。
          </span>
        )}
        {way === 'ios' && (
          <span>
            安装到桌面：点底部 <b>分享</b> 按钮 → <b>添加到主屏幕</b>。
          </span>
        )}
        {way === 'prompt' && <span>安装到手机桌面，井下无信号也能用。</span>}
      </div>
      <div class="row">
        {way === 'wechat' && <CopyLink />}
        {way === 'prompt' && (
          <button type="button" class="primary" onClick={() => void prompt?.prompt()}>
            安装
          </button>
        )}
        {way !== 'wechat' && (
          <button type="button" onClick={hide} aria-label="关闭提示">
            ✕
          </button>
        )}
      </div>
    </div>
  );
}
