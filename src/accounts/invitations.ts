import type { Sqlite } from '../db/client.js';
import { checkPassword } from './passwords.js';
import { hashSecret, normaliseEmail, randomSecret } from './secrets.js';
import type { GlobalRole } from './types.js';
import { createUser, findUserByEmail, grantRole } from './users.js';

export const INVITATION_TTL_MS = 14 * 86_400_000;

export interface Invitation {
  id: number;
  email: string;
  role: GlobalRole;
  topicId: number | null;
  topic: string | null;
  expiresAt: number;
}

/** Creates an invitation; the secret goes in the link (`/invite/<secret>`), only its hash is stored. */
export function createInvitation(sqlite: Sqlite, inv: { email: string; role: GlobalRole; topicId: number | null; authorId: number | null }, now: number): { id: number; secret: string; expiresAt: number } {
  const secret = randomSecret();
  const expiresAt = now + INVITATION_TTL_MS;
  const id = Number(
    sqlite
      .prepare(`INSERT INTO invitations (token_hash, email, role, topic_id, author_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(hashSecret(secret), normaliseEmail(inv.email), inv.role, inv.topicId, inv.authorId, now, expiresAt).lastInsertRowid,
  );
  return { id, secret, expiresAt };
}

/** The pending invitation a link names, or null (unknown, used or expired). */
export function findInvitation(sqlite: Sqlite, secret: string, now: number): Invitation | null {
  const row = sqlite
    .prepare(
      `SELECT i.id, i.email, i.role, i.topic_id AS topicId, t.slug AS topic, i.expires_at AS expiresAt, i.accepted_at AS acceptedAt
       FROM invitations i LEFT JOIN topics t ON t.id = i.topic_id WHERE i.token_hash = ?`,
    )
    .get(hashSecret(secret)) as (Invitation & { acceptedAt: number | null }) | undefined;
  if (!row || row.acceptedAt !== null || row.expiresAt <= now) return null;
  const { acceptedAt, ...inv } = row;
  void acceptedAt;
  return inv;
}

export type AcceptResult =
  | { ok: true; userId: number; created: boolean }
  | { ok: false; code: 'invalid_invitation' | 'wrong_password' | 'password_required'; message: string; field?: string };

/**
 * Accepts an invitation: creates the account with the chosen password, or — when the e-mail already has an
 * account — adds the invited role to it once its password is given.
 */
export async function acceptInvitation(sqlite: Sqlite, secret: string, a: { password: string; displayName?: string }, now: number): Promise<AcceptResult> {
  const inv = findInvitation(sqlite, secret, now);
  if (!inv) return { ok: false, code: 'invalid_invitation', message: 'this invitation link is unknown, used or expired' };
  const existing = findUserByEmail(sqlite, inv.email);
  let userId: number;
  let created = false;
  if (existing) {
    if (!(await checkPassword(existing.passwordHash, a.password))) {
      return { ok: false, code: 'wrong_password', message: `an account exists for ${inv.email}: give its password to accept`, field: 'password' };
    }
    userId = existing.id;
  } else {
    const made = await createUser(sqlite, { email: inv.email, displayName: a.displayName, password: a.password, role: 'member', grant: false }, now);
    if (!made.ok) return { ok: false, code: 'invalid_invitation', message: made.message };
    userId = made.id;
    created = true;
  }
  const taken = sqlite.transaction(() => {
    const used = sqlite.prepare(`UPDATE invitations SET accepted_at = ?, user_id = ? WHERE id = ? AND accepted_at IS NULL`).run(now, userId, inv.id).changes;
    if (!used) return false;
    grantRole(sqlite, userId, inv.role, inv.topicId, null, now);
    return true;
  })();
  if (!taken) return { ok: false, code: 'invalid_invitation', message: 'this invitation link was used meanwhile' };
  return { ok: true, userId, created };
}
