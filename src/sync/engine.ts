/**
 * The sync engine: sends everything dirty whenever it can, and pulls what the branch
 * sent back. The last push of a run names the phone's cursor and its answer carries the
 * pull, so a typical send is one request; a separate pull only when nothing was dirty,
 * when that pull said `more`, or when the endpoint predates `since`. No Dexie here: storage comes in as an OutboxStore, and fetch, the clock,
 * randomness and timers are injected, so tests drive it exactly.
 *
 * Triggers: start(), `online`, visibilitychange → visible, syncNow() (立即发送), and a
 * retry with exponential backoff + jitter while something failed and the page is open.
 * Signs of a link coming back (start, `online`, visible, any answer after a run that reached
 * nothing) reset the backoff and retry every 1–2 s for a minute (RetryPace, backoff.ts).
 * Runs are single-flight: a trigger during a run asks for one more run after it.
 * Safety at any cut: the server's upsert is idempotent, `dirty` is cleared only for
 * acknowledged revisions, and a pull's data and cursor are stored together (with the
 * acks, when the pull rode on a push).
 */
import {
  BATCH_BYTES, GZIP_BATCH_BYTES, PROTOCOL_VERSION, WIRE_BATCH_BYTES, type ErrorBody,
  type PullResponse, type PushResponse, type SyncRecord,
} from '../domain/sync-protocol';
import type { EngineDeps, SyncStatus } from './engine-types';
import type { ReminderAck } from '../domain/reminders';
import { RetryPace } from './backoff';
import { enrolDevice, type EnrolResult } from './enrol';
import { encodeBody, errorOf, readJson, request, StopRun, type SyncOutcome } from './http';
import { MSG } from './messages';

export type { EngineDeps, OutboxStore, SyncStatus } from './engine-types';
export type { SyncOutcome } from './http';

const MAX_PUSH_ROUNDS = 200;
/** A save while online is sent this long after the last change (typing makes many). */
export const POKE_DELAY_MS = 2_000;
const MAX_PULL_ROUNDS = 50;

export class SyncEngine {
  private inflight: Promise<SyncOutcome> | null = null;
  private again = false;
  private readonly pace: RetryPace;
  /** The last run reached nothing: the next answer from the endpoint means the link is back. */
  private linkDown = false;
  /** The deps for requests: the same, but any answer counts as a sign of the link. */
  private readonly http: EngineDeps;
  private timer: unknown = null;
  private nextRetryAt: number | null = null;
  private listeners = new Set<(s: SyncStatus) => void>();
  private detach: (() => void) | null = null;
  /** Set when the server refused `since` on a push (an endpoint older than it): push, then pull. */
  private noPiggyback = false;
  /** Set when the server refused `reminderAcks` on a pull (an endpoint older than reminders). */
  private noReminderAcks = false;

  constructor(private readonly d: EngineDeps) {
    this.pace = new RetryPace(d.now, d.random);
    this.http = { ...d, fetch: async (url, init) => this.answered(await d.fetch(url, init)) };
  }

  /** Any answer after a run that reached nothing: the link is back. */
  private answered(res: Response): Response {
    if (this.linkDown) this.regained();
    return res;
  }

  /** Connectivity is probably back (online, foreground, an answer): forget the grown delay, retry soon and often. */
  private regained(): void {
    this.linkDown = false;
    this.pace.regained();
  }

