/** The records the phone's search looks through, read in one transaction (see domain/search-index.ts). */
import type { RiskType } from '../domain/risk-types';
import { buildSearchIndex, type SearchEntry } from '../domain/search-index';
import type { DayKey } from '../domain/types';
import type { HelpRecord } from '../domain/weekly';
import { withDb } from './connection';

export function loadSearchIndex(today: DayKey): Promise<SearchEntry[]> {
  return withDb((db) =>
    db.transaction('r', [db.workers, db.hazards, db.helpRecords, db.duties, db.riskTypes], async () => {
      const [workers, hazards, helpRecords, duties, riskTypes] = await Promise.all([
        db.workers.toArray(), db.hazards.toArray(), db.helpRecords.toArray(), db.duties.toArray(), db.riskTypes.toArray(),
      ]);
      return buildSearchIndex({
        workers, hazards, duties, today,
        helpRecords: helpRecords as unknown as HelpRecord[], riskTypes: riskTypes as unknown as RiskType[],
      });
    }),
  );
}
