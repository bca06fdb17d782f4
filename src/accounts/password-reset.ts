import type { Sqlite } from '../db/client.js';
import { deleteSessionsOf } from '../db/accounts/sessions.js';
import { insertPasswordReset, liveResetByHash, markResetUsed, voidResetsOf } from '../db/accounts/password-resets.js';
import { revokeTokensOf } from '../db/accounts/tokens.js';
import { setPasswordHash } from '../db/accounts/users.js';
import { hashPassword } from './passwords.js';
import { hashSecret, randomSecret } from './secrets.js';

export const RESET_TTL_MS = 2 * 3_600_000;

/** A one-time reset link secret for the user (only its hash is stored). */
export function createPasswordReset(sqlite: Sqlite, userId: number, authorId: number | null, now: number): { secret: string; expiresAt: number } {
  const secret = randomSecret();
  const expiresAt = now + RESET_TTL_MS;
  insertPasswordReset(sqlite, { tokenHash: hashSecret(secret), userId, authorId, expiresAt }, now);
  return { secret, expiresAt };
}

/** Whether a reset link can still be used (unknown, used and expired ones cannot). */
export function resetLinkLive(sqlite: Sqlite, secret: string, now: number): boolean {
  return liveResetByHash(sqlite, hashSecret(secret), now) !== null;
}

export type ResetOutcome = { ok: true; userId: number; sessionsEnded: number; tokensRevoked: number; linksVoided: number } | { ok: false; code: 'invalid_reset'; message: string };

/**
 * Sets a new password from a reset link. Someone else may have had the old password, so everything it let in ends
 * with it, in one transaction: every session, every API token, and every other reset link of the account.
 */
export async function consumePasswordReset(sqlite: Sqlite, secret: string, password: string, now: number): Promise<ResetOutcome> {
  const tokenHash = hashSecret(secret);
  if (!liveResetByHash(sqlite, tokenHash, now)) return { ok: false, code: 'invalid_reset', message: 'this reset link is unknown, used or expired' };
  const passwordHash = await hashPassword(password);
  return sqlite.transaction((): ResetOutcome => {
    const row = liveResetByHash(sqlite, tokenHash, now);
    if (!row || !markResetUsed(sqlite, row.id, now)) return { ok: false, code: 'invalid_reset', message: 'this reset link was used meanwhile' };
    setPasswordHash(sqlite, row.userId, passwordHash, now);
    return {
      ok: true,
      userId: row.userId,
      sessionsEnded: deleteSessionsOf(sqlite, row.userId),
      tokensRevoked: revokeTokensOf(sqlite, row.userId, now),
      linksVoided: voidResetsOf(sqlite, row.userId, now),
    };
  })();
}
