/**
 * 月汇报 benchmark: seeds months of one team's records into the page's IndexedDB and times
 * loadMonthInput + computeMonthFigures there, on the phone's own engine.
 *
 * How to call (for `npm run bench`): start a Vite dev server on src (the page must be able to
 * `import('/db/reports.ts')`), open it in Chromium, then
 *   const r = await benchReportMonth(page, { months: 24, seed: 1 });
 *   console.log(`REPORT_MONTH_MS=${r.medianMs}`);
 * The generator (generateTeamData, seedIndexedDb) is also used by tests/e2e/report.spec.ts.
 */
import type { Page } from '@playwright/test';
import { addDays, addMonths, isoWeekKey, monthDays, weeksOfMonth } from '../src/domain/calendar';
import { newDuty, WEAK_ACTIONS, WEAK_REASONS } from '../src/domain/checklist';
import { closeHazard, newHazard } from '../src/domain/hazard';
import { defaultRiskTypes, type RiskType } from '../src/domain/risk-types';
import type { DailyDuty, Hazard, MonthKey, Team, WeakAction, WeakReason, Worker } from '../src/domain/types';
import { newHelpRecord, newWeeklyScreening, type HardshipEntry, type HelpRecord, type PairRecord, type WeeklyScreening } from '../src/domain/weekly';

export interface TeamData {
  team: Team;
  workers: Worker[];
  riskTypes: RiskType[];
  duties: DailyDuty[];
  hazards: Hazard[];
  weeklyScreenings: WeeklyScreening[];
  helpRecords: HelpRecord[];
  pairs: PairRecord[];
  hardships: HardshipEntry[];
}

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(xs)))];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

const TOPICS = ['顶板管理', '雨季防治水', '一通三防', '三违警示', '机电安全', '冬季防滑', '反习惯性违章'];
const NAMES = '张三 李四 王五 赵六 孙七 周八 吴九 郑十 陈明 刘强 杨军 黄伟 徐磊 朱涛 马超 胡斌 郭亮 何平 高峰 林海 罗刚 梁勇 宋杰 唐松 韩冰 冯涛 邓辉 曹阳 彭飞 曾伟'.split(' ');

/**
 * `months` of records ending with `lastMonth` (inclusive): ~22 followed shifts a month rotating
 * weekly over the team's shifts, weak screenings and talks, hazards mostly closed within days,
 * weekly screenings and help records, three 1+X pairs, a few hardship entries.
 */
