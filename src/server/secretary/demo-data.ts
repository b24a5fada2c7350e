/**
 * Puts a generated team history (tests/fixtures/generate.ts) into the endpoint the way a
 * phone would: a device is enrolled with a real code and every record goes through
 * sync-store.push. Monthly reports are written with the domain's submitReport, so their
 * figure snapshots are the ones computeMonthFigures gives. Used by the demo, the bench
 * and the tests.
 */
import { randomBytes } from 'node:crypto';
import { addMonths, monthKey } from '../../domain/calendar';
import { uuidv7 } from '../../domain/ids';
import { newIdea, newReport, submitReport, type MonthlyReport } from '../../domain/report';
import { computeMonthFigures } from '../../domain/report-figures';
import type { SyncRecord, SyncTableName } from '../../domain/sync-protocol';
import type { DayKey, MonthKey } from '../../domain/types';
import type { TeamData } from '../../../tests/fixtures/generate';
import type { Sqlite } from '../db';
import { createEnrolCode, redeemEnrolCode, type DeviceRow, type TeamRow } from '../store';
import { push } from '../sync-store';

const TABLES: [SyncTableName, keyof TeamData][] = [
  ['workers', 'workers'], ['riskTypes', 'riskTypes'], ['duties', 'duties'], ['hazards', 'hazards'],
  ['weeklyScreenings', 'weeklyScreenings'], ['helpRecords', 'helpRecords'], ['pairs', 'pairs'], ['hardships', 'hardships'],
];

export function toSync(table: SyncTableName, r: { id: string; rev: number; updatedAt: number; deleted: boolean }): SyncRecord {
  const { dirty: _dirty, ...body } = r as typeof r & { dirty?: number };
  return { table, id: r.id, rev: r.rev, updatedAt: r.updatedAt, deleted: r.deleted, body };
}

export function enrolDevice(db: Sqlite, team: TeamRow, name: string, now: number): DeviceRow {
  const { code } = createEnrolCode(db, team.id, now);
  const r = redeemEnrolCode(db, { code, nonce: randomBytes(12).toString('hex'), deviceName: name }, now);
  if (!r.ok) throw new Error(`enrol: ${r.error}`);
  return db.prepare('SELECT * FROM devices WHERE id = ?').get(r.deviceId) as DeviceRow;
}

const IDEAS = [
  { title: '班前会“一人一题”提问', content: '每次班前会随机抽一名职工复述当班风险点，答不上的由班长现场讲解。', expectedEffect: '提高风险辨识的参与度' },
  { title: '困难职工“微心愿”清单', content: '把困难职工的具体需求列成清单，由党员认领。', expectedEffect: '帮扶更有针对性' },
];

/** A submitted report for `month`, written from the month's own figures. */
export function demoReport(month: MonthKey, d: TeamData, at: number, revisions = 1): MonthlyReport {
  const rnd = () => randomBytes(16);
  const newId = () => uuidv7(at, rnd);
  let r = newReport(month, at, newId);
  r = { ...r, lookBack: '本月对照日跟班、周帮扶台账逐项回头看，班前会流程执行到位，个别班次薄弱人员排查记录不够具体。',
    progress: '班组安全生产平稳，未发生三违；对两名情绪波动职工持续谈心，已基本化解。',
    nextPriorities: ['继续抓好雨季防治水教育', '落实1+X结对帮扶', '隐患整改按期销号'],
    methods: '采取“班前一提醒、班中一巡查、班后一谈心”的方式开展思想引导。',
    ideas: IDEAS.map((i) => ({ ...newIdea(newId), ...i })) };
  const figures = computeMonthFigures(month, d);
  for (let i = 0; i < revisions; i++) r = submitReport(r, figures, at + i * 3600_000);
  return r;
}

/** Pushes everything of one team through sync-store.push as one phone; returns that device. */
export function seedTeam(db: Sqlite, team: TeamRow, d: TeamData, opts: { now: number; today: DayKey; reportMonths?: number; deviceName?: string }): DeviceRow {
  const device = enrolDevice(db, team, opts.deviceName ?? '小政委的手机', opts.now);
  const records: SyncRecord[] = [toSync('teams', d.team)];
  for (const [table, key] of TABLES) for (const r of d[key] as { id: string; rev: number; updatedAt: number; deleted: boolean }[]) records.push(toSync(table, r));
  const current = monthKey(opts.today);
  for (let i = 1; i <= (opts.reportMonths ?? 0); i++) {
    const month = addMonths(current, -i);
    const at = Date.parse(`${addMonths(month, 1)}-0${1 + i}T18:00:00+08:00`);
    records.push(toSync('reports', demoReport(month, d, at, i === 1 && team.name.includes('乙') ? 2 : 1)));
  }
  for (let i = 0; i < records.length; i += 2000) {
    const res = push(db, device, team, records.slice(i, i + 2000), opts.now);
    if (res.rejected.length) throw new Error(`seed: ${res.rejected[0]!.message}`);
  }
  db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(opts.now, device.id);
  return device;
}
