/** The lock screen's numeric keypad: 3 × 4 keys of at least 72 px, usable with gloves. */
import { PIN_MAX_DIGITS } from '../../domain/pin';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function Keypad(props: {
  digits: string;
  disabled: boolean;
  onDigits: (d: string) => void;
  onSubmit: () => void;
}) {
  const { digits, disabled, onDigits } = props;
  const press = (k: string) => digits.length < PIN_MAX_DIGITS && onDigits(digits + k);
  return (
    <div class="pin-keypad" role="group" aria-label="数字键盘">
      {KEYS.map((k) => (
        <button key={k} type="button" data-repeat disabled={disabled} onClick={() => press(k)}>{k}</button>
      ))}
      <button type="button" class="pin-key-small" data-repeat disabled={disabled} aria-label="删除" onClick={() => onDigits(digits.slice(0, -1))}>
        ⌫ 删除
      </button>
      <button type="button" data-repeat disabled={disabled} onClick={() => press('0')}>0</button>
      <button type="button" class="pin-key-small pin-key-ok" disabled={disabled} onClick={props.onSubmit}>
        确定
      </button>
    </div>
  );
}

/** One dot per digit typed (the PIN's length is not stored, so there are no empty slots). */
export function PinDots({ count }: { count: number }) {
  return (
    <div class="pin-dots" role="status" aria-label={count ? `已输入 ${count} 位` : '请输入 PIN'}>
      {count === 0 ? <span class="pin-dots-hint">请输入 4–6 位数字 PIN</span> : Array.from({ length: count }, (_, i) => <i key={i} />)}
    </div>
  );
}
