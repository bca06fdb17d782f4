/** Newsletter sources as the inbound mail path sees them. */
import type { Sqlite } from '../client.js';

export interface NewsletterSourceRow {
  id: number;
  slug: string;
  lang: string | null;
  /** The source's settings JSON, unparsed. */
  settings: string;
}

/** The enabled, live newsletter source with this slug, or null. */
export function findNewsletterSource(sqlite: Sqlite, slug: string): NewsletterSourceRow | null {
  return (
    (sqlite
      .prepare(`SELECT id, slug, lang, settings FROM sources WHERE slug = ? AND kind = 'newsletter' AND enabled = 1 AND deleted_at IS NULL`)
      .get(slug) as NewsletterSourceRow | undefined) ?? null
  );
}

/** Slugs of every enabled, live newsletter source. */
export function newsletterSlugs(sqlite: Sqlite): string[] {
  return sqlite.prepare(`SELECT slug FROM sources WHERE kind = 'newsletter' AND enabled = 1 AND deleted_at IS NULL`).pluck().all() as string[];
}

/** A message reached the source: its last success and item count follow. */
export function recordNewsletterDelivery(sqlite: Sqlite, sourceId: number, now: number): void {
  sqlite.prepare(`UPDATE sources SET last_success_at = ?, item_count = (SELECT count(*) FROM items WHERE source_id = sources.id) WHERE id = ?`).run(now, sourceId);
}
