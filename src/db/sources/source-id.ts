import type { Sqlite } from '../client.js';

/** The id of the live (not deleted) source with this slug, or null. */
export function liveSourceIdBySlug(sqlite: Sqlite, slug: string): number | null {
  return (sqlite.prepare(`SELECT id FROM sources WHERE slug = ? AND deleted_at IS NULL`).pluck().get(slug) as number | undefined) ?? null;
}

/** True when a source (live or deleted) holds this slug: slugs are never reused. */
export function sourceSlugTaken(sqlite: Sqlite, slug: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM sources WHERE slug = ?`).get(slug) !== undefined;
}

/** The slug of the live source with this URL, or null. */
export function liveSourceSlugByUrl(sqlite: Sqlite, url: string): string | null {
  return (sqlite.prepare(`SELECT slug FROM sources WHERE url = ? AND deleted_at IS NULL`).pluck().get(url) as string | undefined) ?? null;
}
