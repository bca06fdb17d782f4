import type { Sqlite } from '../db/client.js';
import { findTagId, getTag, insertTag, itemsOfTag, itemTagsNamed, linkItemTag, mergeTagRows, otherTagNamed, renameTagRow, setTagControlled, unlinkItemTag } from '../db/curation/tags.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';

export const TAG_MAX = 64;

/** Tags are plain text: trimmed, lower-cased, inner whitespace collapsed. Markup is kept as text and escaped on output. */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function tagId(sqlite: Sqlite, topicId: number, name: string, authorId: number, now: number): number {
  return findTagId(sqlite, topicId, name) ?? insertTag(sqlite, { topicId, name, authorId }, now);
}

/** Adds tags to an item (the topic's vocabulary entry when one exists, else a free tag); returns the names added. */
export function addItemTags(sqlite: Sqlite, actor: Actor, itemId: number, topicId: number, names: string[], now: number): string[] {
  return sqlite.transaction(() => {
    const added: string[] = [];
    for (const name of new Set(names.map(normaliseTag))) {
      if (linkItemTag(sqlite, itemId, tagId(sqlite, topicId, name, actor.id, now), actor.id, now)) added.push(name);
    }
    if (added.length) {
      writeAudit(sqlite, actor, { action: 'tag.add', itemId, topicId, detail: { tags: added } }, now);
      touchItems(sqlite, [itemId], now);
    }
    return added;
  })();
}

/** Removes a tag (by name) from an item, in the given topics only; false when the item did not carry it there. */
export function removeItemTag(sqlite: Sqlite, actor: Actor, itemId: number, raw: string, topicIds: readonly number[] | 'all', now: number): boolean {
  const name = normaliseTag(raw);
  return sqlite.transaction(() => {
    const rows = itemTagsNamed(sqlite, itemId, name).filter((r) => topicIds === 'all' || topicIds.includes(r.topicId));
    if (!rows.length) return false;
    for (const r of rows) unlinkItemTag(sqlite, itemId, r.id);
    writeAudit(sqlite, actor, { action: 'tag.remove', itemId, topicId: rows[0]!.topicId, detail: { tags: [name] } }, now);
    touchItems(sqlite, [itemId], now);
    return true;
  })();
}

/** Adds a term to the topic's controlled vocabulary (promoting a free tag of the same name). */
export function addVocabularyTag(sqlite: Sqlite, actor: Actor, topicId: number, raw: string, now: number): number {
  const name = normaliseTag(raw);
  return sqlite.transaction(() => {
    const id = tagId(sqlite, topicId, name, actor.id, now);
    setTagControlled(sqlite, id);
    writeAudit(sqlite, actor, { action: 'tag.vocabulary', topicId, targetType: 'tag', targetId: id, detail: { tag: name } }, now);
    return id;
  })();
}

/**
 * Renames a tag; when the topic already has a tag of the new name, the two are merged. Every item carrying it is
 * reindexed in the same transaction.
 */
export function renameTag(sqlite: Sqlite, actor: Actor, id: number, raw: string, now: number): { id: number; merged: boolean } {
  const name = normaliseTag(raw);
  return sqlite.transaction(() => {
    const tag = getTag(sqlite, id)!;
    const other = otherTagNamed(sqlite, tag.topicId, name, id);
    if (other !== null) return { id: mergeTagsTx(sqlite, actor, id, other, now), merged: true };
    const items = itemsOfTag(sqlite, id);
    renameTagRow(sqlite, id, name);
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
  const items = itemsOfTag(sqlite, from);
  mergeTagRows(sqlite, from, into, a.controlled);
  writeAudit(sqlite, actor, { action: 'tag.merge', topicId: b.topicId, targetType: 'tag', targetId: into, detail: { from: a.name, into: b.name, items: items.length } }, now);
  for (const itemId of items) writeAudit(sqlite, actor, { action: 'tag.merge', itemId, topicId: b.topicId, detail: { from: a.name, into: b.name } }, now);
  touchItems(sqlite, items, now);
  return into;
}
