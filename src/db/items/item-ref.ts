import type { Sqlite } from '../client.js';

export interface ItemRef {
  id: number;
  sourceId: number;
  /** Topics of the item's source. */
  topicIds: number[];
  /** True when every topic is public (or there is none): anonymous readers may see it. */
  public: boolean;
}

/** An item with the topics its permissions come from, or null when it does not exist. */
export function itemRef(sqlite: Sqlite, id: number): ItemRef | null {
  const row = sqlite
    .prepare(
      `SELECT i.id, i.source_id AS sourceId,
         (SELECT json_group_array(st.topic_id) FROM source_topics st WHERE st.source_id = i.source_id) AS topicIds,
         NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = i.source_id AND t.public = 0) AS public
       FROM items i WHERE i.id = ? AND i.deleted_at IS NULL`,
    )
    .get(id) as { id: number; sourceId: number; topicIds: string; public: number } | undefined;
  return row ? { id: row.id, sourceId: row.sourceId, topicIds: JSON.parse(row.topicIds) as number[], public: row.public === 1 } : null;
}

export function topicBySlug(sqlite: Sqlite, slug: string): { id: number; slug: string; public: boolean; origin: 'file' | 'app' } | null {
  const r = sqlite.prepare(`SELECT id, slug, public, origin FROM topics WHERE slug = ?`).get(slug) as { id: number; slug: string; public: number; origin: 'file' | 'app' } | undefined;
  return r ? { ...r, public: r.public === 1 } : null;
}

export function topicSlugs(sqlite: Sqlite): Map<number, string> {
  return new Map((sqlite.prepare(`SELECT id, slug FROM topics`).all() as { id: number; slug: string }[]).map((t) => [t.id, t.slug]));
}
