import type { Sqlite } from '../client.js';

/** Slug of every topic, by id. */
export function topicSlugsById(sqlite: Sqlite): Map<number, string> {
  const rows = sqlite.prepare(`SELECT id, slug FROM topics ORDER BY id`).all() as { id: number; slug: string }[];
  return new Map(rows.map((t) => [t.id, t.slug]));
}

/** Id of the topic with this slug, or null. */
export function topicIdOfSlug(sqlite: Sqlite, slug: string): number | null {
  return (sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number | undefined) ?? null;
}
