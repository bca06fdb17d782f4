import { accessParams, itemReadableSql, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';
import { clusterSizeSql } from './cluster.js';

export interface ItemFilter {
  /** One item (the API's item by id). */
  id?: number;
  /** Slugs; the caller has checked that the viewer reads them (an unreadable one answers 404). */
  topic?: string;
  source?: string;
  /** Only items published at or after this time (ms). */
  since?: number;
  limit: number;
  /** Opaque position returned as nextCursor by the previous page. */
  cursor?: { publishedAt: number; id: number };
  /** Only what the viewer has not opened (signed-in viewers; read state comes back per item for them). */
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
  /** Whether the viewer opened it (false for viewers who are not a person). */
  read: boolean;
}

/** JSON array of the slugs of the source `s`'s topics that the viewer reads (an item never names a hidden topic). */
export function readableTopicSlugsSql(viewer: Viewer): string {
  return `(SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND ${topicReadableSql(viewer, 't.id')})`;
}

/**
 * The items the viewer may read, newest first, keyset-paginated on (published_at, id): the API's item list and the
 * web stream alike. The cluster size counts only sources of readable siblings.
 */
export function listItems(sqlite: Sqlite, viewer: Viewer, f: ItemFilter): { items: ItemRow[]; next: { publishedAt: number; id: number } | null } {
  const rows = prepared(
    sqlite,
      `SELECT i.id, s.slug AS source, COALESCE(s.name, s.feed_title) AS sourceName,
         ${readableTopicSlugsSql(viewer)} AS topics,
         i.title, i.url, i.canonical_url AS canonicalUrl, i.author, i.published_at AS publishedAt, i.first_seen_at AS firstSeenAt,
         i.summary, i.lang, i.categories, i.enclosures, i.cluster_id AS clusterId,
         ${clusterSizeSql(viewer)} AS clusterSize,
         (@user IS NOT NULL AND EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id)) AS read
       FROM items i JOIN sources s ON s.id = i.source_id
       WHERE i.deleted_at IS NULL
         AND (@id IS NULL OR i.id = @id)
         AND (@source IS NULL OR s.slug = @source)
         AND (@topic IS NULL OR EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.slug = @topic))
         AND ${itemReadableSql(viewer, 'i.source_id')}
         AND (@unread = 0 OR NOT EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id))
         AND (@since IS NULL OR i.published_at >= @since)
         AND (@cp IS NULL OR i.published_at < @cp OR (i.published_at = @cp AND i.id < @cid))
       ORDER BY i.published_at DESC, i.id DESC
       LIMIT @limit`,
  )
    .all({
      ...accessParams(viewer),
      id: f.id ?? null,
      source: f.source ?? null,
      topic: f.topic ?? null,
      user: viewer.userId,
      unread: f.unreadOnly && viewer.userId !== null ? 1 : 0,
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
