import type { Sqlite } from '../db/client.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';
import { emitApproved, emitUnpublished } from '../db/outbound/emit.js';

export interface Approval {
  itemId: number;
  topic: string | null;
  note: string | null;
  approvedBy: string | null;
  approvedAt: number;
}

/** Approves an item for republication (or replaces the note of an existing approval). */
export function approveItem(sqlite: Sqlite, actor: Actor, itemId: number, topicId: number | null, note: string | null, now: number): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO approvals (item_id, topic_id, note, author_id, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(item_id) DO UPDATE SET note = excluded.note, author_id = excluded.author_id, topic_id = excluded.topic_id`,
      )
      .run(itemId, topicId, note, actor.id, now);
    writeAudit(sqlite, actor, { action: 'approval.set', itemId, topicId, detail: { note } }, now);
    touchItems(sqlite, [itemId], now);
    emitApproved(sqlite, { itemId, topicId, note, now });
  })();
}

/** Withdraws an item from republication; false when it was not approved. */
export function unpublishItem(sqlite: Sqlite, actor: Actor, itemId: number, topicId: number | null, now: number): boolean {
  return sqlite.transaction(() => {
    if (!sqlite.prepare(`DELETE FROM approvals WHERE item_id = ?`).run(itemId).changes) return false;
    writeAudit(sqlite, actor, { action: 'approval.remove', itemId, topicId }, now);
    touchItems(sqlite, [itemId], now);
    emitUnpublished(sqlite, { itemId, topicId, now });
    return true;
  })();
}

const SELECT = `SELECT a.item_id AS itemId, t.slug AS topic, a.note, u.display_name AS approvedBy, a.created_at AS approvedAt
  FROM approvals a LEFT JOIN topics t ON t.id = a.topic_id LEFT JOIN users u ON u.id = a.author_id`;

export function getApproval(sqlite: Sqlite, itemId: number): Approval | null {
  return (sqlite.prepare(`${SELECT} WHERE a.item_id = ?`).get(itemId) as Approval | undefined) ?? null;
}

/** Approved items, newest approval first (what republication reads). */
export function listApprovals(sqlite: Sqlite, f: { topicId?: number; limit: number; before?: number }): Approval[] {
  return sqlite
    .prepare(`${SELECT} WHERE (@topic IS NULL OR a.topic_id = @topic) AND (@before IS NULL OR a.created_at < @before) ORDER BY a.created_at DESC, a.item_id DESC LIMIT @limit`)
    .all({ topic: f.topicId ?? null, before: f.before ?? null, limit: f.limit }) as Approval[];
}

export function approvalJson(a: Approval) {
  return { item: a.itemId, topic: a.topic, note: a.note, approvedBy: a.approvedBy, approvedAt: new Date(a.approvedAt).toISOString() };
}
