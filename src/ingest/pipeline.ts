import type { Sqlite } from '../db/client.js';
import { adaptiveIntervalMs, nextFetchAt as scheduleNext } from '../fetch/schedule.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { adapterFor } from '../sources/registry.js';
import type { AdapterDeps, CollectResult, SourceRecord } from '../sources/types.js';
import { guidsAreUnique, keyItems } from './dedupe.js';
import { withoutFingerprints } from '../text/fingerprint.js';
import type { ItemStore } from '../db/items/store.js';
import { sourceState } from '../db/sources/fetch-state.js';

export interface PipelineDeps extends AdapterDeps {
  sqlite: Sqlite;
  store: ItemStore;
  clock: Clock;
  log: Logger;
  random: () => number;
  /** Interval bounds (ms) for adaptive scheduling. */
  intervals: { defaultMs: number; minMs: number; maxMs: number };
}

export interface SourceReport {
  source: string;
  status: 'ok' | 'not_modified' | 'error';
  httpStatus: number | null;
  new: number;
  updated: number;
  unchanged: number;
  error: string | null;
  nextFetchAt: number;
  durationMs: number;
}

export type PipelineSource = SourceRecord & { intervalMs: number | null; errorCount: number; guidsUnique: boolean };

/** What the asynchronous collect step hands the synchronous persist step. */
export interface Collected {
  source: PipelineSource;
  started: number;
  /** When the collect step ended: the time the fetch is recorded at, however long the batch waits to persist. */
  finished: number;
  result: CollectResult;
}

/** The asynchronous step: fetch and parse (parsing, sanitising and fingerprints run in the parse workers). */
export async function collectSource(deps: PipelineDeps, source: PipelineSource): Promise<Collected> {
  const started = deps.clock.now();
  const adapter = adapterFor(source.kind);
  const result: CollectResult = adapter
    ? await adapter.collect(source, deps).catch((err: unknown): CollectResult => {
        deps.log.error({ err, sourceId: source.id }, 'source adapter crashed');
        return { ok: false, kind: 'internal', detail: `internal error while collecting ${source.slug}: ${(err as Error).message}` };
      })
    : { ok: false, kind: 'config', detail: `kind '${source.kind}' is not supported by this version` };
  return { source, started, finished: deps.clock.now(), result };
}

/**
 * The only place that chains the stages for one source: collect (fetch + parse) → key and dedupe → store (items +
 * outbox in one transaction) → source state and fetch log. A failure is recorded on the source; stored items stay.
 */
export async function ingestSource(deps: PipelineDeps, source: PipelineSource): Promise<SourceReport> {
  const collected = await collectSource(deps, source);
  return deps.sqlite.transaction(() => persistSource(deps, collected))();
}

/**
 * The synchronous step: items, source state and fetch log of one collected source. Callers run it in a transaction
 * (the fetch cycle persists several sources in one).
 */
export function persistSource(deps: PipelineDeps, { source, started, finished: now, result: collected }: Collected): SourceReport {
  const state = sourceState(deps.sqlite);

  if (!collected.ok) {
    const errorCount = source.errorCount + 1;
    const nextFetchAt = scheduleNext({ now, ok: false, errorCount, intervalMs: 0, retryAfterMs: collected.retryAfterMs, ...deps.intervals, random: deps.random });
    state.recordFailure({ sourceId: source.id, now, detail: collected.detail, errorCount, nextFetchAt });
    state.log({ sourceId: source.id, startedAt: started, durationMs: now - started, status: 'error', httpStatus: collected.httpStatus ?? null, bytes: null, seen: 0, inserted: 0, updated: 0, error: collected.detail });
    deps.log.warn({ sourceId: source.id, source: source.slug, kind: collected.kind, errorCount }, collected.detail);
    return { source: source.slug, status: 'error', httpStatus: collected.httpStatus ?? null, new: 0, updated: 0, unchanged: 0, error: collected.detail, nextFetchAt, durationMs: now - started };
  }

  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  let guidsUnique = source.guidsUnique;
  if (!collected.notModified) {
    // The source's language for items that declare none (their fingerprints change with it).
    const entries = collected.feed.items.map((it) => (it.lang || !source.lang ? it : withoutFingerprints({ ...it, lang: source.lang })));
    guidsUnique = guidsUnique && guidsAreUnique(entries);
    const result = deps.store.store(source.id, keyItems(entries, guidsUnique), now, guidsUnique);
    inserted = result.inserted.length;
    updated = result.updated.length;
    unchanged = result.unchanged;
  }
  const interval = adaptiveIntervalMs({
    publishedTimes: state.recentPublished(source.id),
    now,
    minMs: deps.intervals.minMs,
    maxMs: deps.intervals.maxMs,
    configuredMs: source.intervalMs ?? undefined,
    defaultMs: deps.intervals.defaultMs,
  });
  const nextFetchAt = scheduleNext({ now, ok: true, errorCount: 0, intervalMs: interval, maxAgeMs: collected.maxAgeMs, ...deps.intervals, random: deps.random });
  const hinted = nextFetchAt - now;
  const status = collected.notModified ? 'not_modified' : 'ok';
  state.recordSuccess({
    sourceId: source.id,
    now,
    etag: collected.etag ?? source.etag,
    lastModified: collected.lastModified ?? source.lastModified,
    status,
    nextFetchAt,
    intervalMs: hinted,
    guidsUnique,
    feedTitle: collected.notModified ? null : collected.feed.feed.title,
    feedLink: collected.notModified ? null : collected.feed.feed.link,
  });
  state.log({
    sourceId: source.id,
    startedAt: started,
    durationMs: now - started,
    status,
    httpStatus: collected.notModified ? 304 : collected.httpStatus,
    bytes: collected.notModified ? 0 : collected.bytes,
    seen: collected.notModified ? 0 : collected.feed.items.length,
    inserted,
    updated,
    error: null,
  });
  deps.log.debug({ sourceId: source.id, source: source.slug, status, inserted, updated }, 'source fetched');
  return { source: source.slug, status, httpStatus: collected.notModified ? 304 : collected.httpStatus, new: inserted, updated, unchanged, error: null, nextFetchAt, durationMs: now - started };
}
