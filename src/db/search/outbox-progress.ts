/** Reads on the outbox outside the drain: its backlog, for /healthz and the search status. */
import type { Sqlite } from '../client.js';

/** Prepared once: rows waiting, and the creation time of the oldest (null when none wait). */
export function prepareOutboxBacklog(sqlite: Sqlite): () => { pending: number; oldest: number | null } {
  const stats = sqlite.prepare(`SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE done_at IS NULL`);
  return () => stats.get() as { pending: number; oldest: number | null };
}
