import type { Sqlite } from '../db/client.js';

export interface Actor {
  id: number;
  email: string;
  displayName: string;
}

/** The operator at the command line has no account: recorded by name only. */
export type AuditActor = Omit<Actor, 'id'> & { id: number | null };

export interface AuditInput {
  action: string;
  itemId?: number | null;
  topicId?: number | null;
  targetType?: string;
  targetId?: number | null;
  detail?: Record<string, unknown>;
}

/** Records who did what; the actor's e-mail and name are copied so the entry outlives the account. */
export function writeAudit(sqlite: Sqlite, actor: AuditActor | null, e: AuditInput, now: number): void {
  sqlite
    .prepare(
      `INSERT INTO audit_log (actor_id, actor_email, actor_name, action, item_id, topic_id, target_type, target_id, detail, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(actor?.id ?? null, actor?.email ?? null, actor?.displayName ?? null, e.action, e.itemId ?? null, e.topicId ?? null, e.targetType ?? null, e.targetId ?? null, JSON.stringify(e.detail ?? {}), now);
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
  /** Restrict to these topics (a curator's); entries with no topic are admin-only. */
  visibleTopicIds?: number[] | null;
  before?: number;
  limit: number;
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export function listAudit(sqlite: Sqlite, f: AuditFilter): AuditEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.action, a.created_at AS createdAt, a.actor_id AS actorId, a.actor_email AS actorEmail, a.actor_name AS actorName,
         u.deleted_at IS NOT NULL AS removed, a.item_id AS itemId, t.slug AS topic, a.target_type AS targetType, a.target_id AS targetId, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN topics t ON t.id = a.topic_id
       WHERE (@item IS NULL OR a.item_id = @item) AND (@user IS NULL OR a.actor_id = @user) AND (@topic IS NULL OR a.topic_id = @topic)
         AND (@visible IS NULL OR a.topic_id IN (SELECT value FROM json_each(@visible)))
         AND (@before IS NULL OR a.id < @before)
       ORDER BY a.id DESC LIMIT @limit`,
    )
    .all({
      item: f.itemId ?? null,
      user: f.userId ?? null,
      topic: f.topicId ?? null,
      visible: f.visibleTopicIds ? JSON.stringify(f.visibleTopicIds) : null,
      before: f.before ?? null,
      limit: f.limit,
    }) as { id: number; action: string; createdAt: number; actorId: number | null; actorEmail: string | null; actorName: string | null; removed: number | null; itemId: number | null; topic: string | null; targetType: string | null; targetId: number | null; detail: string }[];
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    at: new Date(r.createdAt).toISOString(),
    actor: { id: r.actorId, email: r.actorEmail, name: r.actorName, removed: r.removed === 1 },
    item: r.itemId,
    topic: r.topic,
    target: r.targetType ? { type: r.targetType, id: r.targetId } : null,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
