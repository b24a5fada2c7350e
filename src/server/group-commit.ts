/**
 * Group commit for the endpoint's writes. Requests are handled on one thread and
 * better-sqlite3 is synchronous, so phones pushing at the same moment wait for each
 * other anyway; what costs is one COMMIT (WAL frames written, index pages touched again)
 * per request. Jobs submitted in the same turn of the event loop run together in one
 * IMMEDIATE transaction, each inside its own savepoint: a job that throws is rolled back
 * alone and rejects alone. Every promise settles only after the COMMIT, so no answer
 * (an ack) leaves the server before its data is durable; if the COMMIT itself fails,
 * every job of the group fails and its phone sends again (pushes are idempotent).
 */
import type { Sqlite } from './db';

interface Job {
  fn: () => unknown;
  ok: (value: unknown) => void;
  fail: (error: unknown) => void;
}

/** Upper bound of jobs in one transaction, so one group never holds the loop for long. */
const MAX_GROUP = 64;

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(private readonly db: Sqlite) {}

  /** Runs fn inside the next group transaction; resolves with its result after COMMIT. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((ok, fail) => {
      this.queue.push({ fn, ok: ok as (value: unknown) => void, fail });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          try {
            results.push({ ok: true, value: this.db.transaction(job.fn)() }); // a savepoint
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const job of jobs) job.fail(error);
      return;
    }
    jobs.forEach((job, i) => {
      const r = results[i]!;
      if (r.ok) job.ok(r.value);
      else job.fail(r.error);
    });
  }
}
