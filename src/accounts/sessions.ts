import type { Sqlite } from '../db/client.js';
import { hashSecret, randomSecret } from './secrets.js';

export const SESSION_COOKIE = 'vigie_session';
export const SESSION_TTL_MS = 30 * 86_400_000;

/** Opens a session; the returned secret goes in the cookie, only its hash is stored. */
export function createSession(sqlite: Sqlite, userId: number, now: number): { secret: string; csrfToken: string; expiresAt: number } {
  const secret = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = now + SESSION_TTL_MS;
  sqlite
    .prepare(`INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(hashSecret(secret), userId, csrfToken, now, expiresAt, now);
  return { secret, csrfToken, expiresAt };
}

/** The live session a cookie names, or null (unknown, forged, expired, or its user removed). */
export function resolveSession(sqlite: Sqlite, secret: string, now: number): { id: number; userId: number; csrfToken: string } | null {
  const row = sqlite
    .prepare(
      `SELECT s.id, s.user_id AS userId, s.csrf_token AS csrfToken, s.expires_at AS expiresAt, s.last_seen_at AS lastSeenAt
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.deleted_at IS NULL`,
    )
    .get(hashSecret(secret)) as { id: number; userId: number; csrfToken: string; expiresAt: number; lastSeenAt: number } | undefined;
  if (!row || row.expiresAt <= now) return null;
  // Writing on every request would serialise reads behind the writer; once a minute is enough.
  if (now - row.lastSeenAt > 60_000) sqlite.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`).run(now, row.id);
  return { id: row.id, userId: row.userId, csrfToken: row.csrfToken };
}

export function deleteSession(sqlite: Sqlite, id: number): void {
  sqlite.prepare(`DELETE FROM sessions WHERE id = ?`).run(id);
}

/** Logout everywhere: every session of the user ends. */
export function deleteUserSessions(sqlite: Sqlite, userId: number): number {
  return sqlite.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(userId).changes;
}
