/**
 * A hand-built team around November 2026 for the 月汇报 tests. Calendar facts used:
 * 2026-11-01 is a Sunday; ISO weeks W45–W48 have their Thursday in November; W44
 * (Oct 26–Nov 1) belongs to October and W49 (Nov 30–Dec 6) to December.
 */
import { newDuty } from '../../src/domain/checklist';
import { closeHazard, newHazard, reopenHazard } from '../../src/domain/hazard';
import type { MonthInput } from '../../src/domain/report-figures';
import type { RiskType } from '../../src/domain/risk-types';
import type { DailyDuty, DayKey, Hazard, Team, Worker } from '../../src/domain/types';
import type { HardshipEntry, HelpRecord, PairRecord, WeeklyScreening } from '../../src/domain/weekly';
import { freshMeta } from '../../src/domain/weekly-meta';

export const T0 = Date.UTC(2026, 9, 1);
const meta = (id: string) => ({ ...freshMeta(T0, () => id) });

export const team: Team = {
  ...meta('team'),
  district: '综采一队',
  name: '甲班',
  instructorName: '王强',
  timeZone: 'Asia/Shanghai',
  overnightRule: 'next',
  shifts: [
    { id: 'night', name: '夜班', start: '23:00', end: '07:00' },
    { id: 'morning', name: '早班', start: '07:00', end: '15:00' },
    { id: 'middle', name: '中班', start: '15:00', end: '23:00' },
  ],
};

export function worker(id: string, name: string): Worker {
  return { ...meta(id), name, post: '采煤工', partyMember: false };
}

export function duty(id: string, day: DayKey, shiftId: string, patch: Partial<DailyDuty> = {}): DailyDuty {
  const shift = team.shifts.find((s) => s.id === shiftId) ?? { id: shiftId, name: '老夜班' };
  return { ...newDuty({ id, createdAt: T0 }, day, shift, 12), ...patch };
}

export function hazard(id: string, foundDay: DayKey, patch: Partial<Hazard> = {}): Hazard {
  const h = newHazard({ id, createdAt: T0 }, { day: foundDay, shiftName: '早班', dutyId: null }, {
    description: `隐患${id}`, responsible: '李工', deadline: null,
  });
  return { ...h, ...patch };
}

/** Closes (and optionally reopens) on the given days, through the ledger's own rules. */
export function closed(h: Hazard, day: DayKey, reopenDay?: DayKey): Hazard {
  const c = closeHazard(h, Date.parse(`${day}T12:00:00+08:00`), day, '已整改');
  return reopenDay ? reopenHazard(c, Date.parse(`${reopenDay}T12:00:00+08:00`), reopenDay, '复查未通过') : c;
}

export function screening(id: string, week: string, noneAtRisk: boolean): WeeklyScreening {
  return { ...meta(id), week, noneAtRisk, note: '' };
}

export function help(id: string, week: string, workerId: string, riskTypeIds: string[], result: HelpRecord['result']): HelpRecord {
  return {
    ...meta(id), week, workerId, riskTypeIds, result,
    situation: '', measures: '', nextStep: '', talkDays: [], carriedFromId: null,
  };
}

export function pair(id: string, workerIds: string[], since: DayKey, until: DayKey | null): PairRecord {
  return { ...meta(id), mentorId: 'w9', workerIds, since, until };
}

export function hardship(id: string, day: DayKey, workerId: string, h: HardshipEntry['help'], amountYuan: number | null): HardshipEntry {
  return { ...meta(id), workerId, kind: '疾病', help: h, amountYuan, day, note: '', followUp: '' };
}

export function riskType(id: string, name: string, order: number, retired = false): RiskType {
  return { ...meta(id), name, order, retired };
}

export function emptyInput(): MonthInput {
  return {
    team, duties: [], hazards: [], workers: [], weeklyScreenings: [], helpRecords: [],
    pairs: [], hardships: [], riskTypes: [],
  };
}
