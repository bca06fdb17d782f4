import { accessParams, itemReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

export interface ClusterSibling {
  id: number;
  title: string | null;
  url: string | null;
  sourceName: string;
  publishedAt: number;
}

/**
 * "Also reported by N sources" for the item row `i`: distinct sources of the live items of its cluster the viewer may
 * read (the item itself included). Uses `@viewerTopics` (accessParams).
 */
export function clusterSizeSql(viewer: Viewer): string {
  return `CASE WHEN i.cluster_id IS NULL THEN 1 ELSE max(1, (SELECT count(DISTINCT c.source_id) FROM items c
    WHERE c.cluster_id = i.cluster_id AND c.deleted_at IS NULL AND ${itemReadableSql(viewer, 'c.source_id')})) END`;
}

/** The same story reported by other sources (the item's cluster) that the viewer may read, oldest first. */
export function clusterSiblings(sqlite: Sqlite, viewer: Viewer, itemId: number, clusterId: number | null, limit = 20): ClusterSibling[] {
  if (clusterId === null) return [];
  return prepared(
    sqlite,
    `SELECT i.id, i.title, i.url, COALESCE(s.name, s.feed_title, s.slug) AS sourceName, i.published_at AS publishedAt
     FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.cluster_id = @cluster AND i.id != @id AND i.deleted_at IS NULL AND ${itemReadableSql(viewer, 'i.source_id')}
     ORDER BY i.published_at, i.id LIMIT @limit`,
  ).all({ ...accessParams(viewer), cluster: clusterId, id: itemId, limit }) as ClusterSibling[];
}
