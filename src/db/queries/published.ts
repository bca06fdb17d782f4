/**
 * What republication reads: approved items of public topics only. An approved item is published in every public
 * topic of its source (approvals.topic_id only records where the curator acted, so it just picks the item's
 * home topic when several apply). Items of a private topic never appear here.
 */
import type { Sqlite } from '../client.js';

export interface PublicTopic extends TopicInfo {
  published: number;
  lastApprovedAt: number | null;
}

export interface TopicInfo {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  updatedAt: number;
}

export interface PublishedRow {
  itemId: number;
  note: string | null;
  approvedAt: number;
  title: string | null;
  url: string | null;
  author: string | null;
  summary: string | null;
  contentText: string | null;
  lang: string | null;
  publishedAt: number;
  updatedAt: number;
  sourceName: string;
  sourceFeed: string | null;
  sourceHome: string | null;
  topicId: number;
  topicSlug: string;
  topicName: string;
  tags: string[];
  annotations: { html: string; author: string | null; updatedAt: number }[];
}

export type PublishScope = { topicId?: number; tagId?: number; itemId?: number };

/** Chooses, per item, the public topic it is shown under (the approving topic first when public). */
const PUBLIC_TOPIC_OF_SOURCE = `FROM source_topics st JOIN topics tt ON tt.id = st.topic_id
   WHERE st.source_id = i.source_id AND tt.public = 1 AND (@topic IS NULL OR st.topic_id = @topic)`;
const HOME_TOPIC = `COALESCE((SELECT st.topic_id ${PUBLIC_TOPIC_OF_SOURCE} AND st.topic_id = a.topic_id), (SELECT min(st.topic_id) ${PUBLIC_TOPIC_OF_SOURCE}))`;

const PUBLISHED = `SELECT a.item_id AS itemId, a.note, a.created_at AS approvedAt, i.title, COALESCE(i.url, i.canonical_url) AS url,
    i.author, i.summary, substr(i.content_text, 1, 2000) AS contentText, i.lang, i.published_at AS publishedAt, i.updated_at AS updatedAt,
    COALESCE(s.name, s.feed_title, s.slug) AS sourceName, s.url AS sourceFeed, s.feed_link AS sourceHome,
    t.id AS topicId, t.slug AS topicSlug, t.name AS topicName,
    (SELECT json_group_array(g.name) FROM item_tags it JOIN tags g ON g.id = it.tag_id WHERE it.item_id = a.item_id AND g.topic_id = t.id) AS tags,
    (SELECT json_group_array(json_object('html', n.body_html, 'author', u.display_name, 'updatedAt', n.updated_at))
       FROM annotations n LEFT JOIN users u ON u.id = n.author_id
       WHERE n.item_id = a.item_id AND n.visibility = 'public' AND n.deleted_at IS NULL) AS annotations
  FROM approvals a
  JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
  JOIN sources s ON s.id = i.source_id
  JOIN topics t
  WHERE t.id = ${HOME_TOPIC}
    AND (@tag IS NULL OR EXISTS (SELECT 1 FROM item_tags it WHERE it.item_id = a.item_id AND it.tag_id = @tag))
    AND (@item IS NULL OR a.item_id = @item)
  ORDER BY a.created_at DESC, a.item_id DESC LIMIT @limit`;

type RawRow = Omit<PublishedRow, 'tags' | 'annotations'> & { tags: string; annotations: string };

const toRow = (r: RawRow): PublishedRow => ({
  ...r,
  tags: (JSON.parse(r.tags) as string[]).sort(),
  annotations: (JSON.parse(r.annotations) as PublishedRow['annotations']).sort((x, y) => x.updatedAt - y.updatedAt),
});

/** Published items, newest approval first, in one public topic, one of its tags, or network-wide. */
export function listPublished(sqlite: Sqlite, scope: PublishScope, limit: number): PublishedRow[] {
  const rows = sqlite.prepare(PUBLISHED).all({ topic: scope.topicId ?? null, tag: scope.tagId ?? null, item: scope.itemId ?? null, limit }) as RawRow[];
  return rows.map(toRow);
}

/** One published item as shown under a public topic, or null when it is not (or no longer) published there. */
export function getPublished(sqlite: Sqlite, topicId: number, itemId: number): PublishedRow | null {
  return listPublished(sqlite, { topicId, itemId }, 1)[0] ?? null;
}

// Approvals drive the loop (CROSS JOIN keeps that order): there are far fewer of them than items of a topic.
const TOPIC_STATS = `SELECT count(*) AS published, max(a.created_at) AS lastApprovedAt
  FROM approvals a CROSS JOIN items i ON i.id = a.item_id
  WHERE i.deleted_at IS NULL AND EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = i.source_id AND st.topic_id = t.id)`;
const TOPIC_COLUMNS = `t.id, t.slug, t.name, t.description, t.updated_at AS updatedAt`;

/** Public topics with how many items each publishes (the network home). */
export function listPublicTopics(sqlite: Sqlite): PublicTopic[] {
  return sqlite
    .prepare(
      `SELECT ${TOPIC_COLUMNS}, (SELECT published FROM (${TOPIC_STATS})) AS published, (SELECT lastApprovedAt FROM (${TOPIC_STATS})) AS lastApprovedAt
       FROM topics t WHERE t.public = 1 ORDER BY t.name COLLATE NOCASE, t.slug`,
    )
    .all() as PublicTopic[];
}

