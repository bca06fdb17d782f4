import type { Sqlite } from '../db/client.js';
import { hashPassword } from './passwords.js';
import { normaliseEmail } from './secrets.js';
import type { AuthUser, GlobalRole, Membership, PublicUser, TopicRole } from './types.js';

export interface UserRow {
  id: number;
  email: string;
  displayName: string;
  passwordHash: string | null;
  role: GlobalRole;
  createdAt: number;
  resetRequestedAt: number | null;
}

const COLUMNS = `id, email, display_name AS displayName, password_hash AS passwordHash, role, created_at AS createdAt, reset_requested_at AS resetRequestedAt`;

export function findUserByEmail(sqlite: Sqlite, email: string): UserRow | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ? AND deleted_at IS NULL`).get(normaliseEmail(email)) as UserRow | undefined) ?? null;
}

export function getUser(sqlite: Sqlite, id: number): UserRow | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ? AND deleted_at IS NULL`).get(id) as UserRow | undefined) ?? null;
}

export function membershipsOf(sqlite: Sqlite, userId: number): Membership[] {
  return sqlite.prepare(`SELECT topic_id AS topicId, role FROM memberships WHERE user_id = ? ORDER BY topic_id`).all(userId) as Membership[];
}

/** The identity a request carries, with memberships loaded once per request. */
export function loadAuthUser(sqlite: Sqlite, id: number, how: Pick<AuthUser, 'via' | 'scope' | 'sessionId' | 'tokenId' | 'csrfToken'>): AuthUser | null {
  const u = getUser(sqlite, id);
  if (!u) return null;
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, memberships: membershipsOf(sqlite, id), ...how };
}

export function toPublicUser(sqlite: Sqlite, u: Pick<UserRow, 'id' | 'email' | 'displayName' | 'role' | 'createdAt'>): PublicUser {
  const memberships = sqlite
    .prepare(`SELECT t.slug AS topic, m.role FROM memberships m LEFT JOIN topics t ON t.id = m.topic_id WHERE m.user_id = ? ORDER BY t.slug`)
    .all(u.id) as { topic: string | null; role: TopicRole }[];
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, memberships, createdAt: new Date(u.createdAt).toISOString() };
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
  if (findUserByEmail(sqlite, email)) return { ok: false, code: 'email_taken', message: `an account already exists for ${email}` };
  const id = sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(`INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(email, u.displayName?.trim() || email.split('@')[0]!, passwordHash, u.role, now, now).lastInsertRowid,
    );
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
    sqlite.prepare(`UPDATE users SET role = 'admin', updated_at = ? WHERE id = ?`).run(now, userId);
    return;
  }
  setMembership(sqlite, userId, topicId, role, authorId, now);
  // The global role shows the highest role held, for lists; rights come from memberships.
  if (role === 'curator') sqlite.prepare(`UPDATE users SET role = 'curator', updated_at = ? WHERE id = ? AND role = 'member'`).run(now, userId);
}

export function setMembership(sqlite: Sqlite, userId: number, topicId: number | null, role: TopicRole, authorId: number | null, now: number): void {
  const existing = sqlite.prepare(`SELECT id FROM memberships WHERE user_id = ? AND topic_id IS ?`).pluck().get(userId, topicId) as number | undefined;
  if (existing) sqlite.prepare(`UPDATE memberships SET role = ?, author_id = ? WHERE id = ?`).run(role, authorId, existing);
  else sqlite.prepare(`INSERT INTO memberships (user_id, topic_id, role, author_id, created_at) VALUES (?, ?, ?, ?, ?)`).run(userId, topicId, role, authorId, now);
}

export function removeMembership(sqlite: Sqlite, userId: number, topicId: number | null): boolean {
  return sqlite.prepare(`DELETE FROM memberships WHERE user_id = ? AND topic_id IS ?`).run(userId, topicId).changes > 0;
}

export function listUsers(sqlite: Sqlite, opts: { topicIds?: number[] } = {}): UserRow[] {
  if (!opts.topicIds) return sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE deleted_at IS NULL ORDER BY email`).all() as UserRow[];
  const ids = JSON.stringify(opts.topicIds);
  return sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM users WHERE deleted_at IS NULL AND id IN
         (SELECT user_id FROM memberships WHERE topic_id IN (SELECT value FROM json_each(?))) ORDER BY email`,
    )
    .all(ids) as UserRow[];
}

/**
 * Removes someone from the network: no password, sessions, tokens or memberships any more. The row stays so the
 * curation they did still names them; the audit log keeps its own copy of their e-mail and name.
 */
export function removeUser(sqlite: Sqlite, id: number, now: number): boolean {
  return sqlite.transaction(() => {
    const changed = sqlite.prepare(`UPDATE users SET deleted_at = ?, password_hash = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now, now, id).changes;
    sqlite.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(id);
    sqlite.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`).run(now, id);
    sqlite.prepare(`DELETE FROM memberships WHERE user_id = ?`).run(id);
    return changed > 0;
  })();
}

export async function setPassword(sqlite: Sqlite, id: number, password: string, now: number): Promise<void> {
  const h = await hashPassword(password);
  sqlite.prepare(`UPDATE users SET password_hash = ?, reset_requested_at = NULL, updated_at = ? WHERE id = ?`).run(h, now, id);
}

export function updateProfile(sqlite: Sqlite, id: number, p: { displayName?: string }, now: number): void {
  if (p.displayName !== undefined) sqlite.prepare(`UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?`).run(p.displayName.trim(), now, id);
}

export function setGlobalRole(sqlite: Sqlite, id: number, role: GlobalRole, now: number): void {
  sqlite.prepare(`UPDATE users SET role = ?, updated_at = ? WHERE id = ?`).run(role, now, id);
}
