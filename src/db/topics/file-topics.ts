import type { Sqlite } from '../client.js';

export interface DeclaredTopic {
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
}

/**
 * Writes a topic declared in feeds.yaml: created, or updated (and marked as the file's) when it differs. Prepared
 * once; call the returned function per topic.
 */
export function prepareFileTopicUpsert(sqlite: Sqlite): (t: DeclaredTopic, now: number) => void {
  const upsert = sqlite.prepare(
    `INSERT INTO topics (slug, name, description, public, origin, created_at, updated_at)
     VALUES (@slug, @name, @description, @public, 'file', @now, @now)
     ON CONFLICT(slug) DO UPDATE SET name = excluded.name, description = excluded.description,
       public = excluded.public, origin = 'file', updated_at = excluded.updated_at
     WHERE topics.name IS NOT excluded.name OR topics.description IS NOT excluded.description
       OR topics.public IS NOT excluded.public OR topics.origin IS NOT 'file'`,
  );
  return (t, now) => void upsert.run({ slug: t.slug, name: t.name, description: t.description, public: t.public ? 1 : 0, now });
}

/** Creates a topic managed in the app unless the slug exists; returns the topic's id either way. */
export function ensureAppTopic(sqlite: Sqlite, slug: string, name: string, now: number): number {
  sqlite
    .prepare(`INSERT INTO topics (slug, name, origin, created_at, updated_at) VALUES (?, ?, 'app', ?, ?) ON CONFLICT(slug) DO NOTHING`)
    .run(slug, name, now, now);
  return sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number;
}
