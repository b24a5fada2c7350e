/** Phone-side fixtures: a fresh fake-IndexedDB database per test and records to put in it. */
import 'fake-indexeddb/auto';
import { createDb, type AppDb } from '../../src/db/schema';
import type { DailyDuty, Worker } from '../../src/domain/types';

let n = 0;
export function freshDb(): AppDb {
  n++;
  return createDb(`xzw-test-${n}-${Math.random().toString(36).slice(2)}`);
}

export function uuid(i: number): string {
  return `0190a1b2-c3d4-7000-8000-${i.toString(16).padStart(12, '0')}`;
}

export function makeDuty(id: string, rev = 1, dirty: 0 | 1 = 1, note = ''): DailyDuty {
  return {
    id, createdAt: 1_000, updatedAt: 1_000 + rev, rev, deleted: false, dirty,
    day: '2026-11-01', shiftId: `s-${id}`, shiftName: '八点班', dayOff: false,
    districtMeeting: { attended: true, note: '' },
    rollCall: { expected: 20, absentees: [], confirmed: true },
    documents: { items: [], none: true }, lessonTopic: '顶板管理', safetyConfirmed: true,
    weak: { none: true, entries: [] }, talks: { workerIds: [], none: true },
    organisationNote: note, organisationDone: true, hazardsNone: true,
  };
}

export function makeWorker(id: string, rev = 1, dirty: 0 | 1 = 1): Worker {
  return { id, createdAt: 1_000, updatedAt: 1_000 + rev, rev, deleted: false, dirty, name: '张三', post: '采煤机司机', partyMember: false };
}
