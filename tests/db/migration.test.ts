import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { useDbForTests } from '../../src/db/connection';
import { createDb, STORES_V1, STORES_V2, STORES_V3, STORES_V4, type AppDb } from '../../src/db/schema';
import { listWorkers, updateWorker } from '../../src/db/team';
import { writeV1Fixture } from '../fixtures/db-v1';

const opened: Dexie[] = [];
afterEach(async () => {
  useDbForTests(null);
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function migrate() {
  const name = 't-' + crypto.randomUUID();
  const before = await writeV1Fixture(name);
  const db: AppDb = createDb(name);
  opened.push(db);
  await db.open();
  return { before, db };
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('v1 → current schema', () => {
  it('keeps every record unchanged, backfilling only partyMember=false on workers', async () => {
    const { before, db } = await migrate();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(byId(await db.teams.toArray())).toEqual(byId(before.teams));
    expect(byId(await db.duties.toArray())).toEqual(byId(before.duties));
    expect(byId(await db.hazards.toArray())).toEqual(byId(before.hazards));
    expect(await db.settings.orderBy('key').toArray()).toEqual([...before.settings].sort((a, b) => a.key.localeCompare(b.key)));
    expect(byId(await db.workers.toArray())).toEqual(byId(before.workers.map((w) => ({ ...w, partyMember: false }))));
  });

  it('keeps unsent records dirty and sent ones clean (the outbox survives)', async () => {
    const { before, db } = await migrate();
    for (const table of ['teams', 'workers', 'duties', 'hazards'] as const) {
      const rows: { id: string; dirty: 0 | 1 }[] = before[table];
      const dirty = await db.table(table).where('dirty').equals(1).primaryKeys();
      expect(dirty.sort(), table).toEqual(rows.filter((r) => r.dirty === 1).map((r) => r.id).sort());
    }
    const clean = await db.duties.where('dirty').equals(0).count();
    expect(clean).toBe(before.duties.filter((d) => d.dirty === 0).length);
    expect(clean).toBeGreaterThan(0);
    expect(await db.duties.where('dirty').equals(1).count()).toBeGreaterThan(0);
  });

  it('creates the v2, v3 (photo) and v4 (reminder) tables, empty, and keeps every v1 index', async () => {
    const { db } = await migrate();
    const stores = [...db.backendDB().objectStoreNames];
    expect(stores.sort()).toEqual([...Object.keys(STORES_V1), ...Object.keys(STORES_V2), ...Object.keys(STORES_V3), ...Object.keys(STORES_V4)].sort());
    for (const table of [...Object.keys(STORES_V2), ...Object.keys(STORES_V3), ...Object.keys(STORES_V4)]) expect(await db.table(table).count(), table).toBe(0);
    expect(await db.duties.where('[day+shiftId]').equals(['2026-01-06', 'sh-0']).count()).toBe(1);
    expect(await db.hazards.where('status').equals('open').count()).toBe(1);
  });

  it('lets the repositories work on the migrated records', async () => {
    const { before, db } = await migrate();
    useDbForTests(db);
    const live = before.workers.filter((w) => !w.deleted);
    expect((await listWorkers()).map((w) => w.id)).toEqual(live.map((w) => w.id));
    await updateWorker(live[0]!.id, { partyMember: true });
    expect(await db.workers.get(live[0]!.id)).toMatchObject({ partyMember: true, rev: live[0]!.rev + 1, dirty: 1 });
  });
});
