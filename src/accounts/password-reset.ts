import type { Sqlite } from '../db/client.js';
import { hashSecret, randomSecret } from './secrets.js';
import { setPassword } from './users.js';
import { deleteUserSessions } from './sessions.js';

export const RESET_TTL_MS = 2 * 3_600_000;

/** A one-time reset link secret for the user (only its hash is stored). */
export function createPasswordReset(sqlite: Sqlite, userId: number, authorId: number | null, now: number): { secret: string; expiresAt: number } {
  const secret = randomSecret();
  const expiresAt = now + RESET_TTL_MS;
  sqlite
    .prepare(`INSERT INTO password_resets (token_hash, user_id, author_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
    .run(hashSecret(secret), userId, authorId, now, expiresAt);
  return { secret, expiresAt };
}

/** Sets a new password from a reset link; every session ends (someone else may have had the old password). */
export async function consumePasswordReset(sqlite: Sqlite, secret: string, password: string, now: number): Promise<{ ok: true; userId: number } | { ok: false; code: 'invalid_reset'; message: string }> {
  const row = sqlite
    .prepare(
      `SELECT r.id, r.user_id AS userId FROM password_resets r JOIN users u ON u.id = r.user_id
       WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.deleted_at IS NULL`,
    )
    .get(hashSecret(secret), now) as { id: number; userId: number } | undefined;
  if (!row) return { ok: false, code: 'invalid_reset', message: 'this reset link is unknown, used or expired' };
  if (!sqlite.prepare(`UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL`).run(now, row.id).changes) {
    return { ok: false, code: 'invalid_reset', message: 'this reset link was used meanwhile' };
  }
  await setPassword(sqlite, row.userId, password, now);
  deleteUserSessions(sqlite, row.userId);
  return { ok: true, userId: row.userId };
}
