/**
 * A gloved finger bounces: two clicks on the same button within a moment. Most of our buttons
 * toggle, so the bounce would undo the tap it doubled (完成安全确认 → off again, silently).
 * One capture listener on the window drops a second click on the same button within
 * BOUNCE_MS, before any handler sees it. Buttons meant for quick repeats (the PIN keypad,
 * ‹ › steppers, 立即发送 whose runs are single-flight anyway) opt out with data-repeat. Typing
 * between two taps makes the second deliberate (a form re-submitted after a correction).
 */
export const BOUNCE_MS = 400;

const GUARDED = 'button, [role="button"], input[type="checkbox"], input[type="radio"], summary';

export function installTapGuard(target: EventTarget = window): () => void {
  let last: { el: Element; at: number } | null = null;
  const onClick = (e: Event) => {
    const from = e.target as Element | null;
    const el = from && typeof from.closest === 'function' ? from.closest(GUARDED) : null;
    if (!el || el.hasAttribute('data-repeat')) {
      last = null; // a tap elsewhere in between: the next one is deliberate
      return;
    }
    const at = e.timeStamp || Date.now();
    if (last && last.el === el && at - last.at >= 0 && at - last.at < BOUNCE_MS) {
      e.stopImmediatePropagation();
      e.preventDefault();
      return;
    }
    last = { el, at };
  };
  const onInput = () => {
    last = null;
  };
  target.addEventListener('click', onClick, true);
  target.addEventListener('input', onInput, true);
  return () => {
    target.removeEventListener('click', onClick, true);
    target.removeEventListener('input', onInput, true);
  };
}
