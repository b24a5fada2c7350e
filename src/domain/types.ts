/**
 * Record types shared by the phone app and the endpoint. Pure data: no methods,
 * so a record can go to IndexedDB, over the wire and into SQLite unchanged.
 * Names follow src/domain/glossary.ts.
 */
import type { StoredRota } from './rota';

/** Calendar keys, always computed in the team's time zone (see calendar.ts). */
export type DayKey = string; // 'yyyy-MM-dd', a production day
export type WeekKey = string; // 'RRRR-Www', ISO week, e.g. '2026-W48'
export type MonthKey = string; // 'yyyy-MM'
export type TimeOfDay = string; // 'HH:mm', 24 h; '24:00' is not used, midnight is '00:00'

/** Fields every stored record carries (the sync envelope lives on the record itself). */
export interface RecordMeta {
  /** Client-generated, time-ordered UUIDv7 (ids.ts). */
  id: string;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  /** Starts at 1, +1 on every local change; the server keeps the highest. */
  rev: number;
  /** Tombstone: never hard-deleted before the server has it. */
  deleted: boolean;
  /** 1 while this revision is not acknowledged by the server (0/1 so IndexedDB can index it). */
  dirty: 0 | 1;
  /** Phone-local, never sent: when the server acknowledged this revision (retention.ts). */
  ackedAt?: number;
  /** Phone-local, never sent: when retention removed its sensitive text; read-only since. */
  scrubbedAt?: number;
}

export interface ShiftDef {
  id: string;
  name: string; // 零点班, 八点班, 四点班, 夜班 …
  start: TimeOfDay;
  end: TimeOfDay;
}

/**
 * A shift "crosses midnight" when end < start and end is not 00:00.
 * Such a shift belongs to the production day after its start ('next', usual in the
 * mines for a 22:00/23:00 night shift) or to the day it starts ('same').
 */
export type OvernightRule = 'next' | 'same';

export interface Team extends RecordMeta {
  district: string; // 区队 / 工区
  name: string; // 班组
  instructorName: string; // 小政委
  timeZone: string; // IANA, default Asia/Shanghai
  shifts: ShiftDef[];
  overnightRule: OvernightRule;
  /** 倒班 (rota.ts): which shifts are worked on which days; absent = every shift every day. */
  rota?: StoredRota;
  /** Minutes before a shift's start when its 班前会 begins (due.ts openingShift); absent = 60. */
  leadMinutes?: number;
}

export interface Worker extends RecordMeta {
  name: string;
  post: string; // 工种
  partyMember: boolean; // 党员, for 1+X pairing
}

/** 薄弱人员排查 reasons and actions: stable codes, zh-CN labels in checklist.ts. */
export type WeakReason =
  | 'fatigue' | 'unwell' | 'upset' | 'family' | 'drinking' | 'newWorker' | 'violations' | 'other';
/** stopWork = 停止下井/劝返: the worker does not go down this shift (like rest, off 实到). */
export type WeakAction = 'talk' | 'changePost' | 'rest' | 'stopWork' | 'reportUp' | 'other';

/** A temporary or borrowed worker on one shift only (临时/借调): never added to the roster. */
export interface ShiftGuest {
  id: string;
  name: string;
  post: string;
}

export interface WeakWorkerScreening {
  workerId: string;
  reasons: WeakReason[];
  reasonOther: string;
  actions: WeakAction[];
  actionOther: string;
}

/** A tri-state answer: null = not answered yet. */
export type Answer = boolean | null;

/** 日跟班: one record per (production day, shift) the instructor follows. */
export interface DailyDuty extends RecordMeta {
  day: DayKey;
  shiftId: string;
  /** Copied at creation so a renamed or retired shift keeps old records readable. */
  shiftName: string;
  /** The instructor was off / on leave for this shift: not counted as missing. */
  dayOff: boolean;
  districtMeeting: { attended: Answer; note: string }; // 区队早会
  rollCall: {
    expected: number | null; // 应到
    absentees: string[]; // worker ids; 实到: attendance() in checklist.ts
    confirmed: boolean; // 全员到岗 or absentees picked
    guests?: ShiftGuest[]; // 临时/借调人员 on this shift; absent in records from before issue 15
  };
  documents: { items: string[]; none: boolean }; // 上级文件传达
  lessonTopic: string; // 班前教育60秒
  safetyConfirmed: boolean; // 安全确认
  weak: { none: boolean; entries: WeakWorkerScreening[] }; // 薄弱人员排查
  talks: { workerIds: string[]; none: boolean }; // 思想引导 face-to-face talks
  organisationNote: string; // 生产期间人员组织
  organisationDone: boolean;
  hazardsNone: boolean; // 无隐患 (hazards found are Hazard records with dutyId)
}

/** Fields of a hazard the instructor can correct after registering it. */
export type HazardField = 'description' | 'responsible' | 'deadline' | 'category' | 'severity';
export interface HazardChange { field: HazardField; from: string; to: string }

export interface HazardEvent {
  at: number; // epoch ms
  /** edit: a correction (changes lists old → new); delete: a mistaken entry withdrawn; review: 复查 passed. */
  action: 'close' | 'reopen' | 'edit' | 'delete' | 'review';
  note: string;
  day: DayKey;
  changes?: HazardChange[];
}

/** 隐患/问题: an open item in the ledger until closed (销号); never silently dropped. */
export interface Hazard extends RecordMeta {
  dutyId: string | null;
  foundDay: DayKey;
  shiftName: string;
  description: string;
  responsible: string; // 定人
  deadline: DayKey | null; // 定时
  status: 'open' | 'closed';
  closedDay: DayKey | null;
  closeNote: string;
  history: HazardEvent[];
  /** Ids from the branch's lists (hazard-lists.ts); absent on records made before the lists. */
  category?: string | null;
  severity?: string | null;
  /** Why a mistaken entry was withdrawn (deleted: true): the secretary sees it. */
  deleteReason?: string;
}

/** Key/value settings of the phone (not synced). */
export interface AppSetting {
  key: string;
  value: unknown;
}
