/** The team set up on this phone (one per phone) and its roster. */
import type { Team, Worker } from '../domain/types';
import { newId, now } from './clock';
import { withDb } from './connection';
import { alive, bump, meta } from './records';

export type TeamInput = Omit<Team, keyof import('../domain/types').RecordMeta>;

export async function getTeam(): Promise<Team | undefined> {
  const all = await withDb((db) => db.teams.toArray());
  return all.filter(alive).sort((a, b) => a.createdAt - b.createdAt)[0];
}

/** Creates the team on first run, or saves a change as a new revision. */
export async function saveTeam(input: TeamInput): Promise<Team> {
  return withDb((db) =>
    db.transaction('rw', db.teams, async () => {
      const current = (await db.teams.toArray()).filter(alive)[0];
      const next: Team = current ? bump({ ...current, ...input }) : { ...meta(newId()), ...input };
      await db.teams.put(next);
      return next;
    }),
  );
}

export async function listWorkers(includeDeleted = false): Promise<Worker[]> {
  const all = await withDb((db) => db.workers.toArray());
  return (includeDeleted ? all : all.filter(alive)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Adds several workers in one transaction (paste a list). */
export async function addWorkers(items: { name: string; post: string; partyMember?: boolean }[]): Promise<Worker[]> {
  const at = now();
  // One ms apart: the roster sorts by createdAt, and ids within one ms are random, not ordered.
  const rows: Worker[] = items.map((w, i) => ({
    ...meta(newId(), at + i),
    name: w.name.trim(),
    post: w.post.trim(),
    partyMember: w.partyMember ?? false,
  }));
  await withDb((db) => db.workers.bulkAdd(rows));
  return rows;
}

export async function updateWorker(id: string, change: Partial<Pick<Worker, 'name' | 'post' | 'partyMember'>>): Promise<void> {
  await withDb((db) =>
    db.transaction('rw', db.workers, async () => {
      const w = await db.workers.get(id);
      if (!w) throw new Error(`worker ${id} not found`);
      await db.workers.put(bump({ ...w, ...change }));
    }),
  );
}

/** Tombstone: old records keep pointing at the worker's name. */
export async function removeWorker(id: string): Promise<void> {
  await withDb((db) =>
    db.transaction('rw', db.workers, async () => {
      const w = await db.workers.get(id);
      if (w && !w.deleted) await db.workers.put(bump({ ...w, deleted: true }));
    }),
  );
}
