/**
 * Items as reader apps ask for them (Google Reader streams, Fever pages): a stream is the reading list, the read or
 * starred state, a source, a topic or a tag; always within what the viewer may read (src/access), newest first by
 * the order Vigie stored them (item ids grow with storing time), keyset-paginated on the id.
 */
import { accessParams, curationReadableSql, itemReadableSql, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';

export type Stream =
  | { kind: 'all' }
  | { kind: 'read' }
  | { kind: 'starred' }
  | { kind: 'source'; id: number }
  | { kind: 'topic'; id: number }
  | { kind: 'tag'; name: string };

export interface StreamQuery {
  include: Stream;
  /** Extra streams an item must be in (`it`). */
  also?: Stream[];
  /** Streams an item must not be in (`xt`: usually the read state). */
  exclude?: Stream[];
  /** Stored at or after (ms), stored before (ms). */
  storedFrom?: number | null;
  storedBefore?: number | null;
  oldestFirst?: boolean;
  /** Continue after this id (exclusive), in the query's order. */
  after?: number | null;
  /** Only ids below / above (Fever's max_id / since_id). */
  below?: number | null;
  above?: number | null;
  limit: number;
}

/** The SQL condition for one stream over item `i`, with its parameters (named, prefixed). */
function streamSql(v: Viewer, s: Stream, p: string, params: Record<string, unknown>): string {
  switch (s.kind) {
    case 'all':
      return '1';
    case 'read':
      return `EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id)`;
    case 'starred':
      return `EXISTS (SELECT 1 FROM item_marks m WHERE m.user_id = @user AND m.item_id = i.id AND m.mark = 'star')`;
    case 'source':
      params[p] = s.id;
      return `i.source_id = @${p}`;
    case 'topic':
      params[p] = s.id;
      return `EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = i.source_id AND st.topic_id = @${p} AND ${topicReadableSql(v, 'st.topic_id')})`;
    case 'tag':
      params[p] = s.name;
      return `EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id AND t.name = @${p} AND ${curationReadableSql(v, 't.topic_id', '0')})`;
  }
}

/** The WHERE clause and parameters of a stream query (shared by listing, counting and marking). */
export function streamWhere(v: Viewer, userId: number, q: Omit<StreamQuery, 'limit' | 'oldestFirst' | 'after'>): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { ...accessParams(v), user: userId };
  const parts = [`i.deleted_at IS NULL`, itemReadableSql(v, 'i.source_id'), streamSql(v, q.include, 's0', params)];
  (q.also ?? []).forEach((s, n) => parts.push(streamSql(v, s, `a${n}`, params)));
  (q.exclude ?? []).forEach((s, n) => parts.push(`NOT ${streamSql(v, s, `x${n}`, params)}`));
  if (q.storedFrom != null) (params.storedFrom = q.storedFrom), parts.push(`i.first_seen_at >= @storedFrom`);
  if (q.storedBefore != null) (params.storedBefore = q.storedBefore), parts.push(`i.first_seen_at < @storedBefore`);
  if (q.below != null) (params.below = q.below), parts.push(`i.id < @below`);
  if (q.above != null) (params.above = q.above), parts.push(`i.id > @above`);
  return { where: parts.join(' AND '), params };
}

export interface ItemRef {
  id: number;
  sourceId: number;
  firstSeenAt: number;
  publishedAt: number;
}

