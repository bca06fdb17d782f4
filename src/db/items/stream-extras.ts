import { accessParams, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';
import { clusterSizeSql } from './cluster.js';

/** Read state and cluster sizes (readable sources only) for a page of search hits. */
export function streamExtras(sqlite: Sqlite, viewer: Viewer, ids: number[]): Map<number, { read: boolean; clusterSize: number }> {
  if (!ids.length) return new Map();
  const rows = prepared(
    sqlite,
    `SELECT i.id, ${clusterSizeSql(viewer)} AS clusterSize,
       (@user IS NOT NULL AND EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id)) AS read
     FROM items i WHERE i.id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ...accessParams(viewer), ids: JSON.stringify(ids), user: viewer.userId }) as { id: number; clusterSize: number; read: number }[];
  return new Map(rows.map((r) => [r.id, { read: r.read === 1, clusterSize: r.clusterSize }]));
}

/** Primary language subtags of live items (two letters), sorted: the stream's language filter. */
export function itemLanguages(sqlite: Sqlite): string[] {
  const rows = prepared(sqlite, `SELECT DISTINCT lower(substr(lang, 1, 2)) FROM items WHERE lang IS NOT NULL AND deleted_at IS NULL`).pluck().all() as string[];
  return rows.filter((l) => /^[a-z]{2}$/.test(l)).sort();
}
