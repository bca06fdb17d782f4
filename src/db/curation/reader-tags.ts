import { accessParams, curationReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';

/** Tag names the viewer may see (in topics they read), for reader apps' label lists. */
export function listVisibleTagNames(sqlite: Sqlite, v: Viewer): string[] {
  return sqlite
    .prepare(`SELECT DISTINCT t.name FROM tags t WHERE EXISTS (SELECT 1 FROM item_tags it WHERE it.tag_id = t.id) AND ${curationReadableSql(v, 't.topic_id', '0')} ORDER BY t.name`)
    .pluck()
    .all(accessParams(v)) as string[];
}
