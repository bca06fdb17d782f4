import type { Sqlite } from '../db/client.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';

export const TAG_MAX = 64;

/** Tags are plain text: trimmed, lower-cased, inner whitespace collapsed. Markup is kept as text and escaped on output. */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function tagId(sqlite: Sqlite, topicId: number, name: string, authorId: number, now: number): number {
  const found = sqlite.prepare(`SELECT id FROM tags WHERE topic_id = ? AND name = ?`).pluck().get(topicId, name) as number | undefined;
  if (found) return found;
  return Number(sqlite.prepare(`INSERT INTO tags (topic_id, name, controlled, author_id, created_at) VALUES (?, ?, 0, ?, ?)`).run(topicId, name, authorId, now).lastInsertRowid);
}

/** Adds tags to an item (the topic's vocabulary entry when one exists, else a free tag); returns the names added. */
export function addItemTags(sqlite: Sqlite, actor: Actor, itemId: number, topicId: number, names: string[], now: number): string[] {
  return sqlite.transaction(() => {
    const added: string[] = [];
    const link = sqlite.prepare(`INSERT OR IGNORE INTO item_tags (item_id, tag_id, author_id, created_at) VALUES (?, ?, ?, ?)`);
    for (const name of new Set(names.map(normaliseTag))) {
      if (link.run(itemId, tagId(sqlite, topicId, name, actor.id, now), actor.id, now).changes) added.push(name);
    }
    if (added.length) {
      writeAudit(sqlite, actor, { action: 'tag.add', itemId, topicId, detail: { tags: added } }, now);
      touchItems(sqlite, [itemId], now);
    }
    return added;
  })();
}

/** Removes a tag (by name, in any of the item's topics); false when the item did not carry it. */
export function removeItemTag(sqlite: Sqlite, actor: Actor, itemId: number, raw: string, now: number): boolean {
  const name = normaliseTag(raw);
  return sqlite.transaction(() => {
    const rows = sqlite
      .prepare(`SELECT t.id, t.topic_id AS topicId FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? AND t.name = ?`)
      .all(itemId, name) as { id: number; topicId: number }[];
    if (!rows.length) return false;
    for (const r of rows) sqlite.prepare(`DELETE FROM item_tags WHERE item_id = ? AND tag_id = ?`).run(itemId, r.id);
    writeAudit(sqlite, actor, { action: 'tag.remove', itemId, topicId: rows[0]!.topicId, detail: { tags: [name] } }, now);
    touchItems(sqlite, [itemId], now);
    return true;
  })();
}

export function itemTagNames(sqlite: Sqlite, itemId: number): string[] {
  return sqlite.prepare(`SELECT DISTINCT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name`).pluck().all(itemId) as string[];
}

export interface TopicTag {
  id: number;
  name: string;
  controlled: boolean;
  items: number;
}

export function listTopicTags(sqlite: Sqlite, topicId: number): TopicTag[] {
  const rows = sqlite
    .prepare(
      `SELECT t.id, t.name, t.controlled, (SELECT count(*) FROM item_tags it WHERE it.tag_id = t.id) AS items
       FROM tags t WHERE t.topic_id = ? ORDER BY t.controlled DESC, t.name`,
    )
    .all(topicId) as { id: number; name: string; controlled: number; items: number }[];
  return rows.map((r) => ({ ...r, controlled: r.controlled === 1 }));
}

export function getTag(sqlite: Sqlite, id: number): { id: number; topicId: number; name: string; controlled: boolean } | null {
  const r = sqlite.prepare(`SELECT id, topic_id AS topicId, name, controlled FROM tags WHERE id = ?`).get(id) as { id: number; topicId: number; name: string; controlled: number } | undefined;
  return r ? { ...r, controlled: r.controlled === 1 } : null;
}

/** Adds a term to the topic's controlled vocabulary (promoting a free tag of the same name). */
export function addVocabularyTag(sqlite: Sqlite, actor: Actor, topicId: number, raw: string, now: number): number {
  const name = normaliseTag(raw);
  return sqlite.transaction(() => {
    const id = tagId(sqlite, topicId, name, actor.id, now);
    sqlite.prepare(`UPDATE tags SET controlled = 1 WHERE id = ?`).run(id);
    writeAudit(sqlite, actor, { action: 'tag.vocabulary', topicId, targetType: 'tag', targetId: id, detail: { tag: name } }, now);
    return id;
  })();
}

function itemsOf(sqlite: Sqlite, tagId: number): number[] {
  return sqlite.prepare(`SELECT item_id FROM item_tags WHERE tag_id = ?`).pluck().all(tagId) as number[];
}

/**
 * Renames a tag; when the topic already has a tag of the new name, the two are merged. Every item carrying it is
 * reindexed in the same transaction.
 */
export function renameTag(sqlite: Sqlite, actor: Actor, id: number, raw: string, now: number): { id: number; merged: boolean } {
  const name = normaliseTag(raw);
  return sqlite.transaction(() => {
    const tag = getTag(sqlite, id)!;
    const other = sqlite.prepare(`SELECT id FROM tags WHERE topic_id = ? AND name = ? AND id != ?`).pluck().get(tag.topicId, name, id) as number | undefined;
    if (other !== undefined) return { id: mergeTagsTx(sqlite, actor, id, other, now), merged: true };
    const items = itemsOf(sqlite, id);
    sqlite.prepare(`UPDATE tags SET name = ? WHERE id = ?`).run(name, id);
    writeAudit(sqlite, actor, { action: 'tag.rename', topicId: tag.topicId, targetType: 'tag', targetId: id, detail: { from: tag.name, to: name, items: items.length } }, now);
    touchItems(sqlite, items, now);
    return { id, merged: false };
  })();
}

/** Moves every use of tag `from` onto tag `into` (same topic) and deletes `from`. */
export function mergeTags(sqlite: Sqlite, actor: Actor, from: number, into: number, now: number): number {
  return sqlite.transaction(() => mergeTagsTx(sqlite, actor, from, into, now))();
}

function mergeTagsTx(sqlite: Sqlite, actor: Actor, from: number, into: number, now: number): number {
  const a = getTag(sqlite, from)!;
  const b = getTag(sqlite, into)!;
  const items = itemsOf(sqlite, from);
  sqlite.prepare(`INSERT OR IGNORE INTO item_tags (item_id, tag_id, author_id, created_at) SELECT item_id, ?, author_id, created_at FROM item_tags WHERE tag_id = ?`).run(into, from);
  sqlite.prepare(`UPDATE tags SET controlled = max(controlled, ?) WHERE id = ?`).run(a.controlled ? 1 : 0, into);
  sqlite.prepare(`DELETE FROM tags WHERE id = ?`).run(from);
  writeAudit(sqlite, actor, { action: 'tag.merge', topicId: b.topicId, targetType: 'tag', targetId: into, detail: { from: a.name, into: b.name, items: items.length } }, now);
  for (const itemId of items) writeAudit(sqlite, actor, { action: 'tag.merge', itemId, topicId: b.topicId, detail: { from: a.name, into: b.name } }, now);
  touchItems(sqlite, items, now);
  return into;
}
