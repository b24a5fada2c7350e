import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb, useDbForTests } from '../../src/db/connection';
import { addPair, endPair, pairsOfWorker } from '../../src/db/people';
import { createDb } from '../../src/db/schema';
import {
  addHelpRecord, addRiskType, ensureRiskTypes, followUp, getScreening, helpRecordsOfWeeks, listRiskTypes,
  removeHelpRecord, setRiskTypeRetired, updateHelpRecord, updateScreening,
} from '../../src/db/weekly';
import { DEFAULT_RISK_TYPE_NAMES } from '../../src/domain/risk-types';

beforeEach(() => useDbForTests(createDb('t-' + Math.random())));
afterEach(async () => {
  const db = getDb();
  db.close();
  await db.delete();
  useDbForTests(null);
});

describe('risk types', () => {
  it('seeds the defaults once, even when asked twice at the same time', async () => {
    await Promise.all([ensureRiskTypes(), ensureRiskTypes()]);
    await ensureRiskTypes();
    const names = (await listRiskTypes()).sort((a, b) => a.order - b.order).map((t) => t.name);
    expect(names).toEqual([...DEFAULT_RISK_TYPE_NAMES]);
  });

  it('does not re-seed once every type is retired, and refuses a live duplicate name', async () => {
    await ensureRiskTypes();
    for (const t of await listRiskTypes()) await setRiskTypeRetired(t.id, true);
    await ensureRiskTypes();
    expect(await listRiskTypes()).toHaveLength(DEFAULT_RISK_TYPE_NAMES.length);
    const added = await addRiskType(' 酒后上岗 ');
    expect(added).toMatchObject({ name: '酒后上岗', order: DEFAULT_RISK_TYPE_NAMES.length, retired: false });
    await expect(addRiskType('酒后上岗')).rejects.toThrow('已有同名类型');
  });
});

describe('help records', () => {
  it('round-trips a record with a new revision per change, and tombstones it on removal', async () => {
    const r = await addHelpRecord('2026-W48', 'w1');
    expect(r).toMatchObject({ rev: 1, dirty: 1, result: null, deleted: false });
    const again = await addHelpRecord('2026-W48', 'w1');
    expect(again.id).toBe(r.id); // a double tap does not make a second record
    await updateHelpRecord(r.id, (x) => ({ ...x, riskTypeIds: ['t1'], result: 'watching', situation: '情绪低落' }));
    const [read] = await helpRecordsOfWeeks(['2026-W48']);
    expect(read).toMatchObject({ id: r.id, rev: 2, result: 'watching', riskTypeIds: ['t1'], situation: '情绪低落' });

    await removeHelpRecord(r.id);
    expect(await helpRecordsOfWeeks(['2026-W48'])).toEqual([]);
    const raw = await getDb().helpRecords.get(r.id);
    expect(raw).toMatchObject({ deleted: true, rev: 3, dirty: 1 }); // kept for the server
  });

  it('a follow-up copies last week and clears a stale "nobody at risk"', async () => {
    const prev = await addHelpRecord('2026-W48', 'w1');
    const prevSaved = await updateHelpRecord(prev.id, (x) => ({ ...x, riskTypeIds: ['t1'], result: 'watching', nextStep: '再谈一次' }));
    await updateScreening('2026-W49', { noneAtRisk: true });
    const f = await followUp(prevSaved, '2026-W49');
    expect(f).toMatchObject({ week: '2026-W49', carriedFromId: prev.id, measures: '再谈一次', riskTypeIds: ['t1'], result: null });
    expect((await getScreening('2026-W49'))?.noneAtRisk).toBe(false);
  });
});

describe('pairs', () => {
  it('finds a pair by mentor and by any of the X, and keeps an ended pair', async () => {
    const p = await addPair({ mentorId: 'm1', workerIds: ['w1', 'w2'], since: '2026-11-01', until: null });
    await addPair({ mentorId: 'm2', workerIds: ['w3'], since: '2026-11-01', until: null });
    expect((await pairsOfWorker('w2')).map((x) => x.id)).toEqual([p.id]);
    expect((await pairsOfWorker('m1')).map((x) => x.id)).toEqual([p.id]);
    expect(await pairsOfWorker('w9')).toEqual([]);
    await endPair(p.id, '2026-11-20');
    expect(await pairsOfWorker('w1')).toMatchObject([{ id: p.id, until: '2026-11-20', rev: 2 }]);
    await expect(addPair({ mentorId: 'm1', workerIds: ['m1'], since: '2026-11-01', until: null })).rejects.toThrow('党员不能与自己结对');
  });
});
