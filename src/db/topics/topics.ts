import type { Sqlite } from '../client.js';

export interface Topic {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
  origin: 'file' | 'app';
}

type Row = Omit<Topic, 'public'> & { public: number };
const topic = (t: Row): Topic => ({ ...t, public: t.public === 1 });

export function listAllTopics(sqlite: Sqlite): Topic[] {
  return (sqlite.prepare(`SELECT id, slug, name, description, public, origin FROM topics ORDER BY name`).all() as Row[]).map(topic);
}

export function getTopic(sqlite: Sqlite, slug: string): Topic | null {
  const t = sqlite.prepare(`SELECT id, slug, name, description, public, origin FROM topics WHERE slug = ?`).get(slug) as Row | undefined;
  return t ? topic(t) : null;
}

/** A topic created in the app; returns its id. */
export function insertAppTopic(sqlite: Sqlite, t: { slug: string; name: string; description?: string | null; public: boolean }, now: number): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO topics (slug, name, description, public, origin, created_at, updated_at) VALUES (?, ?, ?, ?, 'app', ?, ?)`)
      .run(t.slug, t.name, t.description ?? null, t.public ? 1 : 0, now, now).lastInsertRowid,
  );
}

export function updateTopicRow(sqlite: Sqlite, id: number, v: { name: string; description: string | null; public: boolean }, now: number): void {
  sqlite.prepare(`UPDATE topics SET name = ?, description = ?, public = ?, updated_at = ? WHERE id = ?`).run(v.name, v.description, v.public ? 1 : 0, now, id);
}
