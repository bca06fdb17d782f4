import type { Sqlite } from '../client.js';

/** The user's "I forgot my password" request has been answered: it leaves the admins' list. */
export function clearResetRequest(sqlite: Sqlite, userId: number): void {
  sqlite.prepare(`UPDATE users SET reset_requested_at = NULL WHERE id = ?`).run(userId);
}
