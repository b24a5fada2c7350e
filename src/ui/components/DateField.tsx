/** 'yyyy-MM-dd' as 年/月/日 selects: see TimeField.tsx for why not <input type="date">. */
import { useState } from 'preact/hooks';
import type { DayKey } from '../../domain/types';

// Not imported from TimeField.tsx: that would make both a chunk of their own in the first load.
const two = (n: number) => (n < 10 ? '0' : '') + n;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

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
