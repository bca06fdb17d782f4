import { accessParams, sourceReadableSql, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';

export interface ReaderSource {
  id: number;
  slug: string;
  title: string;
  url: string | null;
  siteUrl: string | null;
  kind: string;
  /** Readable topics the source is in. */
  topicIds: number[];
  createdAt: number;
  lastSuccessAt: number | null;
}

/** The sources a viewer reads (one of their topics is readable), with those readable topics. */
export function listReaderSources(sqlite: Sqlite, v: Viewer): ReaderSource[] {
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.slug, COALESCE(s.name, s.feed_title, s.slug) AS title, s.url, s.feed_link AS siteUrl, s.kind, s.created_at AS createdAt,
         s.last_success_at AS lastSuccessAt,
         (SELECT json_group_array(st.topic_id) FROM source_topics st WHERE st.source_id = s.id AND ${topicReadableSql(v, 'st.topic_id')}) AS topicIds
       FROM sources s WHERE s.deleted_at IS NULL AND ${sourceReadableSql(v, 's.id')} ORDER BY title COLLATE NOCASE, s.id`,
    )
    .all(accessParams(v)) as (Omit<ReaderSource, 'topicIds'> & { topicIds: string })[];
  return rows.map((r) => ({ ...r, topicIds: JSON.parse(r.topicIds) as number[] }));
}

export function renameSource(sqlite: Sqlite, id: number, name: string, now: number): void {
  sqlite.prepare(`UPDATE sources SET name = ?, updated_at = ? WHERE id = ?`).run(name, now, id);
}
