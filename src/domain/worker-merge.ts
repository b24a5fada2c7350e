/**
 * Merging a duplicate worker into the one kept (the secretary's 人员合并): every record that
 * names the duplicate by id names the kept worker instead. Pure, shared by the server's pages
 * (which read records through the merges at once) and the phones (which rewrite their own
 * records when they pull `team:<id>:merges`, and send them back).
 * Hazards name their responsible person as text, and a submitted report keeps the ids of its
 * snapshot as sent: neither is rewritten.
 */
import type { WorkerMerge } from './branch-config';

/** from → final to, following chains (a→b, b→c gives a→c); a cycle is cut where it closes. */
export function mergeMap(merges: readonly WorkerMerge[]): Map<string, string> {
  const direct = new Map<string, string>();
  for (const m of [...merges].sort((a, b) => a.at - b.at)) if (m.from !== m.to) direct.set(m.from, m.to);
  const out = new Map<string, string>();
  for (const from of direct.keys()) {
    let to = direct.get(from)!;
    const seen = new Set([from]);
    while (direct.has(to) && !seen.has(to)) {
      seen.add(to);
      to = direct.get(to)!;
    }
    if (to !== from) out.set(from, to);
  }
  return out;
}

/** Tables whose records name workers by id. */
export const WORKER_REF_TABLES = ['duties', 'helpRecords', 'pairs', 'hardships'] as const;
export type WorkerRefTable = (typeof WORKER_REF_TABLES)[number];

const one = (map: Map<string, string>, id: unknown): unknown => (typeof id === 'string' ? map.get(id) ?? id : id);
/** Mapped and without the duplicates a merge creates (both people were in the list). */
const many = (map: Map<string, string>, ids: unknown): unknown =>
  Array.isArray(ids) ? [...new Set(ids.map((id) => one(map, id)))] : ids;

type Body = Record<string, unknown>;

/**
 * The record with its worker ids mapped, or null when it names none of the merged workers
 * (so callers write, and bump, only what changed).
 */
export function rewriteWorkerRefs(table: string, body: Body, map: Map<string, string>): Body | null {
  if (map.size === 0) return null;
  const before = JSON.stringify(body);
  const b = JSON.parse(before) as Body; // a record body is JSON: its own deep copy (no structuredClone below Chromium 98)
  if (table === 'duties') {
    const roll = b.rollCall as Body | undefined;
    if (roll) roll.absentees = many(map, roll.absentees);
    const talks = b.talks as Body | undefined;
    if (talks) talks.workerIds = many(map, talks.workerIds);
    const weak = b.weak as { entries?: Body[] } | undefined;
    if (weak && Array.isArray(weak.entries)) {
      // Two entries for one person after the merge: the first keeps its place, the later one's
      // reasons and actions are added to it.
      const byWorker = new Map<unknown, Body>();
      const entries: Body[] = [];
      for (const e of weak.entries) {
        const w = one(map, e.workerId);
        const prev = byWorker.get(w);
        if (!prev) {
          const next = { ...e, workerId: w };
          byWorker.set(w, next);
          entries.push(next);
          continue;
        }
        for (const k of ['reasons', 'actions'] as const) {
          if (Array.isArray(prev[k]) && Array.isArray(e[k])) prev[k] = [...new Set([...(prev[k] as unknown[]), ...(e[k] as unknown[])])];
        }
        for (const k of ['reasonOther', 'actionOther'] as const) {
          if (typeof prev[k] === 'string' && typeof e[k] === 'string' && e[k] && prev[k] !== e[k]) prev[k] = prev[k] ? `${prev[k] as string}；${e[k] as string}` : e[k];
        }
      }
      weak.entries = entries;
    }
  } else if (table === 'helpRecords' || table === 'hardships') {
    b.workerId = one(map, b.workerId);
  } else if (table === 'pairs') {
    b.mentorId = one(map, b.mentorId);
    b.workerIds = many(map, b.workerIds);
  } else {
    return null;
  }
  return JSON.stringify(b) === before ? null : b;
}

/** The worker ids a record names (for "was this worker ever used"). */
export function workerRefs(table: string, body: Body): string[] {
  const ids: unknown[] = [];
  const list = (x: unknown) => (Array.isArray(x) ? x : []);
  if (table === 'duties') {
    ids.push(...list((body.rollCall as Body | undefined)?.absentees), ...list((body.talks as Body | undefined)?.workerIds));
    ids.push(...list((body.weak as Body | undefined)?.entries).map((e) => (e as Body | null)?.workerId));
  } else if (table === 'helpRecords' || table === 'hardships') ids.push(body.workerId);
  else if (table === 'pairs') ids.push(body.mentorId, ...list(body.workerIds));
  return ids.filter((x): x is string => typeof x === 'string');
}
