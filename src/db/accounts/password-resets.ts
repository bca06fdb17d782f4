/** Owner of `password_resets`. */
import type { Sqlite } from '../client.js';

export function insertPasswordReset(sqlite: Sqlite, r: { tokenHash: string; userId: number; authorId: number | null; expiresAt: number }, now: number): void {
  sqlite.prepare(`INSERT INTO password_resets (token_hash, user_id, author_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`).run(r.tokenHash, r.userId, r.authorId, now, r.expiresAt);
}

/** The unused, unexpired reset a link's hash names, if its user is not removed. */
export function liveResetByHash(sqlite: Sqlite, tokenHash: string, now: number): { id: number; userId: number } | null {
  return (
    (sqlite
      .prepare(
        `SELECT r.id, r.user_id AS userId FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.deleted_at IS NULL`,
      )
      .get(tokenHash, now) as { id: number; userId: number } | undefined) ?? null
  );
}

export function markResetUsed(sqlite: Sqlite, id: number, now: number): boolean {
  return sqlite.prepare(`UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL`).run(now, id).changes > 0;
}

/** Ends every other pending reset link of the user; returns how many. */
export function voidResetsOf(sqlite: Sqlite, userId: number, now: number): number {
  return sqlite.prepare(`UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`).run(now, userId).changes;
}
