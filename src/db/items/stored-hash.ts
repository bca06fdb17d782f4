import type { Sqlite } from '../client.js';

/**
 * The content hash stored for a source's entry, found by dedupe key, else by canonical URL (what the store would
 * match it with); undefined when nothing is stored. Prepared once; call the returned function per entry.
 */
export function prepareStoredHashLookup(sqlite: Sqlite): (sourceId: number, dedupeKey: string, canonicalUrl: string | null) => string | undefined {
  const byKey = sqlite.prepare(`SELECT content_hash FROM items WHERE source_id = ? AND dedupe_key = ?`).pluck();
  const byUrl = sqlite.prepare(`SELECT content_hash FROM items WHERE source_id = ? AND canonical_url = ? LIMIT 1`).pluck();
  return (sourceId, dedupeKey, canonicalUrl) =>
    (byKey.get(sourceId, dedupeKey) ?? (canonicalUrl ? byUrl.get(sourceId, canonicalUrl) : undefined)) as string | undefined;
}
