import type { Sqlite } from '../client.js';

/** A topic's members with their role in it (network-wide memberships excluded). */
export function topicMembers(sqlite: Sqlite, topicId: number): { id: number; name: string; email: string; role: 'curator' | 'member' }[] {
  return sqlite
    .prepare(
      `SELECT u.id, u.display_name AS name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.topic_id = ? AND u.deleted_at IS NULL ORDER BY m.role, u.display_name`,
    )
    .all(topicId) as { id: number; name: string; email: string; role: 'curator' | 'member' }[];
}

/** The user's role in the topic (network-wide memberships excluded), or null. */
export function topicMembershipRole(sqlite: Sqlite, userId: number, topicId: number): 'curator' | 'member' | null {
  return (sqlite.prepare(`SELECT role FROM memberships WHERE user_id = ? AND topic_id = ?`).pluck().get(userId, topicId) as 'curator' | 'member' | undefined) ?? null;
}