/** One page of a stream: `limit` refs and whether more follow. */
export function listStreamRefs(sqlite: Sqlite, v: Viewer, userId: number, q: StreamQuery): { refs: ItemRef[]; more: boolean } {
  const { where, params } = streamWhere(v, userId, q);
  let cond = where;
  if (q.after != null) (params.after = q.after), (cond += q.oldestFirst ? ` AND i.id > @after` : ` AND i.id < @after`);
  params.limit = q.limit + 1;
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.source_id AS sourceId, i.first_seen_at AS firstSeenAt, i.published_at AS publishedAt FROM items i
       WHERE ${cond} ORDER BY i.id ${q.oldestFirst ? 'ASC' : 'DESC'} LIMIT @limit`,
    )
    .all(params) as ItemRef[];
  return { refs: rows.slice(0, q.limit), more: rows.length > q.limit };
}

/** Every id of a stream (Fever's unread and saved lists), newest first. */
export function listStreamIds(sqlite: Sqlite, v: Viewer, userId: number, q: Omit<StreamQuery, 'limit'>): number[] {
  const { where, params } = streamWhere(v, userId, q);
  return sqlite.prepare(`SELECT i.id FROM items i WHERE ${where} ORDER BY i.id DESC`).pluck().all(params) as number[];
}

export interface ReaderItem {
  id: number;
  sourceId: number;
  title: string | null;
  url: string | null;
  author: string | null;
  summary: string | null;
  contentHtml: string | null;
  publishedAt: number;
  firstSeenAt: number;
  updatedAt: number;
  categories: string[];
  enclosures: { url: string; type: string | null; length: number | null }[];
  read: boolean;
  starred: boolean;
  /** Topic ids of the item's source that the viewer reads (labels). */
  topicIds: number[];
  /** Tag names the viewer may see on the item. */
  tags: string[];
}

/** The readable items among `ids` (unknown or unreadable ids are left out), in the order asked. */
export function getReaderItems(sqlite: Sqlite, v: Viewer, userId: number, ids: readonly number[]): ReaderItem[] {
  if (!ids.length) return [];
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.source_id AS sourceId, i.title, i.url, i.author, i.summary, i.content_html AS contentHtml, i.published_at AS publishedAt,
         i.first_seen_at AS firstSeenAt, i.updated_at AS updatedAt, i.categories, i.enclosures,
         EXISTS (SELECT 1 FROM item_reads r WHERE r.user_id = @user AND r.item_id = i.id) AS read,
         EXISTS (SELECT 1 FROM item_marks m WHERE m.user_id = @user AND m.item_id = i.id AND m.mark = 'star') AS starred,
         (SELECT json_group_array(st.topic_id) FROM source_topics st WHERE st.source_id = i.source_id AND ${topicReadableSql(v, 'st.topic_id')}) AS topicIds,
         (SELECT json_group_array(DISTINCT t.name) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id AND ${curationReadableSql(v, 't.topic_id', '0')}) AS tags
       FROM items i WHERE i.id IN (SELECT value FROM json_each(@ids)) AND i.deleted_at IS NULL AND ${itemReadableSql(v, 'i.source_id')}`,
    )
    .all({ ...accessParams(v), user: userId, ids: JSON.stringify(ids) }) as (Omit<ReaderItem, 'read' | 'starred' | 'categories' | 'enclosures' | 'topicIds' | 'tags'> & {
    read: number;
    starred: number;
    categories: string;
    enclosures: string;
    topicIds: string;
    tags: string;
  })[];
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        read: r.read === 1,
        starred: r.starred === 1,
        categories: JSON.parse(r.categories) as string[],
        enclosures: JSON.parse(r.enclosures) as ReaderItem['enclosures'],
        topicIds: JSON.parse(r.topicIds) as number[],
        tags: JSON.parse(r.tags) as string[],
      },
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((x): x is ReaderItem => x !== undefined);
}

/** Unread readable items per source (the source ids the viewer reads), with the newest storing time. */
export function unreadPerSource(sqlite: Sqlite, v: Viewer, userId: number): { sourceId: number; count: number; newest: number }[] {
  const { where, params } = streamWhere(v, userId, { include: { kind: 'all' }, exclude: [{ kind: 'read' }] });
  return sqlite.prepare(`SELECT i.source_id AS sourceId, count(*) AS count, max(i.first_seen_at) AS newest FROM items i WHERE ${where} GROUP BY i.source_id`).all(params) as {
    sourceId: number;
    count: number;
    newest: number;
  }[];
}

/** How many items a stream holds. */
export function countStream(sqlite: Sqlite, v: Viewer, userId: number, q: Omit<StreamQuery, 'limit'>): number {
  const { where, params } = streamWhere(v, userId, q);
  return sqlite.prepare(`SELECT count(*) FROM items i WHERE ${where}`).pluck().get(params) as number;
}
