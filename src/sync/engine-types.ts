/**
 * What the sync engine (engine.ts) is given and what it reports: its storage (OutboxStore,
 * met by Dexie in sync/index.ts and by fakes in tests), its injected platform (EngineDeps)
 * and its status. Apart from the engine so that its users and fakes read only the contracts.
 */
import type { Ack, OutboxSummary, PullResponse, RejectedEntry, Rejection, SyncRecord, SyncState } from '../domain/sync-protocol';
import type { ReminderAck } from '../domain/reminders';

export interface OutboxStore {
  listDirty(maxBytes: number): Promise<{ records: SyncRecord[]; more: boolean }>;
  /**
   * Stores a push answer in one transaction; `pull` (the changes that came with it, asked
   * from cursor `since`) is stored there too, with its cursor, if `since` is still current.
   */
  acknowledge(acks: Ack[], rejected: Rejection[], pull?: { since: number; pull: PullResponse }, sent?: readonly SyncRecord[]): Promise<void>;
  markRejected(entries: RejectedEntry[]): Promise<void>;
  applyPull(pull: PullResponse): Promise<void>;
  getState(): Promise<SyncState>;
  setState(patch: Partial<SyncState>): Promise<void>;
  summary(): Promise<OutboxSummary>;
  /** 已送达/已读 answers still owed about the branch's reminders, and "the server answered these" (optional). */
  reminderAcks?(): Promise<ReminderAck[]>;
  reminderAcksSent?(acks: readonly ReminderAck[]): Promise<void>;
}

export interface EngineDeps {
  /** '' for the same origin the app came from. */
  baseUrl: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  random: () => number;
  store: OutboxStore;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** gzip for request bodies; absent where CompressionStream is missing. */
  gzip?: (data: Uint8Array) => Promise<Uint8Array>;
  newNonce: () => string;
  requestTimeoutMs?: number;
  deviceName?: string;
  /** Called (not awaited) after a run sent every record: photos go after records, never before. */
  afterRecords?: (token: string) => void;
}

export interface SyncStatus extends OutboxSummary {
  running: boolean;
  state: SyncState;
  nextRetryAt: number | null;
}
