/** The branch's hazard lists as pulled to this phone (see domain/hazard-lists.ts). */
import { HAZARD_LISTS_KEY, parseHazardLists, type HazardLists } from '../domain/hazard-lists';
import { withDb } from './connection';
import { getBranchConfig } from './outbox';

/** Categories, severities and the 复查 setting (defaults until the branch sends its own). */
export async function hazardLists(): Promise<HazardLists> {
  const entry = await withDb((db) => getBranchConfig(db, HAZARD_LISTS_KEY));
  return parseHazardLists(entry?.value).lists;
}
