/**
 * The fetch cycle's synchronous persist step: collected sources queue here and are written several per
 * transaction (one commit, one FTS5 flush for many sources instead of one per source). Each source runs in its own
 * savepoint, so a source that fails to store rolls back alone. A batch is written when it holds `maxItems` items or
 * `maxWaitMs` after its first source arrived, whichever comes first.
 */
import { persistSource, type Collected, type PipelineDeps, type SourceReport } from './pipeline.js';

export interface PersistBatch {
  /** Persists the source in the next batch; `inTransaction` runs right after it, in the same transaction. */
  persist(c: Collected, inTransaction?: () => void): Promise<SourceReport>;
  /** Writes what is queued now. */
  flush(): void;
}

type Job = { c: Collected; after: (() => void) | undefined; resolve: (r: SourceReport) => void; reject: (e: unknown) => void };

const weight = (c: Collected) => (c.result.ok && !c.result.notModified ? Math.max(1, c.result.feed.items.length) : 1);

export function createPersistBatch(deps: PipelineDeps, opts: { maxItems?: number; maxWaitMs?: number } = {}): PersistBatch {
  const maxItems = opts.maxItems ?? 1000;
  const maxWaitMs = opts.maxWaitMs ?? 20;
  let queue: Job[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | null = null;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const jobs = queue;
    queue = [];
    queued = 0;
    if (!jobs.length) return;
    const outcomes: ({ ok: true; report: SourceReport } | { ok: false; error: unknown })[] = [];
    try {
      deps.sqlite.transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, report: deps.sqlite.transaction(() => persistSource(deps, job.c))() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
          job.after?.();
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, database locked past the busy timeout): nothing of the batch is stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.report);
      else job.reject(o.error);
    });
  }

  return {
    persist(c, inTransaction) {
      return new Promise<SourceReport>((resolve, reject) => {
        queue.push({ c, after: inTransaction, resolve, reject });
        queued += weight(c);
        if (queued >= maxItems) flush();
        else timer ??= setTimeout(flush, maxWaitMs);
      });
    },
    flush,
  };
}
