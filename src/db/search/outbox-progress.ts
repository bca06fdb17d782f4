/** Reads on the outbox outside the drain: its backlog, for /healthz and the search status. */
import type { Sqlite } from '../client.js';

/** Prepared once: rows waiting, and the creation time of the oldest (null when none wait). */
export function prepareOutboxBacklog(sqlite: Sqlite): () => { pending: number; oldest: number | null } {
  const stats = sqlite.prepare(`SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE done_at IS NULL`);
  return () => stats.get() as { pending: number; oldest: number | null };
}

/** Rebuilds the FTS5 index from the items table (after a restore, or if it was ever damaged). */
export function rebuildFtsIndex(sqlite: Sqlite): void {
  sqlite.exec(`INSERT INTO items_fts(items_fts) VALUES ('rebuild')`);
}
