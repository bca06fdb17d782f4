import type { Sqlite } from '../client.js';

/** Ends every session of the user but `keepSessionId` (null: all of them). */
export function endOtherSessions(sqlite: Sqlite, userId: number, keepSessionId: string | number | null): void {
  sqlite.prepare(`DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?`).run(userId, keepSessionId);
}
