/** Revision bookkeeping shared by every repository: each local change is one new revision. */
import { ScrubbedRecordError, type RetentionMeta } from '../domain/retention';
import type { RecordMeta } from '../domain/types';
import { recordMeta } from '../domain/weekly-meta';
import { now } from './clock';
import { nextRevision } from '../domain/revision';

/**
 * Next revision of a changed record: rev+1 (bounded, see domain/revision.ts), dirty for the outbox, updatedAt now.
 * A record whose text retention removed from the phone is read-only: sending it again
 * would blank the full copy the server keeps.
 */
export function bump<T extends RecordMeta>(r: T, at = now()): T {
  if ((r as RetentionMeta).scrubbedAt !== undefined) throw new ScrubbedRecordError();
  return nextRevision(r, at);
}

export function meta(id: string, at = now()): RecordMeta {
  return recordMeta(id, at);
}

export const alive = <T extends { deleted: boolean }>(r: T): boolean => !r.deleted;
