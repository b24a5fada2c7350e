import { CopyLink } from '../../components/CopyLink';

/**
 * Setup inside WeChat: its web view keeps no dependable offline copy, so records made
 * underground could be lost. Setup does not go on silently here: the way out (复制链接 → the
 * system browser) comes first, going on anyway is a deliberate second choice.
 */
export function WeChatGate({ onContinue }: { onContinue: () => void }) {
  return (
    <main>
      <h1 style={{ margin: '8px 0 12px' }}>首次设置</h1>
      <div class="card stack" data-testid="wechat-gate">
        <p><b>请在手机浏览器中打开本应用。</b>微信里不能离线使用，井下没有信号时记录可能丢失。</p>
        <p>点右上角 <b>···</b> → <b>在浏览器打开</b>；或复制链接，粘贴到手机浏览器的地址栏。</p>
        <CopyLink />
      </div>
      <div class="card stack">
        <button type="button" class="wide" onClick={onContinue}>仍在微信中继续（不能离线使用）</button>
      </div>
    </main>
  );
}
