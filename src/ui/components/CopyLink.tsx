import { useState } from 'preact/hooks';

/**
 * Copies the app's address, to paste into the system browser. WeChat's web view may lack the
 * async clipboard (or refuse it outside a secure context), so a selected textarea and
 * execCommand('copy') are the fallback; failing both, the address is shown to copy by hand.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const url = location.origin + location.pathname + location.search;
  return (
    <span class="stack">
      <button type="button" class="primary" onClick={() => void copyText(url).then((ok) => setState(ok ? 'copied' : 'failed'))}>
        复制链接
      </button>
      {state === 'copied' && <span role="status">已复制，请打开手机浏览器，粘贴到地址栏。</span>}
      {state === 'failed' && <span role="status">无法自动复制，请手动复制：<b class="select-all">{url}</b></span>}
    </span>
  );
}
