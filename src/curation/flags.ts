import type { Sqlite } from '../db/client.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';
import { emitFlag } from '../db/outbound/emit.js';

export type FlagStatus = 'watching' | 'confirmed' | 'dismissed';

export interface Flag {
  id: number;
  topicId: number | null;
  topic: string | null;
  strength: number;
  rationale: string;
  status: FlagStatus;
  statusReason: string | null;
  statusBy: { id: number | null; name: string | null } | null;
  statusAt: number | null;
  public: boolean;
  author: { id: number | null; name: string | null };
  createdAt: number;
  items: number[];
}

/** Creates one flag covering one or several items (what the radar's "accept" creates). */
export function createFlag(sqlite: Sqlite, actor: Actor, f: { itemIds: number[]; topicId: number | null; strength: number; rationale: string }, now: number): number {
  return sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(`INSERT INTO flags (topic_id, strength, rationale, status, public, author_id, created_at, updated_at) VALUES (?, ?, ?, 'watching', 0, ?, ?, ?)`)
        .run(f.topicId, f.strength, f.rationale, actor.id, now, now).lastInsertRowid,
    );
    const link = sqlite.prepare(`INSERT OR IGNORE INTO flag_items (flag_id, item_id) VALUES (?, ?)`);
    for (const itemId of f.itemIds) {
      link.run(id, itemId);
      writeAudit(sqlite, actor, { action: 'flag.create', itemId, topicId: f.topicId, targetType: 'flag', targetId: id, detail: { strength: f.strength, rationale: f.rationale, items: f.itemIds } }, now);
    }
    touchItems(sqlite, f.itemIds, now);
    emitFlag(sqlite, { event: 'flag.created', flagId: id, topicId: f.topicId, itemIds: f.itemIds, rationale: f.rationale, strength: f.strength, now });
    return id;
  })();
}

/** Changes a flag's status (with the reason) and/or its visibility; every item it covers is reindexed. */
export function updateFlag(sqlite: Sqlite, actor: Actor, id: number, u: { status?: FlagStatus; reason?: string; public?: boolean }, now: number): void {
  sqlite.transaction(() => {
    const before = getFlag(sqlite, id)!;
    if (u.status !== undefined) {
      sqlite.prepare(`UPDATE flags SET status = ?, status_reason = ?, status_by_id = ?, status_at = ?, updated_at = ? WHERE id = ?`).run(u.status, u.reason ?? null, actor.id, now, now, id);
    }
    if (u.public !== undefined) sqlite.prepare(`UPDATE flags SET public = ?, updated_at = ? WHERE id = ?`).run(u.public ? 1 : 0, now, id);
    const detail: Record<string, unknown> = {};
    if (u.status !== undefined) Object.assign(detail, { from: before.status, to: u.status, reason: u.reason ?? null });
    if (u.public !== undefined) detail.public = u.public;
    const action = u.status !== undefined ? 'flag.status' : 'flag.visibility';
    for (const itemId of before.items) writeAudit(sqlite, actor, { action, itemId, topicId: before.topicId, targetType: 'flag', targetId: id, detail }, now);
    touchItems(sqlite, before.items, now);
    if (u.status === 'confirmed' && before.status !== 'confirmed') {
      emitFlag(sqlite, { event: 'flag.confirmed', flagId: id, topicId: before.topicId, itemIds: before.items, rationale: before.rationale, strength: before.strength, now });
    }
  })();
}

type FlagRow = Omit<Flag, 'statusBy' | 'author' | 'items' | 'public'> & { public: number; statusById: number | null; statusByName: string | null; authorId: number | null; authorName: string | null; items: string };

