/**
 * Time and date fields of our own, readable in zh-CN at 390 px on every engine of the floor.
 * Native <input type="time|date"> follow the browser's UI language, not the page's: Chromium 88
 * shows `上午12:` cut off, a current headless Chromium `12:00 AI`, dates `mm/dd/yyyy`.
 * Selects open the phone's own wheel and can hold nothing but a valid value.
 */
import { useState } from 'preact/hooks';
import type { DayKey, TimeOfDay } from '../../domain/types';

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

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * 'yyyy-MM-dd' as 年/月/日 selects. With `optional`, each has a blank choice and the value is ''
 * until all three are chosen. Years: `years` around this year, and the value's own.
 */
export function DateField(props: { id?: string; label: string; value: DayKey | ''; onChange: (d: DayKey | '') => void; optional?: boolean; years?: [number, number] }) {
  // A choice not yet whole (optional fields only) lives here; a whole one is props.value, so a
  // parent that clears the value clears the field.
  const [parts, setParts] = useState<number[]>([0, 0, 0]);
  const partial = parts.every(Boolean) ? [0, 0, 0] : parts;
  const [y = 0, mo = 0, d = 0] = props.value ? props.value.split('-').map(Number) : partial;
  const thisYear = new Date().getFullYear();
  const [from, to] = props.years ?? [thisYear - 2, thisYear + 2];
  const years = range(Math.min(from, y || from), Math.max(to, y || to));
  const set = (i: number) => (e: Event) => {
    const next = [y, mo, d];
    next[i] = Number((e.currentTarget as HTMLSelectElement).value);
    if (next[0] && next[1] && next[2]) next[2] = Math.min(next[2], daysIn(next[0], next[1]));
    setParts(next);
    props.onChange(next[0] && next[1] && next[2] ? `${next[0]}-${two(next[1])}-${two(next[2]!)}` : '');
  };
  const blank = <option value="0">—</option>;
  const select = (i: number, unit: string, value: number, options: number[], first?: boolean) => (
    <>
      <select id={first ? props.id : undefined} aria-label={`${props.label}（${unit}）`} value={String(value)} onChange={set(i)}>
        {(props.optional || !value) && blank}
        {options.map((n) => <option key={n} value={String(n)}>{n}</option>)}
      </select>
      <span aria-hidden="true">{unit}</span>
    </>
  );
  return (
    <span class="dt-field" role="group" aria-label={props.label}>
      {select(0, '年', y, years, true)}
      {select(1, '月', mo, range(1, 12))}
      {select(2, '日', d, range(1, y && mo ? daysIn(y, mo) : 31))}
    </span>
  );
}
