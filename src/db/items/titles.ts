import type { Sqlite } from '../client.js';

/** Titles of the items flags point at (signals board). */
export function itemTitles(sqlite: Sqlite, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = sqlite
    .prepare(`SELECT id, coalesce(title, url, '#' || id) AS title FROM items WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; title: string }[];
  return new Map(rows.map((r) => [r.id, r.title]));
}