/** A public topic by slug (cheap: read on every public request). */
export function getPublicTopic(sqlite: Sqlite, slug: string): TopicInfo | null {
  return (sqlite.prepare(`SELECT ${TOPIC_COLUMNS} FROM topics t WHERE t.slug = ? AND t.public = 1`).get(slug) as TopicInfo | undefined) ?? null;
}

/** A tag of a topic by its (normalised) name. */
export function getTopicTag(sqlite: Sqlite, topicId: number, name: string): { id: number; name: string } | null {
  return (sqlite.prepare(`SELECT id, name FROM tags WHERE topic_id = ? AND name = ?`).get(topicId, name.trim().toLowerCase()) as { id: number; name: string } | undefined) ?? null;
}

/** Tags of a topic that have at least one published item (for per-tag feed links). */
export function listPublishedTags(sqlite: Sqlite, topicId: number): { name: string; count: number }[] {
  return sqlite
    .prepare(
      `SELECT g.name, count(*) AS count FROM tags g JOIN item_tags it ON it.tag_id = g.id JOIN approvals a ON a.item_id = it.item_id
       WHERE g.topic_id = ? GROUP BY g.id ORDER BY count DESC, g.name LIMIT 50`,
    )
    .all(topicId) as { name: string; count: number }[];
}

export interface PublicSignal {
  id: number;
  strength: number;
  rationale: string;
  status: 'watching' | 'confirmed';
  createdAt: number;
  items: { id: number; title: string | null; url: string | null; published: boolean }[];
}

/** Weak signals a curator made public in this topic (dismissed ones are not shown). */
export function listPublicSignals(sqlite: Sqlite, topicId: number, limit: number): PublicSignal[] {
  const rows = sqlite
    .prepare(
      `SELECT f.id, f.strength, f.rationale, f.status, f.created_at AS createdAt,
         (SELECT json_group_array(json_object('id', i.id, 'title', i.title, 'url', COALESCE(i.url, i.canonical_url),
            'published', EXISTS (SELECT 1 FROM approvals a WHERE a.item_id = i.id)))
          FROM flag_items fi JOIN items i ON i.id = fi.item_id AND i.deleted_at IS NULL
          WHERE fi.flag_id = f.id
            AND NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics tt ON tt.id = st.topic_id WHERE st.source_id = i.source_id AND tt.public = 0)) AS items
       FROM flags f WHERE f.topic_id = ? AND f.public = 1 AND f.status != 'dismissed'
       ORDER BY f.status = 'confirmed' DESC, f.strength DESC, f.id DESC LIMIT ?`,
    )
    .all(topicId, limit) as (Omit<PublicSignal, 'items'> & { items: string })[];
  return rows.map((r) => ({
    ...r,
    items: (JSON.parse(r.items) as { id: number; title: string | null; url: string | null; published: number }[]).map((i) => ({ ...i, published: i.published === 1 })),
  }));
}

/** Every published item's permalink facts, for the sitemap. */
export function listSitemapItems(sqlite: Sqlite, limit: number): { itemId: number; topicSlug: string; lastmod: number }[] {
  return listPublished(sqlite, {}, limit).map((r) => ({ itemId: r.itemId, topicSlug: r.topicSlug, lastmod: Math.max(r.approvedAt, r.updatedAt) }));
}

/**
 * A fingerprint of everything republication shows. Every curation change writes an audit row in the same
 * transaction (approve, unpublish, note, annotation, tag, flag, topic), so the audit's max id catches them; the
 * rest covers what changes without an audit row (item updates from ingestion, feeds.yaml topic and source sync).
 */
export function publicationFingerprint(sqlite: Sqlite): string {
  const r = sqlite
    .prepare(
      `SELECT (SELECT coalesce(max(id), 0) FROM audit_log) AS audit,
         (SELECT count(*) FROM approvals) AS approvals,
         (SELECT coalesce(max(created_at), 0) FROM approvals) AS lastApproval,
         (SELECT coalesce(max(i.updated_at), 0) || '.' || coalesce(sum(i.deleted_at IS NOT NULL), 0) FROM approvals a JOIN items i ON i.id = a.item_id) AS items,
         (SELECT coalesce(max(updated_at), 0) || '.' || count(*) || '.' || coalesce(sum(public), 0) FROM topics) AS topics,
         (SELECT coalesce(max(updated_at), 0) || '.' || count(*) FROM sources) AS sources,
         (SELECT count(*) || '.' || total(source_id * 7919 + topic_id) FROM source_topics) AS links`,
    )
    .get() as Record<string, string | number>;
  return `${r.audit}:${r.approvals}:${r.lastApproval}:${r.items}:${r.topics}:${r.sources}:${r.links}`;
}

/** When an item last left publication (unpublished), so Last-Modified never moves backwards. */
export function lastRemovalAt(sqlite: Sqlite): number {
  return (sqlite.prepare(`SELECT coalesce(max(created_at), 0) FROM audit_log WHERE action = 'approval.remove'`).pluck().get() as number) ?? 0;
}
