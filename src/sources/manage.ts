import type { Sqlite } from '../db/client.js';
import { slugify } from './opml.js';

export interface NewSource {
  slug?: string;
  kind: string;
  url: string;
  name?: string | null;
  topics?: string[];
  tags?: string[];
  origin: 'app' | 'cli';
  settings?: Record<string, unknown>;
}

/** A slug not yet taken, derived from `base`. */
export function freeSlug(sqlite: Sqlite, base: string): string {
  const taken = sqlite.prepare(`SELECT 1 FROM sources WHERE slug = ?`).pluck();
  let slug = slugify(base);
  for (let n = 2; taken.get(slug); n++) slug = `${slugify(base).slice(0, 44)}-${n}`;
  return slug;
}

/** Creates a topic managed in the app when it does not exist yet; returns its id. */
export function ensureTopic(sqlite: Sqlite, slug: string, name: string, now: number): number {
  sqlite
    .prepare(`INSERT INTO topics (slug, name, origin, created_at, updated_at) VALUES (?, ?, 'app', ?, ?) ON CONFLICT(slug) DO NOTHING`)
    .run(slug, name, now, now);
  return sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number;
}

/** Adds a source (or returns the existing one with the same URL); returns its slug and whether it was created. */
export function addSource(sqlite: Sqlite, s: NewSource, now: number): { slug: string; created: boolean } {
  const existing = sqlite.prepare(`SELECT slug FROM sources WHERE url = ? AND deleted_at IS NULL`).pluck().get(s.url) as string | undefined;
  if (existing) return { slug: existing, created: false };
  const slug = s.slug ?? freeSlug(sqlite, s.name || new URL(s.url).hostname);
  const topicId = sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck();
  sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO sources (slug, kind, name, url, settings, tags, origin, next_fetch_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        )
        .run(slug, s.kind, s.name ?? null, s.url, JSON.stringify(s.settings ?? {}), JSON.stringify(s.tags ?? []), s.origin, now, now).lastInsertRowid,
    );
    for (const t of s.topics ?? []) {
      const tid = topicId.get(t) as number | undefined;
      if (tid === undefined) throw new Error(`unknown topic '${t}'`);
      sqlite.prepare(`INSERT OR IGNORE INTO source_topics (source_id, topic_id) VALUES (?, ?)`).run(id, tid);
    }
  })();
  return { slug, created: true };
}
