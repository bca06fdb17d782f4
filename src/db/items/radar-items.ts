import type { Sqlite } from '../client.js';

/**
 * The items the signal radar reads, in date order: title, the start of the text, address, date and
 * source. Pages by keyset on (published_at, id) so a big backlog never sits in memory at once.
 */
export type RadarItemRow = { id: number; title: string | null; text: string | null; url: string | null; publishedAt: number; sourceId: number; source: string };
export type RadarItemPage = {
  /** Items published after (at, id), in (published_at, id) order. */
  after: { at: number; id: number };
  /** Only items published at or before this time (ms). */
  until: number;
  /** Only items with a larger id (the live radar's "not fed yet"). */
  minId?: number;
  /** Only items of sources in this topic. */
  topicId?: number | null;
  limit: number;
};

const TEXT_CHARS = 600;

const prepared = new WeakMap<Sqlite, Map<boolean, ReturnType<Sqlite['prepare']>>>();

function statement(sqlite: Sqlite, byTopic: boolean): ReturnType<Sqlite['prepare']> {
  let cache = prepared.get(sqlite);
  if (!cache) prepared.set(sqlite, (cache = new Map()));
  let stmt = cache.get(byTopic);
  if (!stmt) cache.set(byTopic, (stmt = sqlite.prepare(
    `SELECT i.id, i.title, substr(COALESCE(i.content_text, i.summary), 1, ${TEXT_CHARS}) AS text, i.url,
       i.published_at AS publishedAt, i.source_id AS sourceId, s.slug AS source
     FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.id > @minId AND i.deleted_at IS NULL AND i.published_at <= @until
       AND (i.published_at > @at OR (i.published_at = @at AND i.id > @id))
       ${byTopic ? 'AND i.source_id IN (SELECT source_id FROM source_topics WHERE topic_id = @topicId)' : ''}
     ORDER BY i.published_at, i.id LIMIT @limit`,
  )));
  return stmt;
}

export function radarItemsPage(sqlite: Sqlite, page: RadarItemPage): RadarItemRow[] {
  const byTopic = page.topicId !== undefined && page.topicId !== null;
  return statement(sqlite, byTopic).all({ minId: page.minId ?? 0, until: page.until, at: page.after.at, id: page.after.id, limit: page.limit, ...(byTopic ? { topicId: page.topicId } : {}) }) as RadarItemRow[];
}

/** The ids among these that are items still present (not deleted). */
export function existingItemIds(sqlite: Sqlite, ids: readonly number[]): number[] {
  const stmt = sqlite.prepare(`SELECT 1 FROM items WHERE id = ? AND deleted_at IS NULL`);
  return ids.filter((id) => stmt.get(id) !== undefined);
}
