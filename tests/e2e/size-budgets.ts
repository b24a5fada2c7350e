/** Byte budgets (gzip KB) checked by size-budget.spec.ts. Lower them when a chunk shrinks. */

/** JS+CSS of a first visit, all files together (the phone's first load on a 2G pithead link). */
export const FIRST_LOAD_BUDGET_KB = 60;

/** A lazy screen chunk. */
export const CHUNK_BUDGET_KB = 15;

/**
 * Chunks with their own budget, by name without the content hash. The shared vendor chunk
 * (preact, dexie, hooks) is part of the first load and bounded by the first-load budget too.
 */
const OWN_BUDGETS: Record<string, number> = {
  'assets/hooks.js': 40,
  'sw.js': 8,
};

export function budgetOf(name: string): number {
  return OWN_BUDGETS[name] ?? CHUNK_BUDGET_KB;
}
