import type { Sqlite } from '../client.js';

/** Star or unstar many items at once for a member (Vigie's star: what reader apps call starred / saved). */
export function setStarMany(sqlite: Sqlite, userId: number, itemIds: readonly number[], on: boolean, now: number): void {
  if (!itemIds.length) return;
  const ids = JSON.stringify(itemIds);
  if (on) sqlite.prepare(`INSERT OR IGNORE INTO item_marks (user_id, item_id, mark, created_at) SELECT ?, value, 'star', ? FROM json_each(?)`).run(userId, now, ids);
  else sqlite.prepare(`DELETE FROM item_marks WHERE user_id = ? AND mark = 'star' AND item_id IN (SELECT value FROM json_each(?))`).run(userId, ids);
}
