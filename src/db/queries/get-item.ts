import type { Sqlite } from '../client.js';

export interface ItemDetail {
  id: number;
  title: string | null;
  url: string | null;
  canonicalUrl: string | null;
  author: string | null;
  source: string;
  sourceName: string | null;
  topics: string[];
  publishedAt: number;
  firstSeenAt: number;
  contentHtml: string | null;
  contentText: string | null;
  summary: string | null;
  categories: string[];
  lang: string | null;
  clusterId: number | null;
}

export function getItem(sqlite: Sqlite, id: number, opts: { publicTopicsOnly?: boolean } = {}): ItemDetail | null {
  const r = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.canonical_url AS canonicalUrl, i.author, s.slug AS source, COALESCE(s.name, s.feed_title) AS sourceName,
         (SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id) AS topics,
         i.published_at AS publishedAt, i.first_seen_at AS firstSeenAt, i.content_html AS contentHtml, i.content_text AS contentText,
         i.summary, i.categories, i.lang, i.cluster_id AS clusterId
       FROM items i JOIN sources s ON s.id = i.source_id
       WHERE i.id = @id AND i.deleted_at IS NULL
         AND (@pub = 0 OR NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.public = 0))`,
    )
    .get({ id, pub: opts.publicTopicsOnly ? 1 : 0 }) as (Omit<ItemDetail, 'topics' | 'categories'> & { topics: string; categories: string }) | undefined;
  return r ? { ...r, topics: JSON.parse(r.topics), categories: JSON.parse(r.categories) } : null;
}
