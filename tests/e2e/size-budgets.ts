/** Byte budgets (gzip KB) checked by size-budget.spec.ts. Lower them when a chunk shrinks. */

/** JS+CSS of a first visit, all files together (the phone's first load on a 2G pithead link). */
export const FIRST_LOAD_BUDGET_KB = 60;

/** A lazy screen chunk. */
export const CHUNK_BUDGET_KB = 15;

/**
 * Chunks with their own budget, by name without the content hash. The chunks of the first
 * visit (the shared vendor chunk among them) are bounded together by FIRST_LOAD_BUDGET_KB.
 */
const OWN_BUDGETS: Record<string, number> = {
  'sw.js': 8,
  // The shift screen with all it alone imports, one chunk on purpose (vite.config.ts,
  // shiftScreenGroup): a team phone opens on it, and ~20 small chunks were a waterfall.
  'assets/shift.js': 18,
  // Photo evidence (issue 17), loaded only when a screen with a photo slot opens or a photo is taken.
  'assets/PhotoSlot.js': 3,
  'assets/PhotoSettings.js': 1.5,
  'assets/process.js': 2,
  'assets/worker.js': 2.5,
  'assets/photos.js': 2.5,
};

export function budgetOf(name: string): number {
  return OWN_BUDGETS[name] ?? CHUNK_BUDGET_KB;
}
