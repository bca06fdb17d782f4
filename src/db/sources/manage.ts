import type { Sqlite } from '../client.js';

export interface ManagedSource {
  id: number;
  slug: string;
  origin: 'file' | 'app' | 'cli';
  enabled: boolean;
  topicIds: number[];
}

export function managedSource(sqlite: Sqlite, slug: string): ManagedSource | null {
  const r = sqlite
    .prepare(
      `SELECT id, slug, origin, enabled, (SELECT json_group_array(topic_id) FROM source_topics WHERE source_id = s.id) AS topicIds
       FROM sources s WHERE slug = ? AND deleted_at IS NULL`,
    )
    .get(slug) as { id: number; slug: string; origin: ManagedSource['origin']; enabled: number; topicIds: string } | undefined;
  return r ? { ...r, enabled: r.enabled === 1, topicIds: JSON.parse(r.topicIds) as number[] } : null;
}

/** Pauses or resumes fetching (resuming makes it due at once). */
export function setSourceEnabledRow(sqlite: Sqlite, id: number, enabled: boolean, now: number): void {
  sqlite.prepare(`UPDATE sources SET enabled = ?, next_fetch_at = CASE WHEN ? = 1 THEN 0 ELSE next_fetch_at END, updated_at = ? WHERE id = ?`).run(enabled ? 1 : 0, enabled ? 1 : 0, now, id);
}

/** Soft delete: the row stays, because curated items still point at it. */
export function softDeleteSource(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE sources SET enabled = 0, deleted_at = ?, updated_at = ? WHERE id = ?`).run(now, now, id);
}
