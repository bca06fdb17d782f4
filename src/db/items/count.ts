import type { Sqlite } from '../client.js';

/** Every stored item, deleted ones included (what a full search rebuild or a restore reports). */
export function countAllItems(sqlite: Sqlite): number {
  return sqlite.prepare(`SELECT count(*) FROM items`).pluck().get() as number;
}

/** Items not deleted. */
export function countLiveItems(sqlite: Sqlite): number {
  return sqlite.prepare(`SELECT count(*) FROM items WHERE deleted_at IS NULL`).pluck().get() as number;
}
