/**
 * What republication reads (owner: approvals, with the items, tags, notes and flags they show). An approval is made
 * in one topic and publishes only there, and only while that topic is public: every query takes the viewer
 * (publicViewer for the world at large) and asks src/access. An item approved in several public topics is listed
 * once network-wide, under the first of them (its home topic).
 */
import { accessParams, curationReadableSql, itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';
import { APPROVAL_PUBLISHED } from './approvals.js';
import { FLAG_PUBLISHED } from './flags.js';

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

/** The approval `a` publishes its item `i`: public topic, readable, and the item still in that topic. */
const publishes = (v: Viewer, a: string, t: string, i: string) =>
  `${t}.public = 1 AND ${curationReadableSql(v, `${a}.topic_id`, APPROVAL_PUBLISHED.replaceAll('ta.', `${t}.`))}
   AND EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = ${i}.source_id AND st.topic_id = ${a}.topic_id)`;

const published = (v: Viewer) => `SELECT a.item_id AS itemId, a.note, a.created_at AS approvedAt, i.title, COALESCE(i.url, i.canonical_url) AS url,
    i.author, i.summary, substr(i.content_text, 1, 2000) AS contentText, i.lang, i.published_at AS publishedAt, i.updated_at AS updatedAt,
    COALESCE(s.name, s.feed_title, s.slug) AS sourceName, s.url AS sourceFeed, s.feed_link AS sourceHome,
    t.id AS topicId, t.slug AS topicSlug, t.name AS topicName,
    (SELECT json_group_array(g.name) FROM item_tags it JOIN tags g ON g.id = it.tag_id WHERE it.item_id = a.item_id AND g.topic_id = a.topic_id) AS tags,
    (SELECT json_group_array(json_object('html', n.body_html, 'author', u.display_name, 'updatedAt', n.updated_at))
       FROM annotations n LEFT JOIN users u ON u.id = n.author_id
       WHERE n.item_id = a.item_id AND n.topic_id = a.topic_id AND n.visibility = 'public' AND n.deleted_at IS NULL) AS annotations
  FROM approvals a
  JOIN topics t ON t.id = a.topic_id
  JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
  JOIN sources s ON s.id = i.source_id
  WHERE ${publishes(v, 'a', 't', 'i')}
    AND (@topic IS NULL OR a.topic_id = @topic)
    AND (@topic IS NOT NULL OR a.topic_id = (SELECT min(a2.topic_id) FROM approvals a2 JOIN topics t2 ON t2.id = a2.topic_id WHERE a2.item_id = a.item_id AND ${publishes(v, 'a2', 't2', 'i')}))
    AND (@tag IS NULL OR EXISTS (SELECT 1 FROM item_tags it WHERE it.item_id = a.item_id AND it.tag_id = @tag))
    AND (@item IS NULL OR a.item_id = @item)
  ORDER BY a.created_at DESC, a.item_id DESC LIMIT @limit`;

type RawRow = Omit<PublishedRow, 'tags' | 'annotations'> & { tags: string; annotations: string };

const toRow = (r: RawRow): PublishedRow => ({
  ...r,
  tags: (JSON.parse(r.tags) as string[]).sort(),
  annotations: (JSON.parse(r.annotations) as PublishedRow['annotations']).sort((x, y) => x.updatedAt - y.updatedAt),
});

/** Published items, newest approval first: approved in one public topic (or one of its tags), or network-wide. */
export function listPublished(sqlite: Sqlite, v: Viewer, scope: PublishScope, limit: number): PublishedRow[] {
  const rows = sqlite.prepare(published(v)).all({ ...accessParams(v), topic: scope.topicId ?? null, tag: scope.tagId ?? null, item: scope.itemId ?? null, limit }) as RawRow[];
  return rows.map(toRow);
}

/** One item as published in a public topic, or null when it is not (or no longer) approved there. */
export function getPublished(sqlite: Sqlite, v: Viewer, topicId: number, itemId: number): PublishedRow | null {
  return listPublished(sqlite, v, { topicId, itemId }, 1)[0] ?? null;
}

/** Every published item's permalink facts (under its home topic), for the sitemap. */
export function listSitemapItems(sqlite: Sqlite, v: Viewer, limit: number): { itemId: number; topicSlug: string; lastmod: number }[] {
  return listPublished(sqlite, v, {}, limit).map((r) => ({ itemId: r.itemId, topicSlug: r.topicSlug, lastmod: Math.max(r.approvedAt, r.updatedAt) }));
}

/** Tags of a public topic carried by at least one item published there (for per-tag feed links). */
export function listPublishedTags(sqlite: Sqlite, v: Viewer, topicId: number): { name: string; count: number }[] {
  return sqlite
    .prepare(
      `SELECT g.name, count(*) AS count FROM tags g JOIN item_tags it ON it.tag_id = g.id
         JOIN approvals a ON a.item_id = it.item_id AND a.topic_id = g.topic_id JOIN topics t ON t.id = a.topic_id
         JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
       WHERE g.topic_id = @topic AND ${publishes(v, 'a', 't', 'i')} GROUP BY g.id ORDER BY count DESC, g.name LIMIT 50`,
    )
    .all({ ...accessParams(v), topic: topicId }) as { name: string; count: number }[];
}

export interface PublicSignal {
  id: number;
  strength: number;
  rationale: string;
  status: 'watching' | 'confirmed';
  createdAt: number;
  items: { id: number; title: string | null; url: string | null; published: boolean }[];
}

/** Weak signals a curator made public in this topic (dismissed ones are not shown), with the items the viewer reads. */
export function listPublicSignals(sqlite: Sqlite, v: Viewer, topicId: number, limit: number): PublicSignal[] {
  const rows = sqlite
    .prepare(
      `SELECT f.id, f.strength, f.rationale, f.status, f.created_at AS createdAt,
         (SELECT json_group_array(json_object('id', i.id, 'title', i.title, 'url', COALESCE(i.url, i.canonical_url),
            'published', EXISTS (SELECT 1 FROM approvals a JOIN topics t ON t.id = a.topic_id WHERE a.item_id = i.id AND a.topic_id = f.topic_id AND ${publishes(v, 'a', 't', 'i')})))
          FROM flag_items fi JOIN items i ON i.id = fi.item_id AND i.deleted_at IS NULL
          WHERE fi.flag_id = f.id AND ${itemReadableSql(v, 'i.source_id')}) AS items
       FROM flags f WHERE f.topic_id = @topic AND ${FLAG_PUBLISHED} AND ${curationReadableSql(v, 'f.topic_id', FLAG_PUBLISHED)} AND f.status != 'dismissed'
       ORDER BY f.status = 'confirmed' DESC, f.strength DESC, f.id DESC LIMIT @limit`,
    )
    .all({ ...accessParams(v), topic: topicId, limit }) as (Omit<PublicSignal, 'items'> & { items: string })[];
  return rows.map((r) => ({
    ...r,
    items: (JSON.parse(r.items) as { id: number; title: string | null; url: string | null; published: number }[]).map((i) => ({ ...i, published: i.published === 1 })),
  }));
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
