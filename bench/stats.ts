/** Figures as the bench prints and saves them (bench/results.json, read by other tools). */
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
  met: boolean | null;
  median?: number;
  p95?: number;
  runs?: number;
  /** Why no value could be measured, or what the value means. */
  note?: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A figure from several runs: value = median unless `use` says p95 (e.g. tick latency). */
export function figure(
  name: string, samples: number[], unit: string, target: number, better: 'lower' | 'higher',
  opts: { use?: 'median' | 'p95'; note?: string } = {},
): Figure {
  const med = round(median(samples));
  const hi = round(p95(samples));
  const value = opts.use === 'p95' ? hi : med;
  const met = better === 'lower' ? value <= target : value >= target;
  return { name, value, unit, target, better, met, median: med, p95: hi, runs: samples.length, ...(opts.note ? { note: opts.note } : {}) };
}

export function unmeasured(name: string, unit: string, target: number, better: 'lower' | 'higher', why: string): Figure {
  return { name, value: null, unit, target, better, met: null, note: why };
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? '—' : `${f.value} ${f.unit}`,
    f.median === undefined ? '' : `${f.median} / ${f.p95} (n=${f.runs})`,
    `${f.better === 'lower' ? '≤' : '≥'} ${f.target} ${f.unit}`,
    f.met === null ? 'n/a' : f.met ? 'met' : 'MISSED',
    f.note ?? '',
  ]);
  const head = ['figure', 'value', 'median / p95', 'target', '', 'note'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}
