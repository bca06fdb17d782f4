import type { Sqlite } from '../client.js';

/** The id of a source's item with this dedupe key, or null. */
export function itemIdByDedupeKey(sqlite: Sqlite, sourceId: number, dedupeKey: string): number | null {
  return (sqlite.prepare(`SELECT id FROM items WHERE source_id = ? AND dedupe_key = ?`).pluck().get(sourceId, dedupeKey) as number | undefined) ?? null;
}
