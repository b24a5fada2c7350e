/**
 * Time and date fields of our own, readable in zh-CN at 390 px on every engine of the floor.
 * Native <input type="time|date"> follow the browser's UI language, not the page's: Chromium 88
 * shows `上午12:` cut off, a current headless Chromium `12:00 AI`, dates `mm/dd/yyyy`.
 * Selects open the phone's own wheel and can hold nothing but a valid value. Dates: DateField.tsx
 * (apart, so the first load, whose setup screen has times only, stays small).
 */
import type { TimeOfDay } from '../../domain/types';

const two = (n: number) => (n < 10 ? '0' : '') + n;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** 24-hour 'HH:mm' as two selects; minutes in steps of 5, plus the current one if it is off-step. */
export function TimeField(props: { label: string; value: TimeOfDay; onChange: (t: TimeOfDay) => void }) {
  const [h = '00', m = '00'] = props.value.split(':');
  const minutes = range(0, 11).map((i) => two(i * 5));
  if (!minutes.includes(m)) {
    minutes.push(m);
    minutes.sort();
  }
  return (
    <span class="dt-field" role="group" aria-label={props.label}>
      <select aria-label={`${props.label}（时）`} value={h} onChange={(e) => props.onChange(`${e.currentTarget.value}:${m}`)}>
        {range(0, 23).map((n) => <option key={n} value={two(n)}>{two(n)}</option>)}
      </select>
      <span aria-hidden="true">:</span>
      <select aria-label={`${props.label}（分）`} value={m} onChange={(e) => props.onChange(`${h}:${e.currentTarget.value}`)}>
        {minutes.map((x) => <option key={x} value={x}>{x}</option>)}
      </select>
    </span>
  );
}

