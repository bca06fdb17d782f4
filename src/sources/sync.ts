import type { Sqlite } from '../db/client.js';
import type { FeedsConfig, SourceDecl } from '../config/feeds.js';

export interface SyncReport {
  topics: number;
  sources: number;
  added: string[];
  changed: string[];
  /** Sources that were declared in feeds.yaml before and are not anymore: disabled, items kept. */
  retired: string[];
}

/** Settings stored as JSON: everything of the declaration but the columns of their own. */
function settingsOf(s: SourceDecl): Record<string, unknown> {
  const { slug, kind, name, url, topic, topics, topicField, tags, enabled, interval, lang, ...rest } = s as SourceDecl & { url?: string };
  void slug, kind, name, url, topic, topics, topicField, tags, enabled, interval, lang;
  return rest;
}

/**
 * Makes the database agree with feeds.yaml: the file wins for the topics and sources it declares; sources it used
 * to declare are disabled (their items stay); topics and sources created in the app are left alone.
 */
export function syncFeedsConfig(sqlite: Sqlite, feeds: FeedsConfig, now: number): SyncReport {
  const report: SyncReport = { topics: feeds.topics.length, sources: feeds.sources.length, added: [], changed: [], retired: [] };
  const upsertTopic = sqlite.prepare(
    `INSERT INTO topics (slug, name, description, public, origin, created_at, updated_at)
     VALUES (@slug, @name, @description, @public, 'file', @now, @now)
     ON CONFLICT(slug) DO UPDATE SET name = excluded.name, description = excluded.description,
       public = excluded.public, origin = 'file', updated_at = excluded.updated_at
     WHERE topics.name IS NOT excluded.name OR topics.description IS NOT excluded.description
       OR topics.public IS NOT excluded.public OR topics.origin IS NOT 'file'`,
  );
  const findSource = sqlite.prepare(`SELECT id, kind, url, settings, tags, lang, enabled, interval_ms AS intervalMs, name, origin FROM sources WHERE slug = ?`);
  const insertSource = sqlite.prepare(
    `INSERT INTO sources (slug, kind, name, url, settings, tags, lang, enabled, origin, interval_ms, next_fetch_at, created_at, updated_at)
     VALUES (@slug, @kind, @name, @url, @settings, @tags, @lang, @enabled, 'file', @intervalMs, 0, @now, @now)`,
  );
  const updateSource = sqlite.prepare(
    `UPDATE sources SET kind = @kind, name = @name, url = @url, settings = @settings, tags = @tags, lang = @lang,
       enabled = @enabled, origin = 'file', interval_ms = @intervalMs, deleted_at = NULL, updated_at = @now,
       etag = CASE WHEN url IS @url THEN etag END, last_modified = CASE WHEN url IS @url THEN last_modified END,
       next_fetch_at = CASE WHEN url IS @url THEN next_fetch_at ELSE 0 END
     WHERE id = @id`,
  );
  const topicId = sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck();
  const clearTopics = sqlite.prepare(`DELETE FROM source_topics WHERE source_id = ?`);
  const linkTopic = sqlite.prepare(`INSERT OR IGNORE INTO source_topics (source_id, topic_id) VALUES (?, ?)`);
  const fileSources = sqlite.prepare(`SELECT id, slug FROM sources WHERE origin = 'file' AND enabled = 1 AND deleted_at IS NULL`);
  const retire = sqlite.prepare(
    `UPDATE sources SET enabled = 0, last_error = 'no longer declared in feeds.yaml: disabled, items kept', updated_at = ? WHERE id = ?`,
  );

  sqlite.transaction(() => {
    for (const t of feeds.topics) {
      upsertTopic.run({ slug: t.slug, name: t.name, description: t.description ?? null, public: t.public ? 1 : 0, now });
    }
    const declared = new Set<string>();
    for (const s of feeds.sources) {
      declared.add(s.slug);
      const row = {
        slug: s.slug,
        kind: s.kind,
        name: s.name ?? null,
        url: 'url' in s ? s.url : null,
        settings: JSON.stringify(settingsOf(s)),
        tags: JSON.stringify(s.tags),
        lang: s.lang ?? null,
        enabled: s.enabled ? 1 : 0,
        intervalMs: s.interval ?? null,
        now,
      };
      const existing = findSource.get(s.slug) as Record<string, unknown> | undefined;
      let id: number;
      if (!existing) {
        id = Number(insertSource.run(row).lastInsertRowid);
        report.added.push(s.slug);
      } else {
        id = existing.id as number;
        const same =
          existing.kind === row.kind && existing.url === row.url && existing.settings === row.settings &&
          existing.tags === row.tags && existing.lang === row.lang && existing.enabled === row.enabled &&
          existing.intervalMs === row.intervalMs && existing.name === row.name && existing.origin === 'file';
        if (!same) {
          updateSource.run({ ...row, id });
          report.changed.push(s.slug);
        }
      }
      clearTopics.run(id);
      for (const slug of s.topics) linkTopic.run(id, topicId.get(slug));
    }
    for (const { id, slug } of fileSources.all() as { id: number; slug: string }[]) {
      if (!declared.has(slug)) {
        retire.run(now, id);
        report.retired.push(slug);
      }
    }
  })();
  return report;
}
