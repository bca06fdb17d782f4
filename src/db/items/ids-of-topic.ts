import type { Sqlite } from '../client.js';

/** The ids of the live items of a topic's sources. */
export function liveItemIdsOfTopic(sqlite: Sqlite, topicId: number): number[] {
  return sqlite
    .prepare(`SELECT i.id FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE st.topic_id = ? AND i.deleted_at IS NULL`)
    .pluck()
    .all(topicId) as number[];
}
