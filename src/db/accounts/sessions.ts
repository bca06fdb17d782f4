/** Owner of `sessions`. */
import type { Sqlite } from '../client.js';

export function insertSession(sqlite: Sqlite, s: { tokenHash: string; userId: number; csrfToken: string; expiresAt: number }, now: number): void {
  sqlite
    .prepare(`INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(s.tokenHash, s.userId, s.csrfToken, now, s.expiresAt, now);
}

/** The session a cookie's hash names, if its user is not removed. */
export function sessionByHash(sqlite: Sqlite, tokenHash: string): { id: number; userId: number; csrfToken: string; expiresAt: number; lastSeenAt: number } | null {
  return (
    (sqlite
      .prepare(
        `SELECT s.id, s.user_id AS userId, s.csrf_token AS csrfToken, s.expires_at AS expiresAt, s.last_seen_at AS lastSeenAt
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.deleted_at IS NULL`,
      )
      .get(tokenHash) as { id: number; userId: number; csrfToken: string; expiresAt: number; lastSeenAt: number } | undefined) ?? null
  );
}

export function touchSession(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`).run(now, id);
}

export function deleteSessionRow(sqlite: Sqlite, id: number): void {
  sqlite.prepare(`DELETE FROM sessions WHERE id = ?`).run(id);
}

export function deleteSessionsOf(sqlite: Sqlite, userId: number): number {
  return sqlite.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(userId).changes;
}