export function generateTeamData(opts: { team: Team; workers?: Worker[]; lastMonth: MonthKey; months: number; seed: number; t0?: number }): TeamData {
  const r = prng(opts.seed);
  const t0 = opts.t0 ?? Date.UTC(2024, 0, 1);
  let n = 0;
  const id = () => `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;
  const meta = () => ({ id: id(), createdAt: t0 + n, updatedAt: t0 + n, rev: 1, deleted: false, dirty: 1 as const });
  const workers = opts.workers ?? NAMES.map((name, i) => ({ ...meta(), name, post: '采煤工', partyMember: i % 6 === 0 }));
  const wIds = workers.map((w) => w.id);
  const riskTypes = defaultRiskTypes(t0, id);
  const out: TeamData = { team: opts.team, workers, riskTypes, duties: [], hazards: [], weeklyScreenings: [], helpRecords: [], pairs: [], hardships: [] };
  const first = addMonths(opts.lastMonth, 1 - opts.months);
  const party = workers.filter((w) => w.partyMember);
  out.pairs = (party.length ? party : workers.slice(0, 1)).slice(0, 3).map((m, i) =>
    ({ ...meta(), mentorId: m.id, workerIds: wIds.slice(3 + i * 3, 6 + i * 3), since: `${first}-01`, until: null }));

  for (let k = 0; k < opts.months; k++) {
    const month = addMonths(first, k);
    const days = monthDays(month);
    for (const day of days) {
      if (r.chance(0.27)) continue; // rest days: about 22 followed days a month
      const week = Number(isoWeekKey(day).slice(-2));
      const shift = opts.team.shifts[week % opts.team.shifts.length]!;
      const d = newDuty({ id: id(), createdAt: t0 + n }, day, shift, workers.length);
      if (r.chance(0.05)) { out.duties.push({ ...d, dayOff: true }); continue; }
      d.districtMeeting = { attended: r.chance(0.9), note: '' };
      d.rollCall = { ...d.rollCall, confirmed: true, absentees: r.chance(0.2) ? [r.pick(wIds)] : [] };
      d.documents = r.chance(0.3) ? { items: [`矿安〔${month.slice(0, 4)}〕${r.int(90) + 1}号`], none: false } : { items: [], none: true };
      d.lessonTopic = r.pick(TOPICS);
      d.safetyConfirmed = true;
      const weak = r.some(wIds, r.int(3));
      d.weak = { none: weak.length === 0, entries: weak.map((workerId) => ({
        workerId, reasons: r.some(Object.keys(WEAK_REASONS).filter((x) => x !== 'other') as WeakReason[], 1 + r.int(2)),
        reasonOther: '', actions: r.some(Object.keys(WEAK_ACTIONS).filter((x) => x !== 'other') as WeakAction[], 1), actionOther: '',
      })) };
      const talks = r.some(wIds, r.int(5));
      d.talks = { workerIds: talks, none: talks.length === 0 };
      d.organisationDone = true;
      const hasHazard = r.chance(0.15);
      d.hazardsNone = !hasHazard;
      out.duties.push(d);
      if (hasHazard) {
        const h = newHazard({ id: id(), createdAt: t0 + n }, { day, shiftName: shift.name, dutyId: d.id },
          { description: r.pick(['支架立柱漏液', '皮带托辊异响', '巷道积水', '电缆吊挂不规范']), responsible: r.pick(NAMES), deadline: addDays(day, 7) });
        const closeDay = addDays(day, 1 + r.int(12));
        out.hazards.push(r.chance(0.85) ? closeHazard(h, t0 + n, closeDay, '已整改验收') : h);
      }
    }
    for (const week of weeksOfMonth(month)) {
      const s = newWeeklyScreening(week, t0 + n, id);
      const people = r.some(wIds, r.int(4));
      out.weeklyScreenings.push({ ...s, noneAtRisk: people.length === 0 });
      for (const w of people) {
        const h = newHelpRecord(week, w, t0 + n, id);
        out.helpRecords.push({ ...h, riskTypeIds: [r.pick(riskTypes).id], situation: '情绪低落', measures: '谈心疏导',
          result: r.pick(['resolved', 'resolved', 'watching', 'reported', null] as const) });
      }
    }
    for (let i = r.int(3); i > 0; i--) {
      const fund = r.chance(0.5);
      out.hardships.push({ ...meta(), workerId: r.pick(wIds), kind: r.pick(['疾病', '子女上学', '家庭变故']), help: fund ? 'fund' : 'visit',
        amountYuan: fund ? 200 + r.int(9) * 100 : null, day: r.pick(days), note: '', followUp: '' });
    }
  }
  return out;
}

/** Writes the records straight into the app's IndexedDB (the app must have opened it once). */
export async function seedIndexedDb(page: Page, data: Partial<TeamData> & { settings?: { key: string; value: unknown }[] }): Promise<void> {
  const { team, ...rest } = data;
  await page.evaluate(async (d) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('xiaozhengwei');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const tables = Object.keys(d).filter((t) => db.objectStoreNames.contains(t));
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction(tables, 'readwrite');
      for (const t of tables) {
        const v = (d as Record<string, unknown>)[t];
        for (const rec of Array.isArray(v) ? v : [v]) tx.objectStore(t).put(rec);
      }
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, { ...rest, teams: team ? [team] : [] });
}

/**
 * Seeds `months` months (default 24) and times loadMonthInput + computeMonthFigures for the
 * last one, `runs` times, in the page. Returns the median and the record counts.
 */
export async function benchReportMonth(page: Page, opts: { months?: number; seed?: number; runs?: number; lastMonth?: MonthKey } = {}) {
  const lastMonth = opts.lastMonth ?? '2026-10';
  const team: Team = {
    id: '00000000-0000-7000-8000-ffffffffffff', createdAt: 1, updatedAt: 1, rev: 1, deleted: false, dirty: 1,
    district: '综采一队', name: '检修班', instructorName: '刘建国', timeZone: 'Asia/Shanghai', overnightRule: 'next',
    shifts: [{ id: 's0', name: '零点班', start: '00:00', end: '08:00' }, { id: 's8', name: '八点班', start: '08:00', end: '16:00' },
      { id: 's16', name: '四点班', start: '16:00', end: '00:00' }],
  };
  const data = generateTeamData({ team, lastMonth, months: opts.months ?? 24, seed: opts.seed ?? 1 });
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'xiaozhengwei'));
  await seedIndexedDb(page, data);
  const times = await page.evaluate(async ({ month, runs }) => {
    // Served by the Vite dev server; variables keep TypeScript from resolving the URLs.
    const [reportsUrl, figuresUrl] = ['/db/reports.ts', '/domain/report-figures.ts'];
    const reports = await import(/* @vite-ignore */ reportsUrl);
    const figures = await import(/* @vite-ignore */ figuresUrl);
    const out: { load: number; compute: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const input = await reports.loadMonthInput(month);
      const t1 = performance.now();
      figures.computeMonthFigures(month, input);
      out.push({ load: t1 - t0, compute: performance.now() - t1 });
    }
    return out;
  }, { month: lastMonth, runs: opts.runs ?? 7 });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    month: lastMonth,
    medianMs: median(times.map((t) => t.load + t.compute)),
    loadMedianMs: median(times.map((t) => t.load)),
    computeMedianMs: median(times.map((t) => t.compute)),
    records: { duties: data.duties.length, hazards: data.hazards.length, helpRecords: data.helpRecords.length },
  };
}
