/**
 * The audit log (owner of `audit_log`): who did what and when. An entry belongs to the topic the action was made
 * in; src/access decides who reads it (curation readers for an item's history, curators for the audit log).
 */
import { accessParams, curationReadableSql, topicCuratedSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

export interface AuditRow {
  actorId: number | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  itemId: number | null;
  topicId: number | null;
  targetType: string | null;
  targetId: number | null;
  detail: Record<string, unknown>;
}

export function insertAudit(sqlite: Sqlite, e: AuditRow, now: number): void {
  sqlite
    .prepare(
      `INSERT INTO audit_log (actor_id, actor_email, actor_name, action, item_id, topic_id, target_type, target_id, detail, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.actorId, e.actorEmail, e.actorName, e.action, e.itemId, e.topicId, e.targetType, e.targetId, JSON.stringify(e.detail), now);
}

export interface AuditEntry {
  id: number;
  action: string;
  at: string;
  actor: { id: number | null; email: string | null; name: string | null; removed: boolean };
  item: number | null;
  topic: string | null;
  target: { type: string; id: number | null } | null;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  itemId?: number;
  userId?: number;
  topicId?: number;
  before?: number;
  limit: number;
}

type Row = { id: number; action: string; createdAt: number; actorId: number | null; actorEmail: string | null; actorName: string | null; removed: number | null; itemId: number | null; topic: string | null; targetType: string | null; targetId: number | null; detail: string };

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  action: r.action,
  at: new Date(r.createdAt).toISOString(),
  actor: { id: r.actorId, email: r.actorEmail, name: r.actorName, removed: r.removed === 1 },
  item: r.itemId,
  topic: r.topic,
  target: r.targetType ? { type: r.targetType, id: r.targetId } : null,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

function query(sqlite: Sqlite, v: Viewer, f: AuditFilter, visible: string): AuditEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.action, a.created_at AS createdAt, a.actor_id AS actorId, a.actor_email AS actorEmail, a.actor_name AS actorName,
         u.deleted_at IS NOT NULL AS removed, a.item_id AS itemId, t.slug AS topic, a.target_type AS targetType, a.target_id AS targetId, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN topics t ON t.id = a.topic_id
       WHERE (@item IS NULL OR a.item_id = @item) AND (@user IS NULL OR a.actor_id = @user) AND (@topic IS NULL OR a.topic_id = @topic)
         AND ${visible} AND (@before IS NULL OR a.id < @before)
       ORDER BY a.id DESC LIMIT @limit`,
    )
    .all({ ...accessParams(v), item: f.itemId ?? null, user: f.userId ?? null, topic: f.topicId ?? null, before: f.before ?? null, limit: f.limit }) as Row[];
  return rows.map(toEntry);
}

/** The audit log as a curator reads it, newest first: entries of the topics they curate (admins: everything). */
export function listCuratedAudit(sqlite: Sqlite, v: Viewer, f: AuditFilter): AuditEntry[] {
  return query(sqlite, v, f, topicCuratedSql(v, 'a.topic_id'));
}

/** Curation history the viewer may read (an item's, usually), newest first: entries of topics whose curation they read. */
export function listReadableHistory(sqlite: Sqlite, v: Viewer, f: AuditFilter): AuditEntry[] {
  return query(sqlite, v, f, curationReadableSql(v, 'a.topic_id', '0'));
}

/** When an item last left publication (unpublished), so Last-Modified never moves backwards. */
export function lastRemovalAt(sqlite: Sqlite): number {
  return (sqlite.prepare(`SELECT coalesce(max(created_at), 0) FROM audit_log WHERE action = 'approval.remove'`).pluck().get() as number) ?? 0;
}

/** The audit's latest id: every curation change writes a row, so it fingerprints them. */
export function lastAuditId(sqlite: Sqlite): number {
  return (sqlite.prepare(`SELECT coalesce(max(id), 0) FROM audit_log`).pluck().get() as number) ?? 0;
}
