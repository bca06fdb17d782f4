import type { Sqlite } from '../client.js';

export interface OpmlRow {
  title: string;
  url: string;
  htmlUrl: string | null;
  topic: string | null;
  topicName: string | null;
}

/** Live sources with a URL, one row per (source, topic), for an OPML export; `publicOnly` keeps public topics' rows. */
export function listOpmlRows(sqlite: Sqlite, opts: { topic?: string; publicOnly?: boolean }): OpmlRow[] {
  return sqlite
    .prepare(
      `SELECT s.slug, COALESCE(s.name, s.feed_title, s.slug) AS title, s.url, s.feed_link AS htmlUrl, t.slug AS topic, t.name AS topicName
       FROM sources s LEFT JOIN source_topics st ON st.source_id = s.id LEFT JOIN topics t ON t.id = st.topic_id
       WHERE s.deleted_at IS NULL AND s.url IS NOT NULL AND (@topic IS NULL OR t.slug = @topic) AND (@pub = 0 OR t.public = 1)
       ORDER BY t.name, title`,
    )
    .all({ topic: opts.topic ?? null, pub: opts.publicOnly ? 1 : 0 }) as OpmlRow[];
}
