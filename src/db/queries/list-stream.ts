import type { Sqlite } from '../client.js';

/** Read state and cluster sizes for a page of search hits. */
export function streamExtras(sqlite: Sqlite, ids: number[], userId: number | null): Map<number, { read: boolean; clusterSize: number }> {
  if (!ids.length) return new Map();
  const rows = sqlite
    .prepare(
      `SELECT i.id,
         CASE WHEN i.cluster_id IS NULL THEN 1 ELSE (SELECT count(DISTINCT c.source_id) FROM items c WHERE c.cluster_id = i.cluster_id AND c.deleted_at IS NULL) END AS clusterSize,
         (@user IS NOT NULL AND EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id)) AS read
       FROM items i WHERE i.id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(ids), user: userId }) as { id: number; clusterSize: number; read: number }[];
  return new Map(rows.map((r) => [r.id, { read: r.read === 1, clusterSize: r.clusterSize }]));
}
