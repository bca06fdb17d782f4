import type { Sqlite } from '../client.js';

/** Sources and live items per topic (topics page). */
export function topicCounts(sqlite: Sqlite): Map<string, { sources: number; items: number }> {
  const rows = sqlite
    .prepare(
      `SELECT t.slug,
         (SELECT count(*) FROM source_topics st JOIN sources s ON s.id = st.source_id WHERE st.topic_id = t.id AND s.deleted_at IS NULL) AS sources,
         (SELECT coalesce(sum(s.item_count), 0) FROM source_topics st JOIN sources s ON s.id = st.source_id WHERE st.topic_id = t.id AND s.deleted_at IS NULL) AS items
       FROM topics t`,
    )
    .all() as { slug: string; sources: number; items: number }[];
  return new Map(rows.map((r) => [r.slug, { sources: r.sources, items: r.items }]));
}