const SELECT = `SELECT f.id, f.topic_id AS topicId, t.slug AS topic, f.strength, f.rationale, f.status, f.status_reason AS statusReason,
    f.status_by_id AS statusById, sb.display_name AS statusByName, f.status_at AS statusAt, f.public,
    f.author_id AS authorId, au.display_name AS authorName, f.created_at AS createdAt,
    (SELECT json_group_array(fi.item_id) FROM flag_items fi WHERE fi.flag_id = f.id) AS items
  FROM flags f LEFT JOIN topics t ON t.id = f.topic_id LEFT JOIN users sb ON sb.id = f.status_by_id LEFT JOIN users au ON au.id = f.author_id`;

function toFlag(r: FlagRow): Flag {
  return {
    id: r.id,
    topicId: r.topicId,
    topic: r.topic,
    strength: r.strength,
    rationale: r.rationale,
    status: r.status,
    statusReason: r.statusReason,
    statusBy: r.statusAt === null ? null : { id: r.statusById, name: r.statusByName },
    statusAt: r.statusAt,
    public: r.public === 1,
    author: { id: r.authorId, name: r.authorName },
    createdAt: r.createdAt,
    items: (JSON.parse(r.items) as number[]).sort((a, b) => a - b),
  };
}

export function getFlag(sqlite: Sqlite, id: number): Flag | null {
  const r = sqlite.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FlagRow | undefined;
  return r ? toFlag(r) : null;
}

export interface FlagFilter {
  status?: FlagStatus;
  topicId?: number;
  itemId?: number;
  /** Topics whose internal flags the reader may see; null = all (admin). */
  internalTopicIds: number[] | null;
  /** Whether flags with no topic are internal-visible to the reader (network-wide members). */
  internalNoTopic: boolean;
  limit: number;
  before?: number;
}

/** The weak-signal board: newest first; public flags plus the internal ones of the reader's topics. */
export function listFlags(sqlite: Sqlite, f: FlagFilter): Flag[] {
  const rows = sqlite
    .prepare(
      `${SELECT} WHERE (@status IS NULL OR f.status = @status) AND (@topic IS NULL OR f.topic_id = @topic)
         AND (@item IS NULL OR EXISTS (SELECT 1 FROM flag_items fi WHERE fi.flag_id = f.id AND fi.item_id = @item))
         AND (f.public = 1 OR @internal IS NULL OR f.topic_id IN (SELECT value FROM json_each(@internal)) OR (f.topic_id IS NULL AND @noTopic = 1))
         AND (@before IS NULL OR f.id < @before)
       ORDER BY f.id DESC LIMIT @limit`,
    )
    .all({
      status: f.status ?? null,
      topic: f.topicId ?? null,
      item: f.itemId ?? null,
      internal: f.internalTopicIds === null ? null : JSON.stringify(f.internalTopicIds),
      noTopic: f.internalNoTopic ? 1 : 0,
      before: f.before ?? null,
      limit: f.limit,
    }) as FlagRow[];
  return rows.map(toFlag);
}

const statusRank: Record<FlagStatus, number> = { dismissed: 0, watching: 1, confirmed: 2 };

/** An item's signal for search: its strongest live (not dismissed) flag — highest strength, confirmed before watching. */
export function strongestSignal(flags: readonly Pick<Flag, 'status' | 'strength'>[]): { status: Exclude<FlagStatus, 'dismissed'>; strength: number } | null {
  let best: { status: Exclude<FlagStatus, 'dismissed'>; strength: number } | null = null;
  for (const f of flags) {
    if (f.status === 'dismissed') continue;
    if (!best || f.strength > best.strength || (f.strength === best.strength && statusRank[f.status] > statusRank[best.status])) {
      best = { status: f.status, strength: f.strength };
    }
  }
  return best;
}

export function flagJson(f: Flag) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: f.id,
    topic: f.topic,
    strength: f.strength,
    rationale: f.rationale,
    status: f.status,
    statusReason: f.statusReason,
    statusBy: f.statusBy ? f.statusBy.name : null,
    statusAt: iso(f.statusAt),
    public: f.public,
    author: f.author.name,
    createdAt: iso(f.createdAt)!,
    items: f.items,
  };
}
