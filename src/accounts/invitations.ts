import type { Sqlite } from '../db/client.js';
import { insertInvitation, invitationByHash, markInvitationAccepted } from '../db/accounts/invitations.js';
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
  const id = insertInvitation(sqlite, { tokenHash: hashSecret(secret), email: normaliseEmail(inv.email), role: inv.role, topicId: inv.topicId, authorId: inv.authorId, expiresAt }, now);
  return { id, secret, expiresAt };
}

/** The pending invitation a link names, or null (unknown, used or expired). */
export function findInvitation(sqlite: Sqlite, secret: string, now: number): Invitation | null {
  const row = invitationByHash(sqlite, hashSecret(secret));
  if (!row || row.acceptedAt !== null || row.expiresAt <= now) return null;
  const { acceptedAt, ...inv } = row;
  void acceptedAt;
  return inv;
}

/** Whether the invited address already has an account (then it is accepted signed in, never by password here). */
export function invitationAccount(sqlite: Sqlite, inv: Invitation): number | null {
  return findUserByEmail(sqlite, inv.email)?.id ?? null;
}

export type AcceptResult =
  | { ok: true; userId: number; created: boolean }
  | { ok: false; code: 'invalid_invitation' | 'sign_in_required' | 'password_required'; message: string; field?: string };

/**
 * Accepts an invitation. For a new address it creates the account with the chosen password. When the address
 * already has an account, the invitation form never authenticates: the person signs in normally first, and the
 * invitation is accepted for `signedInAs` only when that is the invited account.
 */
export async function acceptInvitation(sqlite: Sqlite, secret: string, a: { password?: string; displayName?: string; signedInAs: number | null }, now: number): Promise<AcceptResult> {
  const inv = findInvitation(sqlite, secret, now);
  if (!inv) return { ok: false, code: 'invalid_invitation', message: 'this invitation link is unknown, used or expired' };
  const existing = invitationAccount(sqlite, inv);
  let userId: number;
  let created = false;
  if (existing !== null) {
    if (a.signedInAs !== existing) return { ok: false, code: 'sign_in_required', message: `an account exists for ${inv.email}: sign in to it as usual, then open the invitation link again` };
    userId = existing;
  } else {
    if (!a.password) return { ok: false, code: 'password_required', message: 'choose a password for the new account', field: 'password' };
    const made = await createUser(sqlite, { email: inv.email, displayName: a.displayName, password: a.password, role: 'member', grant: false }, now);
    if (!made.ok) return { ok: false, code: 'invalid_invitation', message: made.message };
    userId = made.id;
    created = true;
  }
  const taken = sqlite.transaction(() => {
    if (!markInvitationAccepted(sqlite, inv.id, userId, now)) return false;
    grantRole(sqlite, userId, inv.role, inv.topicId, null, now);
    return true;
  })();
  if (!taken) return { ok: false, code: 'invalid_invitation', message: 'this invitation link was used meanwhile' };
  return { ok: true, userId, created };
}
