import type { Sqlite } from '../client.js';

/** Live items of the sources of a topic. */
export function liveItemIdsOfTopic(sqlite: Sqlite, topicId: number): number[] {
  return sqlite.prepare(`SELECT i.id FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE st.topic_id = ? AND i.deleted_at IS NULL`).pluck().all(topicId) as number[];
}

/** An item counts as curated when it carries a tag, flag, annotation, approval or someone's mark. */
const CURATED = `(EXISTS (SELECT 1 FROM item_tags x WHERE x.item_id = i.id) OR EXISTS (SELECT 1 FROM flag_items x WHERE x.item_id = i.id)
  OR EXISTS (SELECT 1 FROM annotations x WHERE x.item_id = i.id AND x.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM approvals x WHERE x.item_id = i.id)
  OR EXISTS (SELECT 1 FROM item_marks x WHERE x.item_id = i.id))`;

/** A source's live items split into those nobody curated and how many someone did. */
export function sourceItemsByCuration(sqlite: Sqlite, sourceId: number): { uncurated: number[]; curated: number } {
  const uncurated = sqlite.prepare(`SELECT id FROM items i WHERE i.source_id = ? AND i.deleted_at IS NULL AND NOT ${CURATED}`).pluck().all(sourceId) as number[];
  const curated = sqlite.prepare(`SELECT count(*) FROM items i WHERE i.source_id = ? AND i.deleted_at IS NULL AND ${CURATED}`).pluck().get(sourceId) as number;
  return { uncurated, curated };
}

export function markItemsDeleted(sqlite: Sqlite, ids: readonly number[], now: number): void {
  const mark = sqlite.prepare(`UPDATE items SET deleted_at = ? WHERE id = ?`);
  for (const id of ids) mark.run(now, id);
}

export function liveItemIdsOfSource(sqlite: Sqlite, sourceId: number): number[] {
  return sqlite.prepare(`SELECT id FROM items WHERE source_id = ? AND deleted_at IS NULL`).pluck().all(sourceId) as number[];
}
