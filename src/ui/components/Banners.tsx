import { applyUpdate, updateWaiting } from '../update';
import { errorMessage } from '../errors';
import { useSignal } from '../signal';
import { takeUndo, undoOffer } from '../undo';

export function UpdateBanner() {
  const waiting = useSignal(updateWaiting);
  if (!waiting) return null;
  return (
    <div class="banner info" role="status">
      <span>有新版本可用，已填写的内容都已保存。</span>
      <button type="button" class="primary" onClick={applyUpdate}>
        更新
      </button>
    </div>
  );
}

export function ErrorToast() {
  const msg = useSignal(errorMessage);
  if (!msg) return null;
  return (
    <div class="toast" role="alert">
      <span>{msg}</span>
      <button type="button" onClick={() => (errorMessage.value = null)}>
        知道了
      </button>
    </div>
  );
}

/** The few seconds in which a destructive tap can be taken back. */
export function UndoToast() {
  const offer = useSignal(undoOffer);
  if (!offer) return null;
  return (
    <div class="toast" role="status" data-testid="undo-toast">
      <span>{offer.label}</span>
      <button type="button" onClick={takeUndo}>
        撤销
      </button>
    </div>
  );
}
