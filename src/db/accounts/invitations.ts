/** Owner of `invitations`. */
import type { GlobalRole } from '../../accounts/types.js';
import type { Sqlite } from '../client.js';

export interface InvitationRow {
  id: number;
  email: string;
  role: GlobalRole;
  topicId: number | null;
  topic: string | null;
  expiresAt: number;
  acceptedAt: number | null;
}

export function insertInvitation(sqlite: Sqlite, i: { tokenHash: string; email: string; role: GlobalRole; topicId: number | null; authorId: number | null; expiresAt: number }, now: number): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO invitations (token_hash, email, role, topic_id, author_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(i.tokenHash, i.email, i.role, i.topicId, i.authorId, now, i.expiresAt).lastInsertRowid,
  );
}

export function invitationByHash(sqlite: Sqlite, tokenHash: string): InvitationRow | null {
  return (
    (sqlite
      .prepare(
        `SELECT i.id, i.email, i.role, i.topic_id AS topicId, t.slug AS topic, i.expires_at AS expiresAt, i.accepted_at AS acceptedAt
         FROM invitations i LEFT JOIN topics t ON t.id = i.topic_id WHERE i.token_hash = ?`,
      )
      .get(tokenHash) as InvitationRow | undefined) ?? null
  );
}

/** Marks the invitation used by `userId`; false when it was used meanwhile. */
export function markInvitationAccepted(sqlite: Sqlite, id: number, userId: number, now: number): boolean {
  return sqlite.prepare(`UPDATE invitations SET accepted_at = ?, user_id = ? WHERE id = ? AND accepted_at IS NULL`).run(now, userId, id).changes > 0;
}
