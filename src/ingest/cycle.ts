import pLimit from 'p-limit';
import { randomUUID } from 'node:crypto';
import type { Leases } from '../jobs/lease.js';
import type { SourceRecord } from '../sources/types.js';
import { ingestSource, type PipelineDeps, type SourceReport } from './pipeline.js';

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
}

export interface CycleReport {
  startedAt: number;
  finishedAt: number;
  sources: SourceReport[];
  /** Sources skipped because another process holds their lease. */
  busy: string[];
}

type Row = SourceRecord & { intervalMs: number | null; errorCount: number; guidsUnique: number; settings: string };

/** A lease outlives the slowest fetch (timeout + parse) so no two processes fetch one source at once. */
const LEASE_MS = 5 * 60_000;

/** Claims due sources by lease and ingests them with bounded concurrency; returns a report per source. */
export async function runFetchCycle(deps: CycleDeps, opts: CycleOptions = {}): Promise<CycleReport> {
  const startedAt = deps.clock.now();
  const owner = deps.owner ?? `fetch:${process.pid}:${randomUUID()}`;
  const rows = deps.sqlite
    .prepare(
      `SELECT id, slug, kind, url, settings, lang, etag, last_modified AS lastModified, origin, interval_ms AS intervalMs,
         error_count AS errorCount, guids_unique AS guidsUnique
       FROM sources
       WHERE deleted_at IS NULL AND enabled = 1 AND (@slug IS NULL OR slug = @slug) AND (@force = 1 OR next_fetch_at <= @now)
       ORDER BY next_fetch_at, id`,
    )
    .all({ slug: opts.source ?? null, force: opts.force ? 1 : 0, now: startedAt }) as Row[];
  const limit = pLimit(deps.concurrency);
  const reports: SourceReport[] = [];
  const busy: string[] = [];
  await Promise.all(
    rows.map((row) =>
      limit(async () => {
        if (opts.signal?.aborted) return;
        const key = `source:${row.id}`;
        if (!deps.leases.claim(key, owner, LEASE_MS, deps.clock.now())) {
          busy.push(row.slug);
          return;
        }
        try {
          const source = { ...row, settings: JSON.parse(row.settings) as Record<string, unknown>, guidsUnique: row.guidsUnique === 1 };
          reports.push(await ingestSource(deps, source));
        } finally {
          deps.leases.release(key, owner);
        }
      }),
    ),
  );
  const finishedAt = deps.clock.now();
  const summary = {
    startedAt,
    finishedAt,
    sources: reports.length,
    ok: reports.filter((r) => r.status !== 'error').length,
    errors: reports.filter((r) => r.status === 'error').length,
    newItems: reports.reduce((n, r) => n + r.new, 0),
  };
  if (reports.length) {
    deps.sqlite
      .prepare(`INSERT INTO meta (key, value, updated_at) VALUES ('last_fetch_cycle', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
      .run(JSON.stringify(summary), finishedAt);
  }
  reports.sort((a, b) => a.source.localeCompare(b.source));
  return { startedAt, finishedAt, sources: reports, busy };
}
