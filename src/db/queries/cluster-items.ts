import type { Sqlite } from '../client.js';

export interface ClusterSibling {
  id: number;
  title: string | null;
  url: string | null;
  sourceName: string;
  publishedAt: number;
}

/** The same story reported by other sources (the item's cluster), oldest first; `publicOnly` for anonymous readers. */
export function clusterSiblings(sqlite: Sqlite, itemId: number, clusterId: number | null, publicOnly: boolean, limit = 20): ClusterSibling[] {
  if (clusterId === null) return [];
  return sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, COALESCE(s.name, s.feed_title, s.slug) AS sourceName, i.published_at AS publishedAt
       FROM items i JOIN sources s ON s.id = i.source_id
       WHERE i.cluster_id = @cluster AND i.id != @id AND i.deleted_at IS NULL
         AND (@pub = 0 OR NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.public = 0))
       ORDER BY i.published_at, i.id LIMIT @limit`,
    )
    .all({ cluster: clusterId, id: itemId, pub: publicOnly ? 1 : 0, limit }) as ClusterSibling[];
}