  /** Sends and pulls now; resolves when this run (and any requested meanwhile) ends. */
  syncNow(): Promise<SyncOutcome> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.cancelRetry();
    this.inflight = this.loop().finally(() => {
      this.inflight = null;
      void this.notify();
    });
    void this.notify();
    return this.inflight;
  }

  private async loop(): Promise<SyncOutcome> {
    let outcome: SyncOutcome;
    do {
      this.again = false;
      outcome = await this.runOnce();
    } while (this.again && outcome === 'done');
    this.linkDown = outcome === 'offline';
    if (outcome === 'offline' || outcome === 'error') this.scheduleRetry();
    else this.pace.succeeded();
    return outcome;
  }

  private async runOnce(): Promise<SyncOutcome> {
    const state = await this.d.store.getState();
    if (!state.token || !state.teamId || state.auth === 'unenrolled') return 'unenrolled';
    if (state.auth === 'revoked' || state.auth === 'invalid') return 'revoked';
    try {
      const pulled = await this.pushAll(state.token, state.teamId);
      // The last push brought everything since the cursor: no separate pull, unless reminder answers are owed.
      if (!pulled || (await this.reminderAcks()).length) await this.pullAll(state.token, (await this.d.store.getState()).cursor);
      await this.d.store.setState({ lastSuccessAt: this.d.now(), lastError: null });
      this.d.afterRecords?.(state.token);
      return 'done';
    } catch (e) {
      const stop = e instanceof StopRun ? e : new StopRun('offline', MSG.offline);
      await this.d.store.setState({ lastError: stop.message });
      return stop.outcome;
    }
  }

  /**
   * Pushes until nothing is dirty. The last batch (nothing left after it) names the
   * phone's cursor, and its answer carries the pull. Returns true when the last request
   * of the loop brought a complete pull (`more: false`), so the run needs no pull request.
   */
  private async pushAll(token: string, teamId: string): Promise<boolean> {
    let pulled = false;
    for (let round = 0; round < MAX_PUSH_ROUNDS; round++) {
      const { records, more } = await this.d.store.listDirty(this.d.gzip ? GZIP_BATCH_BYTES : BATCH_BYTES);
      if (records.length === 0) return pulled;
      const since = more || this.noPiggyback ? undefined : (await this.d.store.getState()).cursor;
      pulled = await this.pushBatch(token, teamId, records, since);
      void this.notify();
    }
    return false;
  }

  /**
   * One batch. A gzipped body above WIRE_BATCH_BYTES is split in halves before it is sent
   * (the second half keeps `since`); a batch the server refuses as a whole is split until
   * the one bad record is found. Returns true when the answer brought a complete pull.
   */
  private async pushBatch(token: string, teamId: string, records: SyncRecord[], since?: number): Promise<boolean> {
    const body = await encodeBody(this.d, { v: PROTOCOL_VERSION, teamId, records, ...(since === undefined ? {} : { since }) });
    if (body.gzipped && body.bytes.length > WIRE_BATCH_BYTES && records.length > 1) {
      const half = Math.ceil(records.length / 2);
      await this.pushBatch(token, teamId, records.slice(0, half));
      return this.pushBatch(token, teamId, records.slice(half), since);
    }
    const res = await request(this.http, '/api/v1/sync/push', token, body);
    if (res.ok) {
      const answer = (await readJson(res)) as PushResponse;
      const pull = since !== undefined && answer.pull ? { since, pull: answer.pull } : undefined;
      await this.d.store.acknowledge(answer.acks ?? [], answer.rejected ?? [], pull, records);
      return pull !== undefined && !pull.pull.more;
    }
    const err = await errorOf(res);
    if (since !== undefined && res.status === 400 && err.issues?.some((i) => i.path === 'since')) {
      // An endpoint from before `since` (strict schema): the same batch again, without it.
      this.noPiggyback = true;
      return this.pushBatch(token, teamId, records);
    }
    if ((res.status === 400 || res.status === 413) && err.error !== 'unsupported_version') {
      if (records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await this.pushBatch(token, teamId, records.slice(0, half));
        return this.pushBatch(token, teamId, records.slice(half), since);
      }
      const r = records[0]!;
      await this.d.store.markRejected([{
        table: r.table, id: r.id, rev: r.rev, at: this.d.now(),
        code: res.status === 413 ? 'too_large' : 'invalid_record', message: err.message,
      }]);
      return false;
    }
    return this.fail(res.status, err);
  }

  private async pullAll(token: string, since: number): Promise<void> {
    let cursor = since;
    for (let round = 0; round < MAX_PULL_ROUNDS; round++) {
      const acks = await this.reminderAcks(); // owed answers ride in the body of a POST pull

      const res = acks.length
        ? await request(this.http, '/api/v1/sync/pull', token, { v: PROTOCOL_VERSION, since: cursor, reminderAcks: acks })
        : await request(this.http, `/api/v1/sync/pull?v=${PROTOCOL_VERSION}&since=${cursor}`, token);
      if (!res.ok) {
        const err = await errorOf(res);
        // An endpoint from before reminders refuses the field: pull without them.
        if (!acks.length || res.status !== 400 || !err.issues?.some((i) => i.path.startsWith('reminderAcks'))) return this.fail(res.status, err);
        this.noReminderAcks = true;
        continue;
      }
      const body = (await readJson(res)) as PullResponse;
      await this.d.store.applyPull(body);
      if (acks.length) await this.d.store.reminderAcksSent?.(acks);
      cursor = body.cursor;
      if (!body.more && (await this.reminderAcks()).length === 0) return; // new reminders: 已送达 in this run
    }
  }

  private readonly reminderAcks = async (): Promise<ReminderAck[]> => (this.noReminderAcks ? [] : ((await this.d.store.reminderAcks?.()) ?? []));

  private async fail(status: number, err: ErrorBody): Promise<never> {
    if (status === 401) {
      const revoked = err.error === 'revoked';
      await this.d.store.setState({ auth: revoked ? 'revoked' : 'invalid' });
      throw new StopRun('revoked', revoked ? MSG.revoked : MSG.invalidToken);
    }
    throw new StopRun('error', err.message || MSG.serverError(status));
  }

  /** Exchanges an enrolment code for this phone's token (enrol.ts), then sends what the phone holds. */
  async enrol(code: string, deviceName?: string): Promise<EnrolResult> {
    const r = await enrolDevice(this.http, code, deviceName);
    if (r.ok) void this.syncNow();
    return r;
  }

  private scheduleRetry(): void {
    const delay = this.pace.nextDelay();
    this.cancelRetry();
    this.nextRetryAt = this.d.now() + delay;
    this.timer = this.d.setTimer(() => {
      this.timer = null;
      this.nextRetryAt = null;
      void this.syncNow();
    }, delay);
  }

  /** Something new waits to be sent: sync soon, unless a run or a retry is already due. */
  poke(): void {
    if (this.inflight || this.timer !== null) return;
    this.nextRetryAt = this.d.now() + POKE_DELAY_MS;
    this.timer = this.d.setTimer(() => {
      this.timer = null;
      this.nextRetryAt = null;
      void this.syncNow();
    }, POKE_DELAY_MS);
  }

  private cancelRetry(): void {
    if (this.timer !== null) this.d.clearTimer(this.timer);
    this.timer = null;
    this.nextRetryAt = null;
  }

  /** Listens to `online` and visibility; runs once now. Returns nothing; call stop() to detach. */
  start(env: { window?: EventTarget; document?: EventTarget & { visibilityState?: string } } = {}): void {
    this.stop();
    const run = () => {
      this.regained();
      void this.syncNow();
    };
    const onVisible = () => {
      if (env.document?.visibilityState === 'visible') run();
    };
    env.window?.addEventListener('online', run);
    env.document?.addEventListener('visibilitychange', onVisible);
    this.detach = () => {
      env.window?.removeEventListener('online', run);
      env.document?.removeEventListener('visibilitychange', onVisible);
    };
    run();
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    this.cancelRetry();
  }

  async getStatus(): Promise<SyncStatus> {
    const [state, summary] = await Promise.all([this.d.store.getState(), this.d.store.summary()]);
    return { ...summary, state, running: this.inflight !== null, nextRetryAt: this.nextRetryAt };
  }

  subscribe(fn: (s: SyncStatus) => void): () => void {
    this.listeners.add(fn);
    void this.getStatus().then(fn, () => undefined);
    return () => this.listeners.delete(fn);
  }

  /** Tells subscribers (the badge) that something changed; storage errors are not theirs. */
  async notify(): Promise<void> {
    if (this.listeners.size === 0) return;
    try {
      const s = await this.getStatus();
      for (const fn of this.listeners) fn(s);
    } catch {
      // the next notify will try again
    }
  }
}
