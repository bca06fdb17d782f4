/** Owner of `users` and `memberships`: every read and write of those tables. */
import type { GlobalRole, Membership, TopicRole } from '../../accounts/types.js';
import type { Sqlite } from '../client.js';

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

/** `email` is already normalised. */
export function userByEmail(sqlite: Sqlite, email: string): UserRow | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ? AND deleted_at IS NULL`).get(email) as UserRow | undefined) ?? null;
}

export function userById(sqlite: Sqlite, id: number): UserRow | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ? AND deleted_at IS NULL`).get(id) as UserRow | undefined) ?? null;
}

export function countActiveUsers(sqlite: Sqlite): number {
  return sqlite.prepare(`SELECT count(*) FROM users WHERE deleted_at IS NULL`).pluck().get() as number;
}

export function membershipRows(sqlite: Sqlite, userId: number): Membership[] {
  return sqlite.prepare(`SELECT topic_id AS topicId, role FROM memberships WHERE user_id = ? ORDER BY topic_id`).all(userId) as Membership[];
}

/** Memberships with their topic's slug (null = every topic), for the API's view of a user. */
export function membershipSlugs(sqlite: Sqlite, userId: number): { topic: string | null; role: TopicRole }[] {
  return sqlite
    .prepare(`SELECT t.slug AS topic, m.role FROM memberships m LEFT JOIN topics t ON t.id = m.topic_id WHERE m.user_id = ? ORDER BY t.slug`)
    .all(userId) as { topic: string | null; role: TopicRole }[];
}

export function insertUser(sqlite: Sqlite, u: { email: string; displayName: string; passwordHash: string | null; role: GlobalRole }, now: number): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(u.email, u.displayName, u.passwordHash, u.role, now, now).lastInsertRowid,
  );
}

export function setUserRole(sqlite: Sqlite, id: number, role: GlobalRole, now: number): void {
  sqlite.prepare(`UPDATE users SET role = ?, updated_at = ? WHERE id = ?`).run(role, now, id);
}

/** Raises a member to curator (the global role shows the highest role held); leaves admins and curators alone. */
export function raiseMemberToCurator(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE users SET role = 'curator', updated_at = ? WHERE id = ? AND role = 'member'`).run(now, id);
}

export function upsertMembership(sqlite: Sqlite, userId: number, topicId: number | null, role: TopicRole, authorId: number | null, now: number): void {
  const existing = sqlite.prepare(`SELECT id FROM memberships WHERE user_id = ? AND topic_id IS ?`).pluck().get(userId, topicId) as number | undefined;
  if (existing) sqlite.prepare(`UPDATE memberships SET role = ?, author_id = ? WHERE id = ?`).run(role, authorId, existing);
  else sqlite.prepare(`INSERT INTO memberships (user_id, topic_id, role, author_id, created_at) VALUES (?, ?, ?, ?, ?)`).run(userId, topicId, role, authorId, now);
}

export function deleteMembership(sqlite: Sqlite, userId: number, topicId: number | null): boolean {
  return sqlite.prepare(`DELETE FROM memberships WHERE user_id = ? AND topic_id IS ?`).run(userId, topicId).changes > 0;
}

export function listUserRows(sqlite: Sqlite, opts: { topicIds?: number[] } = {}): UserRow[] {
  if (!opts.topicIds) return sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE deleted_at IS NULL ORDER BY email`).all() as UserRow[];
  return sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM users WHERE deleted_at IS NULL AND id IN
         (SELECT user_id FROM memberships WHERE topic_id IN (SELECT value FROM json_each(?))) ORDER BY email`,
    )
    .all(JSON.stringify(opts.topicIds)) as UserRow[];
}

/** Marks the account removed (no password, no memberships); sessions and tokens go with it (their owners' functions). */
export function markUserRemoved(sqlite: Sqlite, id: number, now: number): boolean {
  const changed = sqlite.prepare(`UPDATE users SET deleted_at = ?, password_hash = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now, now, id).changes;
  sqlite.prepare(`DELETE FROM memberships WHERE user_id = ?`).run(id);
  return changed > 0;
}

export function setPasswordHash(sqlite: Sqlite, id: number, passwordHash: string, now: number): void {
  sqlite.prepare(`UPDATE users SET password_hash = ?, reset_requested_at = NULL, updated_at = ? WHERE id = ?`).run(passwordHash, now, id);
}

export function setDisplayName(sqlite: Sqlite, id: number, displayName: string, now: number): void {
  sqlite.prepare(`UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?`).run(displayName, now, id);
}

/** Someone asked for a reset while no SMTP is configured: admins see it and send a link. */
export function markResetRequested(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE users SET reset_requested_at = ? WHERE id = ?`).run(now, id);
}
