import type { Sqlite } from '../client.js';

/** Items not deleted (what a full search reindex sends). */
export function countLiveItems(sqlite: Sqlite): number {
  return sqlite.prepare(`SELECT count(*) FROM items WHERE deleted_at IS NULL`).pluck().get() as number;
}
