import type { Sqlite } from '../client.js';

/** The id of the topic with this slug, or null. */
export function topicIdBySlug(sqlite: Sqlite, slug: string): number | null {
  return (sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number | undefined) ?? null;
}

/** Every topic's id. */
export function listTopicIds(sqlite: Sqlite): number[] {
  return sqlite.prepare(`SELECT id FROM topics ORDER BY id`).pluck().all() as number[];
}
