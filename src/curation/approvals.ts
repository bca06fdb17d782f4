import { deleteApproval, upsertApproval, type Approval } from '../db/curation/approvals.js';
import type { Sqlite } from '../db/client.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';
import { emitApproved, emitUnpublished } from '../db/outbound/emit.js';

export type { Approval } from '../db/curation/approvals.js';

/**
 * Approves an item for republication in one topic (or replaces the note of its approval there). It publishes only
 * in that topic, and only while the topic is public.
 */
export function approveItem(sqlite: Sqlite, actor: Actor, itemId: number, topicId: number, note: string | null, now: number): void {
  sqlite.transaction(() => {
    upsertApproval(sqlite, { itemId, topicId, note, authorId: actor.id }, now);
    writeAudit(sqlite, actor, { action: 'approval.set', itemId, topicId, detail: { note } }, now);
    touchItems(sqlite, [itemId], now);
    emitApproved(sqlite, { itemId, topicId, note, now });
  })();
}

/** Withdraws an item's approval in one topic; false when it was not approved there. */
export function unpublishItem(sqlite: Sqlite, actor: Actor, itemId: number, topicId: number, now: number): boolean {
  return sqlite.transaction(() => {
    if (!deleteApproval(sqlite, itemId, topicId)) return false;
    writeAudit(sqlite, actor, { action: 'approval.remove', itemId, topicId }, now);
    touchItems(sqlite, [itemId], now);
    emitUnpublished(sqlite, { itemId, topicId, now });
    return true;
  })();
}

export function approvalJson(a: Approval) {
  return { item: a.itemId, topic: a.topic, note: a.note, approvedBy: a.approvedBy, approvedAt: new Date(a.approvedAt).toISOString() };
}
