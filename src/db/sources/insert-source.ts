import type { Sqlite } from '../client.js';

export interface NewSourceRow {
  slug: string;
  kind: string;
  url: string;
  name: string | null;
  settings: Record<string, unknown>;
  tags: string[];
  origin: 'app' | 'cli';
  /** Topic slugs; an unknown one throws and nothing is stored. */
  topics: string[];
}

/** Stores a source added in the app or the CLI, due now, with its topics, in one transaction; returns its id. */
export function insertSource(sqlite: Sqlite, s: NewSourceRow, now: number): number {
  const topicId = sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck();
  const link = sqlite.prepare(`INSERT OR IGNORE INTO source_topics (source_id, topic_id) VALUES (?, ?)`);
  return sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO sources (slug, kind, name, url, settings, tags, origin, next_fetch_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        )
        .run(s.slug, s.kind, s.name, s.url, JSON.stringify(s.settings), JSON.stringify(s.tags), s.origin, now, now).lastInsertRowid,
    );
    for (const t of s.topics) {
      const tid = topicId.get(t) as number | undefined;
      if (tid === undefined) throw new Error(`unknown topic '${t}'`);
      link.run(id, tid);
    }
    return id;
  })();
}
