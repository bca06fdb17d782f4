/** Public topics as republication lists them (owner: topics). Which topics a viewer reads is decided by src/access. */
import { accessParams, topicReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

export interface TopicInfo {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  updatedAt: number;
}

export interface PublicTopic extends TopicInfo {
  published: number;
  lastApprovedAt: number | null;
}

const COLUMNS = `t.id, t.slug, t.name, t.description, t.updated_at AS updatedAt`;

// Approvals of the topic whose item is still in it (the topic's approvals index drives the loop).
const TOPIC_STATS = `SELECT count(*) AS published, max(a.created_at) AS lastApprovedAt
  FROM approvals a JOIN items i ON i.id = a.item_id
  WHERE a.topic_id = t.id AND i.deleted_at IS NULL AND EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = i.source_id AND st.topic_id = t.id)`;

/** Public topics the viewer reads, with how many items each publishes (the network home). */
export function listPublicTopics(sqlite: Sqlite, v: Viewer): PublicTopic[] {
  return sqlite
    .prepare(
      `SELECT ${COLUMNS}, (SELECT published FROM (${TOPIC_STATS})) AS published, (SELECT lastApprovedAt FROM (${TOPIC_STATS})) AS lastApprovedAt
       FROM topics t WHERE t.public = 1 AND ${topicReadableSql(v, 't.id')} ORDER BY t.name COLLATE NOCASE, t.slug`,
    )
    .all(accessParams(v)) as PublicTopic[];
}

/** A public topic the viewer reads, by slug (cheap: read on every public request). */
export function getPublicTopic(sqlite: Sqlite, v: Viewer, slug: string): TopicInfo | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM topics t WHERE t.slug = @slug AND t.public = 1 AND ${topicReadableSql(v, 't.id')}`).get({ ...accessParams(v), slug }) as TopicInfo | undefined) ?? null;
}

/** The public topics of an item's source, with the item's tags in each (which feeds its (un)publication changes). */
export function publicTopicsOfItem(sqlite: Sqlite, itemId: number): { slug: string; tags: string[] }[] {
  const rows = sqlite
    .prepare(
      `SELECT t.slug, (SELECT json_group_array(g.name) FROM item_tags it JOIN tags g ON g.id = it.tag_id WHERE it.item_id = i.id AND g.topic_id = t.id) AS tags
       FROM items i JOIN source_topics st ON st.source_id = i.source_id JOIN topics t ON t.id = st.topic_id AND t.public = 1
       WHERE i.id = ?`,
    )
    .all(itemId) as { slug: string; tags: string }[];
  return rows.map((r) => ({ slug: r.slug, tags: JSON.parse(r.tags) as string[] }));
}
