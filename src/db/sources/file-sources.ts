/** The writes that make the sources table agree with feeds.yaml (src/sources/sync.ts decides; this stores). */
import type { Sqlite } from '../client.js';

/** A declared source as stored: JSON columns already serialised. */
export interface DeclaredSourceRow {
  slug: string;
  kind: string;
  name: string | null;
  url: string | null;
  settings: string;
  tags: string;
  lang: string | null;
  enabled: 0 | 1;
  intervalMs: number | null;
}

export interface StoredSourceRow extends Omit<DeclaredSourceRow, 'slug'> {
  id: number;
  origin: string;
}

export interface FileSourceStatements {
  find(slug: string): StoredSourceRow | null;
  insert(row: DeclaredSourceRow, now: number): number;
  /** Rewrites a declared source; a changed URL forgets the validators and makes it due now. */
  update(id: number, row: DeclaredSourceRow, now: number): void;
  /** Replaces the source's topics with these (unknown slugs are skipped). */
  setTopics(id: number, topicSlugs: string[]): void;
  /** Enabled, live sources that came from the file. */
  listFromFile(): { id: number; slug: string }[];
  /** Disables a source the file no longer declares (its items stay). */
  retire(id: number, now: number): void;
}

/** Prepared once per sync. */
export function prepareFileSources(sqlite: Sqlite): FileSourceStatements {
  const find = sqlite.prepare(`SELECT id, kind, url, settings, tags, lang, enabled, interval_ms AS intervalMs, name, origin FROM sources WHERE slug = ?`);
  const insert = sqlite.prepare(
    `INSERT INTO sources (slug, kind, name, url, settings, tags, lang, enabled, origin, interval_ms, next_fetch_at, created_at, updated_at)
     VALUES (@slug, @kind, @name, @url, @settings, @tags, @lang, @enabled, 'file', @intervalMs, 0, @now, @now)`,
  );
  const update = sqlite.prepare(
    `UPDATE sources SET kind = @kind, name = @name, url = @url, settings = @settings, tags = @tags, lang = @lang,
       enabled = @enabled, origin = 'file', interval_ms = @intervalMs, deleted_at = NULL, updated_at = @now,
       etag = CASE WHEN url IS @url THEN etag END, last_modified = CASE WHEN url IS @url THEN last_modified END,
       next_fetch_at = CASE WHEN url IS @url THEN next_fetch_at ELSE 0 END
     WHERE id = @id`,
  );
  const topicId = sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck();
  const clearTopics = sqlite.prepare(`DELETE FROM source_topics WHERE source_id = ?`);
  const linkTopic = sqlite.prepare(`INSERT OR IGNORE INTO source_topics (source_id, topic_id) VALUES (?, ?)`);
  const fromFile = sqlite.prepare(`SELECT id, slug FROM sources WHERE origin = 'file' AND enabled = 1 AND deleted_at IS NULL`);
  const retire = sqlite.prepare(
    `UPDATE sources SET enabled = 0, last_error = 'no longer declared in feeds.yaml: disabled, items kept', updated_at = ? WHERE id = ?`,
  );
  return {
    find: (slug) => (find.get(slug) as StoredSourceRow | undefined) ?? null,
    insert: (row, now) => Number(insert.run({ ...row, now }).lastInsertRowid),
    update: (id, row, now) => void update.run({ ...row, id, now }),
    setTopics(id, topicSlugs) {
      clearTopics.run(id);
      for (const slug of topicSlugs) linkTopic.run(id, topicId.get(slug));
    },
    listFromFile: () => fromFile.all() as { id: number; slug: string }[],
    retire: (id, now) => void retire.run(now, id),
  };
}
