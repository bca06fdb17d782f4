import { accessParams, itemReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';
import { readableTopicSlugsSql } from './list.js';

export interface ItemDetail {
  id: number;
  title: string | null;
  url: string | null;
  canonicalUrl: string | null;
  author: string | null;
  source: string;
  sourceName: string | null;
  /** The readable topics' slugs. */
  topics: string[];
  publishedAt: number;
  firstSeenAt: number;
  contentHtml: string | null;
  contentText: string | null;
  summary: string | null;
  categories: string[];
  enclosures: { url: string; type: string | null; length: number | null }[];
  lang: string | null;
  clusterId: number | null;
}

/** The item, when it exists and the viewer may read it; null otherwise (the caller answers 404 either way). */
export function getItem(sqlite: Sqlite, viewer: Viewer, id: number): ItemDetail | null {
  const r = prepared(
    sqlite,
    `SELECT i.id, i.title, i.url, i.canonical_url AS canonicalUrl, i.author, s.slug AS source, COALESCE(s.name, s.feed_title) AS sourceName,
       ${readableTopicSlugsSql(viewer)} AS topics,
       i.published_at AS publishedAt, i.first_seen_at AS firstSeenAt, i.content_html AS contentHtml, i.content_text AS contentText,
       i.summary, i.categories, i.enclosures, i.lang, i.cluster_id AS clusterId
     FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.id = @id AND i.deleted_at IS NULL AND ${itemReadableSql(viewer, 'i.source_id')}`,
  ).get({ ...accessParams(viewer), id }) as (Omit<ItemDetail, 'topics' | 'categories' | 'enclosures'> & { topics: string; categories: string; enclosures: string }) | undefined;
  return r ? { ...r, topics: JSON.parse(r.topics), categories: JSON.parse(r.categories), enclosures: JSON.parse(r.enclosures) } : null;
}
