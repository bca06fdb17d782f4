/** Items as digests show them (owner: items): the most reported stories of a period, and the items of an issue. */
import { itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';
import { scopeParams, scopeSql, type DigestScope, type Period } from '../curation/digest-candidates.js';
import { preparedOnce } from '../statements.js';

/** Stories (clusters) published in the period with at least `min` readable items, most reported first. */
export function storiesInPeriod(sqlite: Sqlite, v: Viewer, scope: DigestScope, p: Period, min: number, limit: number): { itemId: number; count: number }[] {
  const sql = `SELECT min(i.id) AS itemId, count(*) AS count FROM items i
    WHERE i.published_at >= @start AND i.published_at < @end AND i.deleted_at IS NULL AND ${scopeSql(v, scope.kind)} AND ${itemReadableSql(v, 'i.source_id')}
    GROUP BY coalesce(i.cluster_id, i.id) HAVING count(*) >= ${Math.trunc(min)} ORDER BY count(*) DESC, min(i.id) LIMIT ${Math.trunc(limit)}`;
  return preparedOnce(sqlite, sql).all(scopeParams(v, scope, p)) as { itemId: number; count: number }[];
}

export interface DigestItemRow {
  id: number;
  title: string | null;
  url: string | null;
  publishedAt: number;
  summary: string | null;
  contentText: string | null;
  source: string;
}

/** The (not deleted) items of a built issue, by id. */
export function digestItemRows(sqlite: Sqlite, ids: readonly number[]): DigestItemRow[] {
  return sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.published_at AS publishedAt, i.summary, substr(i.content_text, 1, 600) AS contentText, coalesce(s.name, s.feed_title, s.slug) AS source
       FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id IN (SELECT value FROM json_each(?)) AND i.deleted_at IS NULL`,
    )
    .all(JSON.stringify(ids)) as DigestItemRow[];
}
