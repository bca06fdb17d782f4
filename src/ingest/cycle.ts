import pLimit from 'p-limit';
import { randomUUID } from 'node:crypto';
import { setMeta } from '../db/meta/meta.js';
import { sourceState } from '../db/sources/fetch-state.js';
import type { Leases } from '../jobs/lease.js';
import { createPersistBatch } from './persist-batch.js';
import { collectSource, type PipelineDeps, type SourceReport } from './pipeline.js';

export interface CycleDeps extends PipelineDeps {
  leases: Leases;
  /** Sources fetched at once (the fetcher adds its own per-host limit). */
  concurrency: number;
  /** Identifies this process in leases. */
  owner?: string;
}

export interface CycleOptions {
  /** Fetch every enabled source (or the one named) now, ignoring next-due times and backoff. */
  force?: boolean;
  source?: string;
  signal?: AbortSignal;
  /** Called once the due sources are known, then after each source is stored (progress display). */
  onProgress?: (p: { done: number; total: number; source: string | null }) => void;
}

export interface CycleReport {
  startedAt: number;
  finishedAt: number;
  sources: SourceReport[];
  /** Sources skipped because another process holds their lease. */
  busy: string[];
}

/** A lease outlives the slowest fetch (timeout + parse) so no two processes fetch one source at once. */
const LEASE_MS = 5 * 60_000;

/**
 * Claims due sources by lease and ingests them: the asynchronous collect step (fetch + parse) runs with bounded
 * concurrency, the synchronous persist step writes several collected sources per transaction. A report per source.
 */
export async function runFetchCycle(deps: CycleDeps, opts: CycleOptions = {}): Promise<CycleReport> {
  const startedAt = deps.clock.now();
  const owner = deps.owner ?? `fetch:${process.pid}:${randomUUID()}`;
  const rows = sourceState(deps.sqlite).due({ slug: opts.source ?? null, force: opts.force === true, now: startedAt });
  const limit = pLimit(deps.concurrency);
  const batch = createPersistBatch(deps);
  const reports: SourceReport[] = [];
  const busy: string[] = [];
  let done = 0;
  opts.onProgress?.({ done, total: rows.length, source: null });
  await Promise.all(
    rows.map(async (row) => {
      const key = `source:${row.id}`;
      const collected = await limit(async () => {
        if (opts.signal?.aborted) return null;
        if (!deps.leases.claim(key, owner, LEASE_MS, deps.clock.now())) {
          busy.push(row.slug);
          return null;
        }
        const source = { ...row, settings: JSON.parse(row.settings) as Record<string, unknown>, guidsUnique: row.guidsUnique === 1 };
        try {
          return await collectSource(deps, source);
        } catch (err) {
          deps.leases.release(key, owner);
          throw err;
        }
      });
      if (collected) reports.push(await batch.persist(collected, () => deps.leases.release(key, owner)));
      opts.onProgress?.({ done: ++done, total: rows.length, source: row.slug });
    }),
  ).finally(() => batch.flush());
  const finishedAt = deps.clock.now();
  const summary = {
    startedAt,
    finishedAt,
    sources: reports.length,
    ok: reports.filter((r) => r.status !== 'error').length,
    errors: reports.filter((r) => r.status === 'error').length,
    newItems: reports.reduce((n, r) => n + r.new, 0),
  };
  if (reports.length) setMeta(deps.sqlite, 'last_fetch_cycle', JSON.stringify(summary), finishedAt);
  reports.sort((a, b) => a.source.localeCompare(b.source));
  return { startedAt, finishedAt, sources: reports, busy };
}
