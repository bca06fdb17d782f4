import type { Sqlite } from '../db/client.js';
import { deleteSessionsOf } from '../db/accounts/sessions.js';
import { revokeTokensOf } from '../db/accounts/tokens.js';
import {
  deleteMembership,
  insertUser,
  listUserRows,
  markUserRemoved,
  membershipRows,
  membershipSlugs,
  raiseMemberToCurator,
  setDisplayName,
  setPasswordHash,
  setUserRole,
  upsertMembership,
  userByEmail,
  userById,
  type UserRow,
} from '../db/accounts/users.js';
import { hashPassword } from './passwords.js';
import { normaliseEmail } from './secrets.js';
import type { AuthUser, GlobalRole, Membership, PublicUser, TopicRole } from './types.js';

export type { UserRow } from '../db/accounts/users.js';

export function findUserByEmail(sqlite: Sqlite, email: string): UserRow | null {
  return userByEmail(sqlite, normaliseEmail(email));
}

export function getUser(sqlite: Sqlite, id: number): UserRow | null {
  return userById(sqlite, id);
}

export function membershipsOf(sqlite: Sqlite, userId: number): Membership[] {
  return membershipRows(sqlite, userId);
}

/** The identity a request carries, with memberships loaded once per request. */
export function loadAuthUser(sqlite: Sqlite, id: number, how: Pick<AuthUser, 'via' | 'scope' | 'sessionId' | 'tokenId' | 'csrfToken'>): AuthUser | null {
  const u = getUser(sqlite, id);
  if (!u) return null;
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, memberships: membershipsOf(sqlite, id), ...how };
}

export function toPublicUser(sqlite: Sqlite, u: Pick<UserRow, 'id' | 'email' | 'displayName' | 'role' | 'createdAt'>): PublicUser {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, memberships: membershipSlugs(sqlite, u.id), createdAt: new Date(u.createdAt).toISOString() };
}

export interface NewUser {
  email: string;
  displayName?: string | null;
  password?: string | null;
  role: GlobalRole;
  /** A topic membership given with the account (curator/member of that topic). */
  topicId?: number | null;
  authorId?: number | null;
  /** False creates the account with no membership (open sign-up, invitations granting their own role). */
  grant?: boolean;
}

/** Creates an account; fails as a value when the e-mail is taken. */
export async function createUser(sqlite: Sqlite, u: NewUser, now: number): Promise<{ ok: true; id: number } | { ok: false; code: 'email_taken'; message: string }> {
  const email = normaliseEmail(u.email);
  const passwordHash = u.password ? await hashPassword(u.password) : null;
  if (userByEmail(sqlite, email)) return { ok: false, code: 'email_taken', message: `an account already exists for ${email}` };
  const id = sqlite.transaction(() => {
    const id = insertUser(sqlite, { email, displayName: u.displayName?.trim() || email.split('@')[0]!, passwordHash, role: u.role }, now);
    if (u.grant !== false) grantRole(sqlite, id, u.role, u.topicId ?? null, u.authorId ?? null, now);
    return id;
  })();
  return { ok: true, id };
}

/**
 * Turns a role given at invitation into a membership: curator/member of one topic, or of every topic when no topic
 * is named. Admins need no membership.
 */
export function grantRole(sqlite: Sqlite, userId: number, role: GlobalRole, topicId: number | null, authorId: number | null, now: number): void {
  if (role === 'admin') {
    setUserRole(sqlite, userId, 'admin', now);
    return;
  }
  setMembership(sqlite, userId, topicId, role, authorId, now);
  // The global role shows the highest role held, for lists; rights come from memberships.
  if (role === 'curator') raiseMemberToCurator(sqlite, userId, now);
}

export function setMembership(sqlite: Sqlite, userId: number, topicId: number | null, role: TopicRole, authorId: number | null, now: number): void {
  upsertMembership(sqlite, userId, topicId, role, authorId, now);
}

export function removeMembership(sqlite: Sqlite, userId: number, topicId: number | null): boolean {
  return deleteMembership(sqlite, userId, topicId);
}

export function listUsers(sqlite: Sqlite, opts: { topicIds?: number[] } = {}): UserRow[] {
  return listUserRows(sqlite, opts);
}

/**
 * Removes someone from the network: no password, sessions, tokens or memberships any more. The row stays so the
 * curation they did still names them; the audit log keeps its own copy of their e-mail and name.
 */
export function removeUser(sqlite: Sqlite, id: number, now: number): boolean {
  return sqlite.transaction(() => {
    const changed = markUserRemoved(sqlite, id, now);
    deleteSessionsOf(sqlite, id);
    revokeTokensOf(sqlite, id, now);
    return changed;
  })();
}

export async function setPassword(sqlite: Sqlite, id: number, password: string, now: number): Promise<void> {
  setPasswordHash(sqlite, id, await hashPassword(password), now);
}

export function updateProfile(sqlite: Sqlite, id: number, p: { displayName?: string }, now: number): void {
  if (p.displayName !== undefined) setDisplayName(sqlite, id, p.displayName.trim(), now);
}

export function setGlobalRole(sqlite: Sqlite, id: number, role: GlobalRole, now: number): void {
  setUserRole(sqlite, id, role, now);
}
