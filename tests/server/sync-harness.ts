/** Shared set-up of the sync endpoint tests: one server per file, and the push / pull / stored-row helpers. */
import { afterAll, beforeAll } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/domain/sync-protocol';
import { postJson, startTestServer, type TestServer } from './helpers';

export let s: TestServer;

/** Starts the file's server before its tests and stops it after them. */
export function useSyncServer(): void {
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s.stop();
  });
}

export const push = async (token: string, teamId: string, records: unknown[]) => {
  const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records }, token);
  return { status: res.status, body: (await res.json()) as PushResponse };
};
export const pull = async (token: string, since: number) => {
  const res = await fetch(`${s.url}/api/v1/sync/pull?v=1&since=${since}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as PullResponse };
};
export const stored = (id: string) =>
  s.db.prepare('SELECT rev, body, device_id FROM records WHERE id = ?').get(id) as { rev: number; body: string; device_id: string } | undefined;
export const historyOf = (id: string) => (s.db.prepare('SELECT COUNT(*) AS n FROM record_history WHERE id = ?').get(id) as { n: number }).n;
