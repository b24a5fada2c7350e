/**
 * Bundled by bench/search.ts and injected into a page of the app's origin: the phone's real
 * search code (src/db/search.ts, src/domain/search-index.ts) against the page's IndexedDB.
 */
import { loadSearchIndex } from '../src/db/search';
import { searchEntries, type SearchFilter } from '../src/domain/search-index';

const ALL: SearchFilter = { kind: 'all', workerId: null, overdueOnly: false };

const harness = {
  /**
   * Per run and query: the search screen's whole path (read the index from IndexedDB, filter)
   * and, as the baseline, the filter alone (each further keystroke on an open screen).
   */
  async run(queries: string[], runs: number, today: string): Promise<{ full: number[]; filter: number[]; entries: number; hits: number[] }> {
    const full: number[] = [];
    const filter: number[] = [];
    let entries = 0;
    const hits: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const q of queries) {
        const t0 = performance.now();
        const index = await loadSearchIndex(today);
        const t1 = performance.now();
        const r = searchEntries(index, q, ALL);
        const t2 = performance.now();
        full.push(t2 - t0);
        filter.push(t2 - t1);
        entries = index.length;
        if (i === 0) hits.push(r.total);
      }
    }
    return { full, filter, entries, hits };
  },
};

(globalThis as unknown as { __benchSearch: typeof harness }).__benchSearch = harness;
