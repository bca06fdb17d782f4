/** Reads and marks on the outbox outside the drain: its backlog, and what a full rebuild covers. */
import type { Sqlite } from '../client.js';

/** Prepared once: rows waiting, and the creation time of the oldest (null when none wait). */
export function prepareOutboxBacklog(sqlite: Sqlite): () => { pending: number; oldest: number | null } {
  const stats = sqlite.prepare(`SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE done_at IS NULL`);
  return () => stats.get() as { pending: number; oldest: number | null };
}

/** The id of the newest outbox row (0 when empty): a rebuild starting now covers every row up to it. */
export function lastOutboxId(sqlite: Sqlite): number {
  return (sqlite.prepare(`SELECT COALESCE(max(id), 0) FROM outbox`).pluck().get() as number) ?? 0;
}

/** Marks every waiting row up to `id` done (a rebuild read their items after they were queued). */
export function markOutboxDoneUpTo(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE outbox SET done_at = ? WHERE done_at IS NULL AND id <= ?`).run(now, id);
}
