/**
 * A gloved finger bounces: two clicks on the same button within a moment. Most of our buttons
 * toggle, so the bounce would undo the tap it doubled (完成安全确认 → off again, silently).
 * One capture listener on the window drops a second click on the same button within
 * BOUNCE_MS, before any handler sees it. Buttons meant for quick repeats (the PIN keypad,
 * ‹ › steppers) opt out with data-repeat.
 */
export const BOUNCE_MS = 400;

const GUARDED = 'button, [role="button"], input[type="checkbox"], input[type="radio"], summary';

export function installTapGuard(target: EventTarget = window): () => void {
  let last: { el: Element; at: number } | null = null;
  const onClick = (e: Event) => {
    const from = e.target as Element | null;
    const el = from && typeof from.closest === 'function' ? from.closest(GUARDED) : null;
    if (!el || el.hasAttribute('data-repeat')) return;
    const at = e.timeStamp || Date.now();
    if (last && last.el === el && at - last.at >= 0 && at - last.at < BOUNCE_MS) {
      e.stopImmediatePropagation();
      e.preventDefault();
      return;
    }
    last = { el, at };
  };
  target.addEventListener('click', onClick, true);
  return () => target.removeEventListener('click', onClick, true);
}
