/** Saved searches (owner of `saved_searches`): a member's own. */
import type { Sqlite } from '../client.js';

export interface SavedSearch {
  id: number;
  userId: number;
  name: string;
  query: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

const SELECT = `SELECT id, user_id AS userId, name, query, created_at AS createdAt, updated_at AS updatedAt FROM saved_searches`;
const parse = (r: Omit<SavedSearch, 'query'> & { query: string }): SavedSearch => ({ ...r, query: JSON.parse(r.query) as Record<string, unknown> });

export function createSavedSearch(sqlite: Sqlite, userId: number, s: { name: string; query: Record<string, unknown> }, now: number): SavedSearch {
  const id = Number(sqlite.prepare(`INSERT INTO saved_searches (user_id, name, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(userId, s.name, JSON.stringify(s.query), now, now).lastInsertRowid);
  return getSavedSearch(sqlite, id)!;
}

export function getSavedSearch(sqlite: Sqlite, id: number): SavedSearch | null {
  const r = sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as (Omit<SavedSearch, 'query'> & { query: string }) | undefined;
  return r ? parse(r) : null;
}

export function listSavedSearches(sqlite: Sqlite, userId: number): SavedSearch[] {
  return (sqlite.prepare(`${SELECT} WHERE user_id = ? ORDER BY name`).all(userId) as (Omit<SavedSearch, 'query'> & { query: string })[]).map(parse);
}

export function updateSavedSearch(sqlite: Sqlite, id: number, u: { name?: string; query?: Record<string, unknown> }, now: number): SavedSearch {
  const s = getSavedSearch(sqlite, id)!;
  sqlite.prepare(`UPDATE saved_searches SET name = ?, query = ?, updated_at = ? WHERE id = ?`).run(u.name ?? s.name, JSON.stringify(u.query ?? s.query), now, id);
  return getSavedSearch(sqlite, id)!;
}

export function deleteSavedSearch(sqlite: Sqlite, id: number): void {
  sqlite.prepare(`DELETE FROM saved_searches WHERE id = ?`).run(id);
}

export function savedSearchJson(s: SavedSearch) {
  return { id: s.id, name: s.name, query: s.query, createdAt: new Date(s.createdAt).toISOString(), updatedAt: new Date(s.updatedAt).toISOString() };
}
