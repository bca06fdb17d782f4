import type { Sqlite } from '../client.js';

/** Sources and live items per topic (topics page). */
export function topicCounts(sqlite: Sqlite): Map<string, { sources: number; items: number }> {
  const rows = sqlite
    .prepare(
      `SELECT t.slug,
         (SELECT count(*) FROM source_topics st JOIN sources s ON s.id = st.source_id WHERE st.topic_id = t.id AND s.deleted_at IS NULL) AS sources,
         (SELECT coalesce(sum(s.item_count), 0) FROM source_topics st JOIN sources s ON s.id = st.source_id WHERE st.topic_id = t.id AND s.deleted_at IS NULL) AS items
       FROM topics t`,
    )
    .all() as { slug: string; sources: number; items: number }[];
  return new Map(rows.map((r) => [r.slug, { sources: r.sources, items: r.items }]));
}

/** A topic's members with their role in it (network-wide memberships excluded). */
export function topicMembers(sqlite: Sqlite, topicId: number): { id: number; name: string; email: string; role: 'curator' | 'member' }[] {
  return sqlite
    .prepare(
      `SELECT u.id, u.display_name AS name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.topic_id = ? AND u.deleted_at IS NULL ORDER BY m.role, u.display_name`,
    )
    .all(topicId) as { id: number; name: string; email: string; role: 'curator' | 'member' }[];
}

/** Titles of the items flags point at (signals board). */
export function itemTitles(sqlite: Sqlite, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = sqlite
    .prepare(`SELECT id, coalesce(title, url, '#' || id) AS title FROM items WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; title: string }[];
  return new Map(rows.map((r) => [r.id, r.title]));
}
