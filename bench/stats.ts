import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Figures as the bench prints and saves them (bench/results.json, read by other tools). */
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  /** null: a ratio or baseline reported for reading, with no target of its own. */
  target: number | null;
  better: 'lower' | 'higher';
  met: boolean | null;
  median?: number;
  p95?: number;
  runs?: number;
  /** Every sample the value was taken from (rounded). */
  samples?: number[];
  /** The same thing measured in the same run on a baseline (e.g. an echo route, an empty profile). */
  baseline?: number;
  /** value / baseline, the part that holds from one machine to the next. */
  ratio?: number;
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

export const round = (x: number) => Math.round(x * 100) / 100;

/** A figure from several runs: value = median unless `use` says p95 (e.g. tick latency). */
export function figure(
  name: string, samples: number[], unit: string, target: number | null, better: 'lower' | 'higher',
  opts: { use?: 'median' | 'p95'; note?: string; baseline?: number } = {},
): Figure {
  const med = round(median(samples));
  const hi = round(p95(samples));
  const value = opts.use === 'p95' ? hi : med;
  const met = target === null ? null : better === 'lower' ? value <= target : value >= target;
  const base = opts.baseline === undefined ? {} : { baseline: round(opts.baseline), ratio: Math.round((value / opts.baseline) * 1000) / 1000 };
  return {
    name, value, unit, target, better, met, median: med, p95: hi, runs: samples.length, samples: samples.map(round), ...base,
    ...(opts.note ? { note: opts.note } : {}),
  };
}

/** The machine a run measured on: absolute figures only compare between runs on the same one. */
export function machine(): { cpuModel: string; cpus: number; loadAvg: number[]; node: string; platform: string } {
  const cpus = os.cpus();
  return { cpuModel: cpus[0]?.model ?? 'unknown', cpus: cpus.length, loadAvg: os.loadavg().map(round), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

/** The machine's CPU time counters (/proc/stat, all CPUs); null where there is none. */
export function cpuTimes(): { steal: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { steal: f[7] ?? 0, total: f.reduce((a, c) => a + c, 0) };
  } catch {
    return null;
  }
}

/**
 * CPU time the hypervisor gave to other guests (`steal`) since `from`, in % of all CPU time:
 * a host that is not quiet shows here, whatever the load average said at the start.
 */
export function stealPercent(from: ReturnType<typeof cpuTimes>): number | null {
  const to = cpuTimes();
  if (!from || !to || to.total === from.total) return null;
  return Math.round(((to.steal - from.steal) / (to.total - from.total)) * 1000) / 10;
}

export function unmeasured(name: string, unit: string, target: number | null, better: 'lower' | 'higher', why: string): Figure {
  return { name, value: null, unit, target, better, met: null, note: why };
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? '—' : `${f.value} ${f.unit}`,
    f.median === undefined ? '' : `${f.median} / ${f.p95} (n=${f.runs})`,
    f.ratio === undefined ? '' : `${f.ratio} (of ${f.baseline})`,
    f.target === null ? '' : `${f.better === 'lower' ? '≤' : '≥'} ${f.target} ${f.unit}`,
    f.met === null ? 'n/a' : f.met ? 'met' : 'MISSED',
    f.note ?? '',
  ]);
  const head = ['figure', 'value', 'median / p95', 'ratio (baseline)', 'target', '', 'note'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}
