import { describe, expect, it } from 'vitest';
import { figure, machine } from '../../bench/stats';

describe('bench figures (bench/results.json)', () => {
  it('keeps the samples, and the baseline with the ratio of the reported value to it', () => {
    const f = figure('endpoint_batches_per_s', [900, 1100, 1000], 'batches/s', 2000, 'higher', { baseline: 4000 });
    expect(f).toMatchObject({ value: 1000, median: 1000, p95: 1100, runs: 3, samples: [900, 1100, 1000], baseline: 4000, ratio: 0.25, met: false });
  });

  it('takes the ratio of the p95 when the p95 is the figure', () => {
    const f = figure('tick', [1, 2, 3, 4, 10], 'ms', 16, 'lower', { use: 'p95', baseline: 5 });
    expect(f.value).toBe(10);
    expect(f.ratio).toBe(2);
    expect(f.met).toBe(true);
  });

  it('a figure without a target (a baseline, a ratio) is neither met nor missed', () => {
    const f = figure('endpoint_sync_vs_echo', [0.3, 0.4], '×', null, 'higher');
    expect(f.met).toBeNull();
    expect(f).not.toHaveProperty('ratio');
  });

  it('records the machine it ran on', () => {
    const m = machine();
    expect(m.cpus).toBeGreaterThan(0);
    expect(m.loadAvg).toHaveLength(3);
    expect(m.node).toBe(process.version);
  });
});
