/**
 * The dashboard's 6-month charts (issue 16.6): one y scale across every team's card, so
 * the same value is a bar of the same height on two cards; each bar carries its number;
 * 谈心 and 帮扶 differ by pattern (solid vs hatched), not by colour alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSvg, niceMax } from '../../src/server/secretary/chart';
import { seedTeam } from '../../src/server/secretary/demo-data';
import { createBranch, createSecretary, createTeam } from '../../src/server/store';
import { generateTeamData } from '../fixtures/generate';
import { ownPassword, signIn, startTestServer, type TestServer } from './helpers';

let s: TestServer;
let h: { cookie: string };

beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  const b = createBranch(s.db, '综采一队党支部', s.clock.now);
  const pw = ownPassword(s.db, createSecretary(s.db, b.id, 'sec', s.clock.now), s.clock.now);
  // A big team and a small one: their own maxima differ, so per-card scales would differ.
  [['甲班', 30], ['乙班', 6]].forEach(([name, workers], i) => {
    const row = createTeam(s.db, b.id, name as string, s.clock.now + i);
    seedTeam(s.db, row, generateTeamData({ seed: 51 + i, months: 7, workers: workers as number, endDay: '2026-11-02' }), { now: s.clock.now, today: '2026-11-03' });
  });
  h = { cookie: (await signIn(s.url, 'sec', pw)).cookie };
});
afterAll(async () => {
  await s.stop();
});

interface Bar { cls: string; fill: string; value: number; height: number; label: string | undefined }

function cards(page: string): Map<string, { bars: Bar[]; svg: string }> {
  const out = new Map<string, { bars: Bar[]; svg: string }>();
  for (const m of page.matchAll(/<section class="card" data-team="([^"]+)">([\s\S]*?)<\/section>/g)) {
    const svg = /<svg class="chart"[\s\S]*?<\/svg>/.exec(m[2]!)![0];
    const bars = [...svg.matchAll(/<rect class="(c-\w+)" fill="([^"]+)"[^>]*? height="([\d.]+)" data-value="(\d+)"><title>[^<]*<\/title><\/rect><text class="val"[^>]*>([^<]*)<\/text>/g)]
      .map((b) => ({ cls: b[1]!, fill: b[2]!, height: Number(b[3]), value: Number(b[4]), label: b[5] }));
    out.set(m[1]!, { bars, svg });
  }
  return out;
}

describe('dashboard charts', () => {
  it('share one y scale: the same value has the same bar height on every team card, with its number on it', async () => {
    const page = await (await fetch(`${s.url}/secretary/?month=2026-10`, { headers: h })).text();
    const all = cards(page);
    expect(all.size).toBe(2);
    const [a, b] = [...all.values()];
    for (const c of [a!, b!]) {
      expect(c.bars).toHaveLength(18); // 6 months × 3 series
      for (const bar of c.bars) expect(bar.label).toBe(String(bar.value));
    }
    // Their own maxima differ (the test would pass trivially otherwise).
    const max = (c: { bars: Bar[] }) => Math.max(...c.bars.map((x) => x.value));
    expect(niceMax(max(a!))).not.toBe(niceMax(max(b!)));
    // Height per unit is the same everywhere (bars are linear from 0).
    const ratios = [...a!.bars, ...b!.bars].filter((x) => x.value > 0).map((x) => x.height / x.value);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 1);
    // And literally: a value found on both cards has one height.
    const byValue = new Map<number, Set<string>>();
    for (const bar of [...a!.bars, ...b!.bars]) byValue.set(bar.value, (byValue.get(bar.value) ?? new Set()).add(bar.height.toFixed(1)));
    for (const [, heights] of byValue) expect(heights.size).toBe(1);
    const shared = a!.bars.map((x) => x.value).filter((v) => v > 0 && b!.bars.some((y) => y.value === v));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('tells 谈心 from 帮扶 without colour: solid fill vs a black-on-white hatch pattern defined in the chart', async () => {
    const page = await (await fetch(`${s.url}/secretary/?month=2026-10`, { headers: h })).text();
    for (const { bars, svg } of cards(page).values()) {
      const talks = bars.filter((x) => x.cls === 'c-talks').map((x) => x.fill);
      const helped = bars.filter((x) => x.cls === 'c-helped').map((x) => x.fill);
      const closed = bars.filter((x) => x.cls === 'c-closed').map((x) => x.fill);
      expect(new Set(talks).size).toBe(1);
      expect(talks[0]).toMatch(/^#[0-9a-f]{6}$/i);
      const pattern = /^url\(#([\w-]+)\)$/.exec(helped[0]!)![1]!;
      expect(svg).toMatch(new RegExp(`<pattern id="${pattern}"[^>]*>[\\s\\S]*?fill="#fff"[\\s\\S]*?stroke="#000"`));
      expect(closed.every((f) => f === '#fff')).toBe(true);
      // The legend uses the same fills.
      expect(svg).toContain(`<rect class="c-helped" fill="url(#${pattern})"`);
    }
  });

  it('without a shared scale a chart scales to its own values', () => {
    const svg = String(chartSvg([{ month: '2026-10', talks: 7, helped: 3, closed: 0 }], 't'));
    expect(svg).toContain('data-scale="10"');
    expect(niceMax(47)).toBe(50);
    expect(niceMax(0)).toBe(5);
    expect(niceMax(120)).toBe(200);
  });
});
