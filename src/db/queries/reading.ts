import type { Sqlite } from '../client.js';

/** Remembers that a member opened an item (the first time counts). */
export function markRead(sqlite: Sqlite, userId: number, itemId: number, now: number): void {
  sqlite.prepare(`INSERT OR IGNORE INTO item_reads (user_id, item_id, read_at) VALUES (?, ?, ?)`).run(userId, itemId, now);
}

export function markUnread(sqlite: Sqlite, userId: number, itemId: number): void {
  sqlite.prepare(`DELETE FROM item_reads WHERE user_id = ? AND item_id = ?`).run(userId, itemId);
}

/** The language the member chose for the interface, or null (follow the browser). */
export function userLocale(sqlite: Sqlite, userId: number): string | null {
  return (sqlite.prepare(`SELECT locale FROM user_prefs WHERE user_id = ?`).pluck().get(userId) as string | null | undefined) ?? null;
}

export function setUserLocale(sqlite: Sqlite, userId: number, locale: string | null, now: number): void {
  sqlite
    .prepare(`INSERT INTO user_prefs (user_id, locale, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`)
    .run(userId, locale, now);
}
