import type { Sqlite } from '../db/client.js';
import { deleteSessionRow, deleteSessionsOf, insertSession, sessionByHash, touchSession } from '../db/accounts/sessions.js';
import { hashSecret, randomSecret } from './secrets.js';

export const SESSION_COOKIE = 'vigie_session';
export const SESSION_TTL_MS = 30 * 86_400_000;

/** Opens a session; the returned secret goes in the cookie, only its hash is stored. */
export function createSession(sqlite: Sqlite, userId: number, now: number): { secret: string; csrfToken: string; expiresAt: number } {
  const secret = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = now + SESSION_TTL_MS;
  insertSession(sqlite, { tokenHash: hashSecret(secret), userId, csrfToken, expiresAt }, now);
  return { secret, csrfToken, expiresAt };
}

/** The live session a cookie names, or null (unknown, forged, expired, or its user removed). */
export function resolveSession(sqlite: Sqlite, secret: string, now: number): { id: number; userId: number; csrfToken: string } | null {
  const row = sessionByHash(sqlite, hashSecret(secret));
  if (!row || row.expiresAt <= now) return null;
  // Writing on every request would serialise reads behind the writer; once a minute is enough.
  if (now - row.lastSeenAt > 60_000) touchSession(sqlite, row.id, now);
  return { id: row.id, userId: row.userId, csrfToken: row.csrfToken };
}

export function deleteSession(sqlite: Sqlite, id: number): void {
  deleteSessionRow(sqlite, id);
}

/** Logout everywhere: every session of the user ends. */
export function deleteUserSessions(sqlite: Sqlite, userId: number): number {
  return deleteSessionsOf(sqlite, userId);
}
