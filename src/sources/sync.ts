import type { Sqlite } from '../db/client.js';
import type { FeedsConfig, SourceDecl } from '../config/feeds.js';
import { prepareFileSources, type DeclaredSourceRow } from '../db/sources/file-sources.js';
import { prepareFileTopicUpsert } from '../db/topics/file-topics.js';

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
  const upsertTopic = prepareFileTopicUpsert(sqlite);
  const sources = prepareFileSources(sqlite);

  sqlite.transaction(() => {
    for (const t of feeds.topics) {
      upsertTopic({ slug: t.slug, name: t.name, description: t.description ?? null, public: t.public }, now);
    }
    const declared = new Set<string>();
    for (const s of feeds.sources) {
      declared.add(s.slug);
      const row: DeclaredSourceRow = {
        slug: s.slug,
        kind: s.kind,
        name: s.name ?? null,
        url: 'url' in s ? s.url : null,
        settings: JSON.stringify(settingsOf(s)),
        tags: JSON.stringify(s.tags),
        lang: s.lang ?? null,
        enabled: s.enabled ? 1 : 0,
        intervalMs: s.interval ?? null,
      };
      const existing = sources.find(s.slug);
      let id: number;
      if (!existing) {
        id = sources.insert(row, now);
        report.added.push(s.slug);
      } else {
        id = existing.id;
        const same =
          existing.kind === row.kind && existing.url === row.url && existing.settings === row.settings &&
          existing.tags === row.tags && existing.lang === row.lang && existing.enabled === row.enabled &&
          existing.intervalMs === row.intervalMs && existing.name === row.name && existing.origin === 'file';
        if (!same) {
          sources.update(id, row, now);
          report.changed.push(s.slug);
        }
      }
      sources.setTopics(id, s.topics);
    }
    for (const { id, slug } of sources.listFromFile()) {
      if (!declared.has(slug)) {
        sources.retire(id, now);
        report.retired.push(slug);
      }
    }
  })();
  return report;
}
