/**
 * Bundled by the bench into one script and injected into a page of the app's origin:
 * it runs the app's real repository code (src/db) against the page's IndexedDB.
 */
import { getDb } from '../src/db/connection';
import { updateDuty } from '../src/db/duties';
import { loadMonthInput } from '../src/db/reports';
import { setSyncState } from '../src/db/outbox';
import { SYNCED_TABLES } from '../src/db/schema';
import type { EnrolResponse } from '../src/domain/sync-protocol';
import { computeMonthFigures } from '../src/domain/report-figures';
import { createSyncEngine } from '../src/sync';
import type { TeamData } from '../tests/fixtures/generate';

type Row = { id: string };

const harness = {
  /** Replaces the whole database content with the generated history (one transaction per table). */
  async seed(data: TeamData, dirty: 0 | 1 = 0): Promise<number> {
    const db = getDb();
    let n = 0;
    for (const t of SYNCED_TABLES) {
      const rows = t === 'teams' ? [data.team] : t === 'reports' ? [] : ((data as unknown as Record<string, Row[]>)[t] ?? []);
      await db.table(t).clear();
      await db.table(t).bulkPut(rows.map((r) => ({ ...r, dirty })));
      n += rows.length;
    }
    return n;
  },
  /** `n` ticks on the latest duty, each timed from the call until its transaction completed. */
  async ticks(n: number): Promise<number[]> {
    const db = getDb();
    const last = await db.duties.orderBy('day').last();
    if (!last) throw new Error('no duty to tick');
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await updateDuty(last.id, (d) => ({ ...d, safetyConfirmed: !d.safetyConfirmed }));
      times.push(performance.now() - t0);
    }
    return times;
  },
  /** Times reading a month's records from IndexedDB and computing every figure of its report. */
  async monthReport(month: string, runs: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      computeMonthFigures(month, await loadMonthInput(month));
      times.push(performance.now() - t0);
    }
    return times;
  },
  /**
   * Enrols with a code, then times one full send (push + pull) of everything dirty.
   * The enrolment is stored directly (POST /enrol, then the sync state), as it happened
   * days before: engine.enrol() would start a send of its own, and the syncNow() below,
   * arriving during it, would ask for one more run (a second pull) that no phone makes
   * right after enrolling.
   */
  async syncAll(code: string): Promise<{ ms: number; ok: boolean; pending: number }> {
    const res = await fetch('/api/v1/enrol', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ v: 1, code, nonce: 'bench-harness-0123456789', deviceName: 'bench' }),
    });
    if (!res.ok) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
    const e = (await res.json()) as EnrolResponse;
    await setSyncState(getDb(), {
      token: e.token, deviceId: e.deviceId, teamId: e.teamId, teamName: e.teamName, branchName: e.branchName,
      auth: 'enrolled', cursor: 0, lastError: null, enrolNonce: null,
    });
    const engine = createSyncEngine(getDb());
    const t0 = performance.now();
    const outcome = await engine.syncNow();
    const ms = performance.now() - t0;
    const pending = await getDb().table('duties').where('dirty').equals(1).count();
    return { ms, ok: outcome === 'done', pending };
  },
};

(globalThis as unknown as { __bench: typeof harness }).__bench = harness;
