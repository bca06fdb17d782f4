/**
 * Approvals (owner of the `approvals` table): one per item and topic. An approval is published when its topic is
 * public; who reads the rest is decided by src/access (curationReadableSql).
 */
import { accessParams, curationReadableSql, itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

export interface Approval {
  itemId: number;
  topicId: number;
  topic: string;
  note: string | null;
  approvedBy: string | null;
  approvedAt: number;
}

/** SQL: the approval `a` (joined with its topic `ta`) is published. */
export const APPROVAL_PUBLISHED = `ta.public = 1`;

const SELECT = `SELECT a.item_id AS itemId, a.topic_id AS topicId, ta.slug AS topic, a.note, u.display_name AS approvedBy, a.created_at AS approvedAt
  FROM approvals a JOIN topics ta ON ta.id = a.topic_id LEFT JOIN users u ON u.id = a.author_id`;

/** Inserts or replaces the note of the item's approval in this topic. */
export function upsertApproval(sqlite: Sqlite, a: { itemId: number; topicId: number; note: string | null; authorId: number }, now: number): void {
  sqlite
    .prepare(
      `INSERT INTO approvals (item_id, topic_id, note, author_id, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(item_id, topic_id) DO UPDATE SET note = excluded.note, author_id = excluded.author_id`,
    )
    .run(a.itemId, a.topicId, a.note, a.authorId, now);
}

/** Deletes the item's approval in this topic; false when there was none. */
export function deleteApproval(sqlite: Sqlite, itemId: number, topicId: number): boolean {
  return sqlite.prepare(`DELETE FROM approvals WHERE item_id = ? AND topic_id = ?`).run(itemId, topicId).changes > 0;
}

/** The item's approval in one topic, whoever asks (writes and their answers). */
export function getApproval(sqlite: Sqlite, itemId: number, topicId: number): Approval | null {
  return (sqlite.prepare(`${SELECT} WHERE a.item_id = ? AND a.topic_id = ?`).get(itemId, topicId) as Approval | undefined) ?? null;
}

/** Topics in which the item is approved (any reader: used to pick the approval a curator acts on). */
export function approvalTopicsOf(sqlite: Sqlite, itemId: number): number[] {
  return sqlite.prepare(`SELECT topic_id FROM approvals WHERE item_id = ? ORDER BY topic_id`).pluck().all(itemId) as number[];
}

export interface ApprovalFilter {
  topicId?: number;
  itemId?: number;
  limit: number;
}

/** Approvals the viewer may read (of items they may read), newest first. */
export function listReadableApprovals(sqlite: Sqlite, v: Viewer, f: ApprovalFilter): Approval[] {
  return sqlite
    .prepare(
      `${SELECT} JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
       WHERE (@topic IS NULL OR a.topic_id = @topic) AND (@item IS NULL OR a.item_id = @item)
         AND ${curationReadableSql(v, 'a.topic_id', APPROVAL_PUBLISHED)} AND ${itemReadableSql(v, 'i.source_id')}
       ORDER BY a.created_at DESC, a.item_id DESC, a.topic_id LIMIT @limit`,
    )
    .all({ ...accessParams(v), topic: f.topicId ?? null, item: f.itemId ?? null, limit: f.limit }) as Approval[];
}

/** Whether any approval covers the item (the search document's `approved` field). */
export function isApproved(sqlite: Sqlite, itemId: number): boolean {
  return sqlite.prepare(`SELECT 1 FROM approvals WHERE item_id = ?`).get(itemId) !== undefined;
}
