import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb, useDbForTests } from '../../src/db/connection';
import { ensureDuty, findDuty, updateDuty } from '../../src/db/duties';
import { addHazard, listHazards } from '../../src/db/hazards';
import { createDb, defineSchema, type AppDb } from '../../src/db/schema';
import { getSetting, setSetting } from '../../src/db/settings';
import type { ShiftDef } from '../../src/domain/types';

const SHIFT: ShiftDef = { id: 's1', name: '早班', start: '07:00', end: '15:00' };
const FOUND = { day: '2026-03-02', shiftName: '早班', dutyId: null };
const INPUT = { description: '风门关不严', responsible: '李四', deadline: null };

const others: Dexie[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  const all = [getDb(), ...others.splice(0)];
  for (const db of all) db.close();
  for (const db of all) await db.delete();
  useDbForTests(null);
});

/** A fresh database per test; `real` = the app's own getDb() instance with its versionchange handler. */
async function start(real = false): Promise<AppDb> {
  useDbForTests(real ? null : createDb('t-' + crypto.randomUUID()));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined); // Dexie warns on reopen/versionchange
  const db = getDb();
  await db.open();
  return db;
}

/** Another tab with a newer app version: opens the same database at v3. */
async function newerTab(name: string): Promise<Dexie> {
  const other = new Dexie(name);
  defineSchema(other);
  // One version above the app's newest, whatever that is.
  other.version(other.verno + 1).stores({ newTable: 'id' });
  others.push(other);
  await other.open();
  return other;
}

describe('a connection closed under the app', () => {
  it('db.close() (auto-open off, as iOS leaves it): the next updateDuty reopens and succeeds', async () => {
    const db = await start();
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    db.close();
    const next = await updateDuty(d.id, (x) => ({ ...x, lessonTopic: '防突' }));
    expect(next.rev).toBe(2);
    expect(db.isOpen()).toBe(true);
    expect(await db.duties.get(d.id)).toMatchObject({ lessonTopic: '防突', rev: 2 });
  });

  it('db.close(): addHazard, reads and settings work again too', async () => {
    const db = await start();
    db.close();
    const h = await addHazard(FOUND, INPUT);
    db.close();
    expect((await listHazards()).map((x) => x.id)).toEqual([h.id]);
    db.close();
    await setSetting('persistAsked', true);
    db.close();
    expect(await getSetting('persistAsked', false)).toBe(true);
  });

  it('db.close(): two writes at once both reopen and both land', async () => {
    const db = await start();
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    db.close();
    await Promise.all([
      updateDuty(d.id, (x) => ({ ...x, safetyConfirmed: true })),
      addHazard({ ...FOUND, dutyId: d.id }, INPUT),
    ]);
    expect(await db.duties.get(d.id)).toMatchObject({ safetyConfirmed: true, rev: 2 });
    expect(await db.hazards.count()).toBe(1);
  });

  it('close keeping auto-open: the next write succeeds', async () => {
    const db = await start();
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    db.close({ disableAutoOpen: false });
    expect((await updateDuty(d.id, (x) => ({ ...x, dayOff: true }))).dayOff).toBe(true);
  });

  it('the IDBDatabase closed without Dexie knowing: the next write succeeds', async () => {
    const db = await start();
    const d = await ensureDuty('2026-03-02', SHIFT, 8);
    db.backendDB().close();
    await updateDuty(d.id, (x) => ({ ...x, organisationDone: true }));
    expect(await db.duties.get(d.id)).toMatchObject({ organisationDone: true, rev: 2 });
  });
});

describe('another tab opens a newer version', () => {
  for (const real of [false, true]) {
    it(`the app lets it upgrade, then writes again (${real ? "getDb's own handler" : 'Dexie default'})`, async () => {
      const db = await start(real);
      const d = await ensureDuty('2026-03-02', SHIFT, 8);
      const other = await newerTab(db.name); // resolves only once the app let go of its connection
      expect(other.verno).toBe(db.verno + 1);
      const next = await updateDuty(d.id, (x) => ({ ...x, hazardsNone: true }));
      const h = await addHazard(FOUND, INPUT);
      expect(next.rev).toBe(2);
      expect((await findDuty('2026-03-02', SHIFT.id))?.hazardsNone).toBe(true);
      expect(await other.table('duties').get(d.id)).toMatchObject({ hazardsNone: true, rev: 2 });
      expect(await other.table('hazards').get(h.id)).toEqual(h);
    });
  }
});
