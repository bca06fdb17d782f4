import type { Sqlite } from '../client.js';

/** The writes that record one fetch on its source and in the fetch log, prepared once per connection. */
export interface SourceState {
  recentPublished(sourceId: number): number[];
  recordFailure(r: { sourceId: number; now: number; detail: string; errorCount: number; nextFetchAt: number }): void;
  recordSuccess(r: {
    sourceId: number;
    now: number;
    etag: string | null;
    lastModified: string | null;
    status: 'ok' | 'not_modified';
    nextFetchAt: number;
    intervalMs: number;
    guidsUnique: boolean;
    feedTitle: string | null;
    feedLink: string | null;
  }): void;
  log(r: { sourceId: number; startedAt: number; durationMs: number; status: 'ok' | 'not_modified' | 'error'; httpStatus: number | null; bytes: number | null; seen: number; inserted: number; updated: number; error: string | null }): void;
}

const cache = new WeakMap<Sqlite, SourceState>();

export function sourceState(sqlite: Sqlite): SourceState {
  const cached = cache.get(sqlite);
  if (cached) return cached;
  const recent = sqlite
    .prepare(`SELECT published_at FROM items WHERE source_id = ? AND published_from_feed = 1 ORDER BY published_at DESC LIMIT 30`)
    .pluck();
  const failure = sqlite.prepare(
    `UPDATE sources SET last_fetch_at = @now, last_status = 'error', last_error = @detail, error_count = @errorCount, next_fetch_at = @nextFetchAt WHERE id = @sourceId`,
  );
  const success = sqlite.prepare(
    `UPDATE sources SET etag = @etag, last_modified = @lastModified, last_fetch_at = @now, last_success_at = @now, last_status = @status,
       last_error = NULL, error_count = 0, next_fetch_at = @nextFetchAt, current_interval_ms = @intervalMs, guids_unique = @guidsUnique,
       feed_title = COALESCE(@feedTitle, feed_title), feed_link = COALESCE(@feedLink, feed_link),
       item_count = (SELECT count(*) FROM items WHERE source_id = sources.id)
     WHERE id = @sourceId`,
  );
  const log = sqlite.prepare(
    `INSERT INTO fetch_log (source_id, started_at, duration_ms, status, http_status, bytes, items_seen, items_new, items_updated, error)
     VALUES (@sourceId, @startedAt, @durationMs, @status, @httpStatus, @bytes, @seen, @inserted, @updated, @error)`,
  );
  const state: SourceState = {
    recentPublished: (sourceId) => recent.all(sourceId) as number[],
    recordFailure: (r) => void failure.run(r),
    recordSuccess: (r) => void success.run({ ...r, guidsUnique: r.guidsUnique ? 1 : 0 }),
    log: (r) => void log.run(r),
  };
  cache.set(sqlite, state);
  return state;
}
