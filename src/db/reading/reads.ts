import type { Sqlite } from '../client.js';

/** Remembers that a member opened an item (the first time counts). */
export function markRead(sqlite: Sqlite, userId: number, itemId: number, now: number): void {
  sqlite.prepare(`INSERT OR IGNORE INTO item_reads (user_id, item_id, read_at) VALUES (?, ?, ?)`).run(userId, itemId, now);
}

export function markUnread(sqlite: Sqlite, userId: number, itemId: number): void {
  sqlite.prepare(`DELETE FROM item_reads WHERE user_id = ? AND item_id = ?`).run(userId, itemId);
}
