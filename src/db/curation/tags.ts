/**
 * Tags (owner of `tags` and `item_tags`). A tag belongs to its topic; on an item it is published once the item is
 * approved in that topic and the topic is public. Who reads which tag is decided by src/access.
 */
import { accessParams, curationReadableSql, itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

/** SQL: the tag `g` on the item `it.item_id` is published (the item is approved in the tag's public topic). */
export const TAG_PUBLISHED = `EXISTS (SELECT 1 FROM approvals ap JOIN topics tp ON tp.id = ap.topic_id WHERE ap.item_id = it.item_id AND ap.topic_id = g.topic_id AND tp.public = 1)`;

export function findTagId(sqlite: Sqlite, topicId: number, name: string): number | null {
  return (sqlite.prepare(`SELECT id FROM tags WHERE topic_id = ? AND name = ?`).pluck().get(topicId, name) as number | undefined) ?? null;
}

export function insertTag(sqlite: Sqlite, t: { topicId: number; name: string; authorId: number | null }, now: number): number {
  return Number(sqlite.prepare(`INSERT INTO tags (topic_id, name, controlled, author_id, created_at) VALUES (?, ?, 0, ?, ?)`).run(t.topicId, t.name, t.authorId, now).lastInsertRowid);
}

/** Links a tag to an item; false when it was already there. */
export function linkItemTag(sqlite: Sqlite, itemId: number, tagId: number, authorId: number, now: number): boolean {
  return sqlite.prepare(`INSERT OR IGNORE INTO item_tags (item_id, tag_id, author_id, created_at) VALUES (?, ?, ?, ?)`).run(itemId, tagId, authorId, now).changes > 0;
}

/** The item's tags of this name, in whichever topics. */
export function itemTagsNamed(sqlite: Sqlite, itemId: number, name: string): { id: number; topicId: number }[] {
  return sqlite.prepare(`SELECT t.id, t.topic_id AS topicId FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? AND t.name = ?`).all(itemId, name) as { id: number; topicId: number }[];
}

export function unlinkItemTag(sqlite: Sqlite, itemId: number, tagId: number): void {
  sqlite.prepare(`DELETE FROM item_tags WHERE item_id = ? AND tag_id = ?`).run(itemId, tagId);
}

/** Every tag name on the item, whoever asks (the search document; write answers use readableItemTags). */
export function itemTagNames(sqlite: Sqlite, itemId: number): string[] {
  return sqlite.prepare(`SELECT DISTINCT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name`).pluck().all(itemId) as string[];
}

/** The item's tags the viewer may read. */
export function readableItemTags(sqlite: Sqlite, v: Viewer, itemId: number): string[] {
  return sqlite
    .prepare(`SELECT DISTINCT g.name FROM item_tags it JOIN tags g ON g.id = it.tag_id WHERE it.item_id = @item AND ${curationReadableSql(v, 'g.topic_id', TAG_PUBLISHED)} ORDER BY g.name`)
    .pluck()
    .all({ ...accessParams(v), item: itemId }) as string[];
}

export interface TopicTag {
  id: number;
  name: string;
  controlled: boolean;
  items: number;
}

/**
 * A topic's tags the viewer may read (the topic itself is checked by the caller): with how many readable items carry
 * each, counting for anonymous readers only the items where the tag is published; tags with none are left out for them.
 */
export function listReadableTopicTags(sqlite: Sqlite, v: Viewer, topicId: number): TopicTag[] {
  const counted = `SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id AND i.deleted_at IS NULL
    WHERE it.tag_id = g.id AND ${itemReadableSql(v, 'i.source_id')} AND ${curationReadableSql(v, 'g.topic_id', TAG_PUBLISHED)}`;
  const rows = sqlite
    .prepare(
      `SELECT * FROM (SELECT g.id, g.name, g.controlled, (${counted}) AS items FROM tags g WHERE g.topic_id = @topic)
       WHERE @signedIn = 1 OR items > 0 ORDER BY controlled DESC, name`,
    )
    .all({ ...accessParams(v), topic: topicId, signedIn: v.kind === 'anonymous' ? 0 : 1 }) as { id: number; name: string; controlled: number; items: number }[];
  return rows.map((r) => ({ ...r, controlled: r.controlled === 1 }));
}

export function getTag(sqlite: Sqlite, id: number): { id: number; topicId: number; name: string; controlled: boolean } | null {
  const r = sqlite.prepare(`SELECT id, topic_id AS topicId, name, controlled FROM tags WHERE id = ?`).get(id) as { id: number; topicId: number; name: string; controlled: number } | undefined;
  return r ? { ...r, controlled: r.controlled === 1 } : null;
}

export function setTagControlled(sqlite: Sqlite, id: number): void {
  sqlite.prepare(`UPDATE tags SET controlled = 1 WHERE id = ?`).run(id);
}

export function otherTagNamed(sqlite: Sqlite, topicId: number, name: string, exceptId: number): number | null {
  return (sqlite.prepare(`SELECT id FROM tags WHERE topic_id = ? AND name = ? AND id != ?`).pluck().get(topicId, name, exceptId) as number | undefined) ?? null;
}

export function itemsOfTag(sqlite: Sqlite, tagId: number): number[] {
  return sqlite.prepare(`SELECT item_id FROM item_tags WHERE tag_id = ?`).pluck().all(tagId) as number[];
}

export function renameTagRow(sqlite: Sqlite, id: number, name: string): void {
  sqlite.prepare(`UPDATE tags SET name = ? WHERE id = ?`).run(name, id);
}

/** Moves every use of tag `from` onto `into`, keeps `into` controlled if either was, and deletes `from`. */
export function mergeTagRows(sqlite: Sqlite, from: number, into: number, fromControlled: boolean): void {
  sqlite.prepare(`INSERT OR IGNORE INTO item_tags (item_id, tag_id, author_id, created_at) SELECT item_id, ?, author_id, created_at FROM item_tags WHERE tag_id = ?`).run(into, from);
  sqlite.prepare(`UPDATE tags SET controlled = max(controlled, ?) WHERE id = ?`).run(fromControlled ? 1 : 0, into);
  sqlite.prepare(`DELETE FROM tags WHERE id = ?`).run(from);
}

/** Whether a tag of this name exists in any topic (digest subscriptions by tag). */
export function tagNameExists(sqlite: Sqlite, name: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM tags WHERE name = ? LIMIT 1`).get(name) !== undefined;
}

/** A tag of a topic by its (normalised) name. */
export function getTopicTag(sqlite: Sqlite, topicId: number, name: string): { id: number; name: string } | null {
  return (sqlite.prepare(`SELECT id, name FROM tags WHERE topic_id = ? AND name = ?`).get(topicId, name) as { id: number; name: string } | undefined) ?? null;
}
