import type { Sqlite } from '../client.js';

/** Live sources: all of them, the enabled ones, and the enabled ones whose last fetch failed. */
export function sourceHealthCounts(sqlite: Sqlite): { total: number; enabled: number; failing: number } {
  return sqlite
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(enabled = 1), 0) AS enabled, coalesce(sum(enabled = 1 AND last_status = 'error'), 0) AS failing
       FROM sources WHERE deleted_at IS NULL`,
    )
    .get() as { total: number; enabled: number; failing: number };
}
