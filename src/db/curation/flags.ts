/**
 * Weak-signal flags (owner of `flags` and `flag_items`). A flag belongs to the topic it was raised in; it is
 * published once a curator makes it public. Who reads which flag is decided by src/access.
 */
import { accessParams, curationReadableSql, itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

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
  /** The items it covers (for a viewer: the ones they may read). */
  items: number[];
}

/** SQL: the flag `f` is published. */
export const FLAG_PUBLISHED = `f.public = 1`;

export function insertFlag(sqlite: Sqlite, f: { topicId: number | null; strength: number; rationale: string; authorId: number; itemIds: readonly number[] }, now: number): number {
  const id = Number(
    sqlite
      .prepare(`INSERT INTO flags (topic_id, strength, rationale, status, public, author_id, created_at, updated_at) VALUES (?, ?, ?, 'watching', 0, ?, ?, ?)`)
      .run(f.topicId, f.strength, f.rationale, f.authorId, now, now).lastInsertRowid,
  );
  const link = sqlite.prepare(`INSERT OR IGNORE INTO flag_items (flag_id, item_id) VALUES (?, ?)`);
  for (const itemId of f.itemIds) link.run(id, itemId);
  return id;
}

export function setFlagStatus(sqlite: Sqlite, id: number, s: { status: FlagStatus; reason: string | null; byId: number }, now: number): void {
  sqlite.prepare(`UPDATE flags SET status = ?, status_reason = ?, status_by_id = ?, status_at = ?, updated_at = ? WHERE id = ?`).run(s.status, s.reason, s.byId, now, now, id);
}

export function setFlagPublic(sqlite: Sqlite, id: number, isPublic: boolean, now: number): void {
  sqlite.prepare(`UPDATE flags SET public = ?, updated_at = ? WHERE id = ?`).run(isPublic ? 1 : 0, now, id);
}

type FlagRow = Omit<Flag, 'statusBy' | 'author' | 'items' | 'public'> & { public: number; statusById: number | null; statusByName: string | null; authorId: number | null; authorName: string | null; items: string };

const COLUMNS = `f.id, f.topic_id AS topicId, t.slug AS topic, f.strength, f.rationale, f.status, f.status_reason AS statusReason,
    f.status_by_id AS statusById, sb.display_name AS statusByName, f.status_at AS statusAt, f.public,
    f.author_id AS authorId, au.display_name AS authorName, f.created_at AS createdAt`;
const FROM = `FROM flags f LEFT JOIN topics t ON t.id = f.topic_id LEFT JOIN users sb ON sb.id = f.status_by_id LEFT JOIN users au ON au.id = f.author_id`;

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

/** One flag with every item it covers, whoever asks (permission checks of writes, and write answers). */
export function getFlag(sqlite: Sqlite, id: number): Flag | null {
  const r = sqlite.prepare(`SELECT ${COLUMNS}, (SELECT json_group_array(fi.item_id) FROM flag_items fi WHERE fi.flag_id = f.id) AS items ${FROM} WHERE f.id = ?`).get(id) as FlagRow | undefined;
  return r ? toFlag(r) : null;
}

export interface FlagFilter {
  status?: FlagStatus;
  topicId?: number;
  itemId?: number;
  id?: number;
  limit: number;
  /** Id of the last flag of the previous page. */
  before?: number;
}

/**
 * Flags the viewer may read, newest first: readable as curation (src/access), and covering at least one item the
 * viewer may read; `items` lists only those.
 */
export function listReadableFlags(sqlite: Sqlite, v: Viewer, f: FlagFilter): Flag[] {
  const readableItems = `SELECT fi.item_id FROM flag_items fi JOIN items ri ON ri.id = fi.item_id AND ri.deleted_at IS NULL WHERE fi.flag_id = f.id AND ${itemReadableSql(v, 'ri.source_id')}`;
  const rows = sqlite
    .prepare(
      `SELECT ${COLUMNS}, (SELECT json_group_array(item_id) FROM (${readableItems})) AS items ${FROM}
       WHERE (@status IS NULL OR f.status = @status) AND (@topic IS NULL OR f.topic_id = @topic) AND (@id IS NULL OR f.id = @id)
         AND (@item IS NULL OR EXISTS (SELECT 1 FROM flag_items fi WHERE fi.flag_id = f.id AND fi.item_id = @item))
         AND ${curationReadableSql(v, 'f.topic_id', FLAG_PUBLISHED)} AND EXISTS (${readableItems})
         AND (@before IS NULL OR f.id < @before)
       ORDER BY f.id DESC LIMIT @limit`,
    )
    .all({ ...accessParams(v), status: f.status ?? null, topic: f.topicId ?? null, id: f.id ?? null, item: f.itemId ?? null, before: f.before ?? null, limit: f.limit }) as FlagRow[];
  return rows.map(toFlag);
}

/** Status, strength and visibility of every flag covering an item (the search document's signal fields). */
export function flagSignalsOf(sqlite: Sqlite, itemId: number): { status: FlagStatus; strength: number; public: number }[] {
  return sqlite.prepare(`SELECT f.status, f.strength, f.public FROM flag_items fi JOIN flags f ON f.id = fi.flag_id WHERE fi.item_id = ?`).all(itemId) as { status: FlagStatus; strength: number; public: number }[];
}
