import type { Sqlite } from '../client.js';

export interface ItemFilter {
  topic?: string;
  source?: string;
  /** Only items published at or after this time (ms). */
  since?: number;
  limit: number;
  /** Opaque position returned as nextCursor by the previous page. */
  cursor?: { publishedAt: number; id: number };
  /** Restrict to topics readable by anonymous visitors. */
  publicTopicsOnly?: boolean;
  /** Signed-in non-admins: items of members-only topics show only in the topics they belong to (ids). */
  memberTopicIds?: number[] | null;
  /** The signed-in reader: read state comes back per item; `unreadOnly` keeps what they have not opened. */
  userId?: number | null;
  unreadOnly?: boolean;
}

export interface ItemRow {
  id: number;
  source: string;
  sourceName: string | null;
  topics: string[];
  title: string | null;
  url: string | null;
  canonicalUrl: string | null;
  author: string | null;
  publishedAt: number;
  firstSeenAt: number;
  summary: string | null;
  lang: string | null;
  categories: string[];
  enclosures: { url: string; type: string | null; length: number | null }[];
  clusterId: number;
  clusterSize: number;
  /** Whether `userId` opened it (false without a reader). */
  read: boolean;
}

/** Newest first, keyset-paginated on (published_at, id): the API's item list and the web stream alike. */
export function listItems(sqlite: Sqlite, f: ItemFilter): { items: ItemRow[]; next: { publishedAt: number; id: number } | null } {
  const rows = sqlite
    .prepare(
      `SELECT i.id, s.slug AS source, COALESCE(s.name, s.feed_title) AS sourceName,
         (SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id) AS topics,
         i.title, i.url, i.canonical_url AS canonicalUrl, i.author, i.published_at AS publishedAt, i.first_seen_at AS firstSeenAt,
         i.summary, i.lang, i.categories, i.enclosures, i.cluster_id AS clusterId,
         CASE WHEN i.cluster_id IS NULL THEN 1 ELSE (SELECT count(DISTINCT c.source_id) FROM items c WHERE c.cluster_id = i.cluster_id AND c.deleted_at IS NULL) END AS clusterSize,
         (@user IS NOT NULL AND EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id)) AS read
       FROM items i JOIN sources s ON s.id = i.source_id
       WHERE i.deleted_at IS NULL
         AND (@source IS NULL OR s.slug = @source)
         AND (@topic IS NULL OR EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.slug = @topic))
         AND (@pub = 0 OR NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.public = 0))
         AND (@members IS NULL OR NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.public = 0)
              OR EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = s.id AND st.topic_id IN (SELECT value FROM json_each(@members))))
         AND (@unread = 0 OR NOT EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id))
         AND (@since IS NULL OR i.published_at >= @since)
         AND (@cp IS NULL OR i.published_at < @cp OR (i.published_at = @cp AND i.id < @cid))
       ORDER BY i.published_at DESC, i.id DESC
       LIMIT @limit`,
    )
    .all({
      source: f.source ?? null,
      topic: f.topic ?? null,
      pub: f.publicTopicsOnly ? 1 : 0,
      user: f.userId ?? null,
      members: f.memberTopicIds ? JSON.stringify(f.memberTopicIds) : null,
      unread: f.unreadOnly && f.userId ? 1 : 0,
      since: f.since ?? null,
      cp: f.cursor?.publishedAt ?? null,
      cid: f.cursor?.id ?? null,
      limit: f.limit + 1,
    }) as (Omit<ItemRow, 'topics' | 'categories' | 'enclosures' | 'read'> & { topics: string; categories: string; enclosures: string; read: number })[];
  const page = rows.slice(0, f.limit).map((r) => ({
    ...r,
    topics: JSON.parse(r.topics) as string[],
    categories: JSON.parse(r.categories) as string[],
    enclosures: JSON.parse(r.enclosures) as ItemRow['enclosures'],
    read: r.read === 1,
  }));
  const last = page[page.length - 1];
  return { items: page, next: rows.length > f.limit && last ? { publishedAt: last.publishedAt, id: last.id } : null };
}
