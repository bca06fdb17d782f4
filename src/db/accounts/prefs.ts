import type { Sqlite } from '../client.js';

/** The language the member chose for the interface, or null (follow the browser). */
export function userLocale(sqlite: Sqlite, userId: number): string | null {
  return (sqlite.prepare(`SELECT locale FROM user_prefs WHERE user_id = ?`).pluck().get(userId) as string | null | undefined) ?? null;
}

export function setUserLocale(sqlite: Sqlite, userId: number, locale: string | null, now: number): void {
  sqlite
    .prepare(`INSERT INTO user_prefs (user_id, locale, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`)
    .run(userId, locale, now);
}
